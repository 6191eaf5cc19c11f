/**
 * Playing a season plan (src/demo/plan.ts) on a deployed season: participants' wallets mint, get
 * the faucet's drip, approve and call the five dApp stand-ins, and commit and reveal riddle
 * answers; the operator publishes and reveals the riddles with the riddle tasks. Transactions go
 * out in bulk (scripts/demo/bulk.ts), one flush per phase of the epoch's timeline.
 */
import { MaxUint256, Wallet, id as eventId, parseUnits } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import {
  approvalsOf,
  type DemoStep,
  type ParticipantPlan,
  type SeasonPlan,
} from "../../src/demo/plan";
import type { RiddleStats } from "../../src/demo/highlights";
import type { EpochTimeline } from "../../src/demo/timeline";
import type { Boost } from "../../src/engine/boosts";
import { participantKey, riddleSalt } from "../../src/demo/wallets";
import { participantCommitment } from "../../src/points/riddle";
import { advanceTo, BulkSender, type Account, type MinedTx } from "./bulk";
import { endPhase, type PhaseTimings } from "./console";
import { seasonContracts, type SeasonContracts } from "./contracts";

export interface SimParticipant {
  index: number;
  plan: ParticipantPlan;
  account: Account;
  address: string;
}

const POSITION_OPENED = eventId("PositionOpened(uint256,address,bool,uint256,uint256,uint256)");
const MINT_CLAIMED = eventId("Claimed(address,uint64,uint256,uint64,uint256[])");
const BOOST_EARNED = eventId("BoostEarned(uint32,address)");

/** Gas limits of the calls that need more than the default. */
const GAS = { mintClaim: 1_000_000n } as const;

export class Simulation {
  readonly participants: SimParticipant[];
  /** Mint claims per tier index, from the mint's Claimed events. */
  readonly claimsPerTier: number[] = [];
  readonly riddles = new Map<string, RiddleStats>();
  private readonly openPositions = new Map<number, bigint[]>();
  private readonly approved = new Set<string>();
  private decimals = { usd: 6, weth: 18, tlp: 18 };

  private constructor(
    private readonly hre: HardhatRuntimeEnvironment,
    readonly bulk: BulkSender,
    readonly contracts: SeasonContracts,
    readonly plan: SeasonPlan,
    readonly operator: string,
    private readonly say: (line: string) => void,
    /** Wall-clock seconds per phase, appended as phases end. */
    readonly timings: PhaseTimings,
  ) {
    this.participants = plan.participants.map((p) => {
      const wallet = new Wallet(participantKey(plan.seed, p.index));
      return { index: p.index, plan: p, account: { wallet, nonce: 0 }, address: wallet.address };
    });
  }

  /**
   * Prepares a simulation on the season deployed on `hre`'s network: the participants' wallets,
   * funded with ETH, and the operator's faucet rights (MINTER_ROLE on the dApps' tokens).
   */
  static async create(
    hre: HardhatRuntimeEnvironment,
    plan: SeasonPlan,
    say: (line: string) => void = () => {},
    timings: PhaseTimings = [],
  ): Promise<Simulation> {
    const [operator] = await hre.ethers.getSigners();
    const contracts = await seasonContracts(hre);
    const bulk = await BulkSender.create(hre);
    const sim = new Simulation(hre, bulk, contracts, plan, operator.address, say, timings);
    await bulk.fund(sim.participants.map((p) => p.address));
    const token = (a: string) => new hre.ethers.Contract(a, contracts.abi.TestnetToken, operator);
    const minter = await token(contracts.tokens.usd).getFunction("MINTER_ROLE")();
    for (const [name, address] of Object.entries(contracts.tokens)) {
      const t = token(address);
      sim.decimals = { ...sim.decimals, [name]: Number(await t.getFunction("decimals")()) };
      if (!(await t.getFunction("hasRole")(minter, operator.address))) {
        await (await t.getFunction("grantRole")(minter, operator.address)).wait();
      }
    }
    return sim;
  }

  /** Runs a phase of the epoch; its time is recorded and printed even when it throws. */
  private async timed<T>(phase: string, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      this.say(endPhase(this.timings, phase, started));
    }
  }

  private active(epoch: number): SimParticipant[] {
    return this.participants.filter((p) => p.plan.joinEpoch <= epoch);
  }

  /** Plays `epoch`'s day: mint, wave 1, riddles, wave 2 (the epoch is closed by the caller). */
  async playEpoch(
    epoch: number,
    timeline: EpochTimeline,
    boosts: Readonly<Record<string, Boost>>,
  ): Promise<void> {
    await this.timed(`epoch ${epoch}: mint + faucet`, () => this.join(epoch, timeline.mint));
    await this.timed(`epoch ${epoch}: dApps, wave 1`, () =>
      this.wave(epoch, "wave1", timeline.wave1),
    );
    const riddles = this.plan.riddles.filter((r) => r.epoch === epoch);
    if (riddles.length > 0) {
      await this.timed(`epoch ${epoch}: riddles`, () => this.riddleDay(epoch, timeline, boosts));
    }
    await this.timed(`epoch ${epoch}: dApps, wave 2`, () =>
      this.wave(epoch, "wave2", timeline.wave2),
    );
  }

  /** Joiners claim the mint; the faucet drips to them. */
  private async join(epoch: number, at: number): Promise<void> {
    const { abi, tokens, mint } = this.contracts;
    const joiners = this.participants.filter((p) => p.plan.joinEpoch === epoch);
    const units = (n: number, decimals: number) => parseUnits(String(n), decimals);
    for (const p of joiners) {
      const drip: [string, bigint][] = [
        [tokens.usd, units(p.plan.faucet.usd, this.decimals.usd)],
        [tokens.weth, units(p.plan.faucet.weth, this.decimals.weth)],
        [tokens.tlp, units(p.plan.faucet.tlp, this.decimals.tlp)],
      ];
      for (const [token, amount] of drip) {
        if (amount === 0n) continue;
        const data = abi.TestnetToken.encodeFunctionData("mint", [p.address, amount]);
        this.bulk.queueFromNode(this.operator, token, data, "faucet mint");
      }
      const claim = abi.TieredMint.encodeFunctionData("claim", []);
      this.bulk.queue(p.account, mint, claim, "mint claim", GAS.mintClaim);
    }
    for (const tx of await this.bulk.flush(at)) {
      for (const log of tx.logs) {
        if (log.topics[0] !== MINT_CLAIMED || log.address.toLowerCase() !== mint.toLowerCase())
          continue;
        const tier = Number(abi.TieredMint.parseLog(log)!.args.tier);
        this.claimsPerTier[tier] = (this.claimsPerTier[tier] ?? 0) + 1;
      }
    }
    for (let t = 0; t < this.claimsPerTier.length; t++) this.claimsPerTier[t] ??= 0;
  }

  /** Calldata (target and data) of a plan step for participant `p`. */
  private call(p: SimParticipant, step: DemoStep): { to: string; data: string } {
    const { abi, dapps, tokens } = this.contracts;
    const usd = (n: number) => parseUnits(String(n), this.decimals.usd);
    const self = p.address;
    switch (step.op) {
      case "netswap.swap":
        return {
          to: dapps.netswap,
          data: abi.MockNetswapPair.encodeFunctionData("swap", [
            tokens.usd,
            usd(step.usd),
            1,
            self,
          ]),
        };
      case "netswap.addLiquidity": {
        // Twice the WETH needed at the reference price: the pair takes what its ratio needs.
        const weth = (parseUnits(String(step.usd), this.decimals.weth) * 2n) / 3_000n;
        const amounts = this.contracts.wethIsToken0 ? [weth, usd(step.usd)] : [usd(step.usd), weth];
        return {
          to: dapps.netswap,
          data: abi.MockNetswapPair.encodeFunctionData("addLiquidity", [...amounts, 1]),
        };
      }
      case "tethys.swap":
        return {
          to: dapps.tethys,
          data: abi.MockTethysExchange.encodeFunctionData("swap", [tokens.usd, usd(step.usd), 1]),
        };
      case "tethys.openPosition":
        return {
          to: dapps.tethys,
          data: abi.MockTethysExchange.encodeFunctionData("openPosition", [
            step.long,
            usd(step.usd),
            step.leverage,
          ]),
        };
      case "tethys.closePosition": {
        const open = this.openPositions.get(p.index) ?? [];
        const position = open.shift();
        if (position === undefined)
          throw new Error(`participant #${p.index} has no open position to close`);
        return {
          to: dapps.tethys,
          data: abi.MockTethysExchange.encodeFunctionData("closePosition", [position]),
        };
      }
      case "tethys.stakeTlp":
        return {
          to: dapps.tethys,
          data: abi.MockTethysExchange.encodeFunctionData("stakeTlp", [
            parseUnits(String(step.tlp), this.decimals.tlp),
          ]),
        };
      case "midas.buyTicket":
        return {
          to: dapps.midas,
          data: abi.MockMidasLottery.encodeFunctionData("buyTicket", []),
        };
      case "league.buyKeys":
        return {
          to: dapps.league,
          data: abi.MockLeagueTech.encodeFunctionData("buyKeys", [self, 1, MaxUint256]),
        };
      case "league.sellKeys":
        return {
          to: dapps.league,
          data: abi.MockLeagueTech.encodeFunctionData("sellKeys", [self, 1, 0]),
        };
      case "league.openShort":
        return {
          to: dapps.league,
          data: abi.MockLeagueTech.encodeFunctionData("openShort", [self, 1]),
        };
      case "league.createLeague":
        return {
          to: dapps.league,
          data: abi.MockLeagueTech.encodeFunctionData("createLeague", [step.name, usd(step.usd)]),
        };
      case "league.bet":
        return {
          to: dapps.league,
          data: abi.MockLeagueTech.encodeFunctionData("bet", [
            step.league,
            step.side,
            usd(step.usd),
          ]),
        };
      case "hummus.swap":
        return {
          to: dapps.hummus,
          data: abi.MockHummusPool.encodeFunctionData("swap", [
            tokens.usd,
            tokens.usdAlt,
            usd(step.usd),
            1,
            self,
          ]),
        };
      case "hummus.deposit":
        return {
          to: dapps.hummus,
          data: abi.MockHummusPool.encodeFunctionData("deposit", [tokens.usd, usd(step.usd)]),
        };
    }
  }

  /** Approvals a participant still needs for `steps`, queued before them. */
  private queueApprovals(p: SimParticipant, steps: readonly DemoStep[]): void {
    const { abi, dapps, tokens } = this.contracts;
    for (const step of steps) {
      for (const need of approvalsOf(step)) {
        const key = `${p.index}:${need.token}:${need.dapp}`;
        if (this.approved.has(key)) continue;
        this.approved.add(key);
        const data = abi.TestnetToken.encodeFunctionData("approve", [dapps[need.dapp], MaxUint256]);
        this.bulk.queue(p.account, tokens[need.token], data, "approve");
      }
    }
  }

  /** One wave of every active participant's steps (wave 1 first approves what the epoch needs). */
  private async wave(epoch: number, wave: "wave1" | "wave2", at: number): Promise<void> {
    for (const p of this.active(epoch)) {
      const steps = p.plan.epochs[epoch - 1];
      if (wave === "wave1") this.queueApprovals(p, [...steps.wave1, ...steps.wave2]);
      for (const step of steps[wave]) {
        const { to, data } = this.call(p, step);
        this.bulk.queue(p.account, to, data, step.op);
      }
    }
    this.notePositions(await this.bulk.flush(at));
  }

  /** Remembers the positions opened, per participant, oldest first. */
  private notePositions(mined: readonly MinedTx[]): void {
    const tethys = this.contracts.dapps.tethys.toLowerCase();
    const byAddress = new Map(this.participants.map((p) => [p.address.toLowerCase(), p.index]));
    for (const tx of mined) {
      for (const log of tx.logs) {
        if (log.topics[0] !== POSITION_OPENED || log.address.toLowerCase() !== tethys) continue;
        const parsed = this.contracts.abi.MockTethysExchange.parseLog(log)!;
        const index = byAddress.get(String(parsed.args.account).toLowerCase());
        if (index === undefined) continue;
        const open = this.openPositions.get(index) ?? [];
        open.push(parsed.args.id as bigint);
        this.openPositions.set(index, open);
      }
    }
  }

  /**
   * The day's riddles: the operator publishes them (riddle:publish), participants commit, the
   * operator reveals the answers after the commit window (riddle:reveal), and participants with
   * the right answer reveal theirs and earn the boost.
   */
  private async riddleDay(
    epoch: number,
    timeline: EpochTimeline,
    boosts: Readonly<Record<string, Boost>>,
  ): Promise<void> {
    const { abi, board } = this.contracts;
    const riddles = this.plan.riddles.filter((r) => r.epoch === epoch);
    await advanceTo(this.hre, timeline.riddlePublish, false);
    const ids = new Map<string, number>();
    const reader = new this.hre.ethers.Contract(board, abi.RiddleBoard, this.hre.ethers.provider);
    for (const riddle of riddles) {
      const boost = boosts[riddle.key];
      if (!boost) throw new Error(`the season file has no boost '${riddle.key}'`);
      await this.hre.run("riddle:publish", {
        key: riddle.key,
        answer: riddle.answer,
        kind: boost.kind,
        ...(boost.kind === "fixed"
          ? { points: boost.points }
          : { multiplier: `${boost.numerator}/${boost.denominator}` }),
        commitUntil: String(timeline.commitDeadline),
        revealUntil: String(timeline.revealDeadline),
        question: riddle.question,
      });
      ids.set(riddle.key, Number(await reader.getFunction("riddleId")(riddle.key)));
      this.riddles.set(riddle.key, {
        key: riddle.key,
        boost:
          boost.kind === "fixed"
            ? `+${boost.points} points`
            : `x${boost.numerator}/${boost.denominator}`,
        committed: 0,
        right: 0,
        wrong: 0,
        earned: 0,
      });
    }

    const { chainId } = await this.hre.ethers.provider.getNetwork();
    const answers = (p: SimParticipant) => p.plan.riddles.filter((a) => ids.has(a.key));
    for (const p of this.active(epoch)) {
      for (const a of answers(p)) {
        const riddle = ids.get(a.key)!;
        const commitment = participantCommitment({
          chainId,
          board,
          riddle,
          participant: p.address,
          answer: a.answer,
          salt: riddleSalt(this.plan.seed, p.index, a.key),
        });
        const data = abi.RiddleBoard.encodeFunctionData("commit", [riddle, commitment]);
        this.bulk.queue(p.account, board, data, "riddle commit");
        const stats = this.riddles.get(a.key)!;
        stats.committed++;
        if (a.correct) stats.right++;
        else stats.wrong++;
      }
    }
    await this.bulk.flush(timeline.commits);

    // The answer goes out once commits have closed (the board refuses it earlier).
    await advanceTo(this.hre, timeline.operatorReveal - 1, true);
    for (const riddle of riddles) await this.hre.run("riddle:reveal", { key: riddle.key });

    for (const p of this.active(epoch)) {
      for (const a of answers(p)) {
        if (!a.reveals) continue; // wrong answers cannot open to the right one: no boost
        const data = abi.RiddleBoard.encodeFunctionData("reveal", [
          ids.get(a.key)!,
          a.answer,
          riddleSalt(this.plan.seed, p.index, a.key),
        ]);
        this.bulk.queue(p.account, board, data, "riddle reveal");
      }
    }
    const keyOf = new Map([...ids.entries()].map(([k, v]) => [v, k]));
    for (const tx of await this.bulk.flush(timeline.participantReveal)) {
      for (const log of tx.logs) {
        if (log.topics[0] !== BOOST_EARNED) continue;
        const riddle = Number(abi.RiddleBoard.parseLog(log)!.args.riddle);
        this.riddles.get(keyOf.get(riddle)!)!.earned++;
      }
    }
  }
}
