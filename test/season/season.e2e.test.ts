/**
 * The season end to end: a Season 1 of 30 simulated participants (the demo's simulation, seed
 * "e2e") through every task of issue 6, on the in-process network, with the results checked
 * against the chain, the engine and the plan: season:init, season:deploy, season:export,
 * points:relay, epoch:close (×2), epoch:publish, epoch:revoke and a re-publish, epoch:accept,
 * rewards:fund, epoch:verify (a faithful dump and a tampered one), leaderboard, points:me,
 * rewards:proof and rewards:claim (claim and claimMany, before and after acceptance).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";
import hre from "hardhat";
import { saveEnv } from "../helpers/env";
import { readEvents } from "../helpers/events";
import { expectTaskError } from "../helpers/tasks";
import { tokenRecord } from "../../deploy/tokens";
import { REWARD_DISTRIBUTOR } from "../../deploy/rewards";
import {
  ACTION_OF,
  DEMO_ACTION_KEYS,
  joinersOf,
  planSeason,
  plannedActions,
  type SeasonPlan,
} from "../../src/demo/plan";
import {
  parseAllocationsCsv,
  parseScoresCsv,
  type AllocationLine,
} from "../../src/season/epoch-files";
import { epochTimeline, type EpochTimeline } from "../../src/demo/timeline";
import { readDeploymentRecord } from "../../src/deployments";
import { computeEpoch, type EpochSummary, type SeasonEvent } from "../../src/engine";
import { unitsToPoints } from "../../src/engine/units";
import { tierIndexOf } from "../../src/mint/tiers";
import { relayRef } from "../../src/points/ref";
import { REWARD_TOKEN } from "../../src/season/season1-template";
import { publishedRoot } from "../../tasks/lib/distributor";
import { loadDeployedSeason } from "../../tasks/lib/season";
import { advanceTo } from "../../scripts/demo/bulk";
import { DemoLog } from "../../scripts/demo/console";
import { seasonTasks, type AuditReport, type SeasonTasks } from "../../scripts/demo/flow";
import { Simulation } from "../../scripts/demo/simulate";

/** Every task this test drives (issue 6 pins their names, flags and results). */

const PARTICIPANTS = 30;
const EPOCH_SECONDS = 86_400;
const TIMELOCK = 3_600;
const TIER_DIVISOR = 100; // tiers of 1 / 5 / 20 / 100 ordinals, then open
const LEAF_ENCODING = ["address", "address", "uint256"];

describe("the season end to end (30 participants, every issue 6 task)", function () {
  this.timeout(600_000);

  let root = "";
  let log: DemoLog;
  let restoreEnv = (): void => undefined;
  let gasLimit = 0n;
  let seasonFile = "";
  let plan: SeasonPlan;
  let sim: Simulation;
  let tasks: SeasonTasks;
  let start = 0;
  let timeline: (epoch: number) => EpochTimeline;
  let reward = "";
  let operator = "";
  let guardian = "";
  const summaries: EpochSummary[] = [];

  /** Runs a task (or anything) with its output in the test's log file. */
  const quiet = <T>(what: string, fn: () => Promise<T>): Promise<T> => log.capture(what, fn);
  const epochDir = (n: number) => path.join(root, "epochs", `epoch-${n}`);
  const allocations = (n: number): AllocationLine[] =>
    parseAllocationsCsv(fs.readFileSync(path.join(epochDir(n), "allocations.csv"), "utf8"));
  const cumulativeOf = (n: number, account: string): bigint =>
    allocations(n).find(
      (a) => a.account === account.toLowerCase() && a.token === reward.toLowerCase(),
    )?.cumulative ?? 0n;
  const rewardBalance = async (account: string): Promise<bigint> =>
    (await hre.ethers.getContractAt("TestnetToken", reward)).balanceOf(account);

  before(async function () {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "season-e2e-"));
    restoreEnv = saveEnv(["DEPLOYMENTS_DIR", "EPOCHS_DIR", "RIDDLE_SECRETS_DIR"]);
    process.env.DEPLOYMENTS_DIR = path.join(root, "deployments");
    process.env.EPOCHS_DIR = path.join(root, "epochs");
    process.env.RIDDLE_SECRETS_DIR = path.join(root, "secrets");
    fs.mkdirSync(process.env.EPOCHS_DIR, { recursive: true });
    log = new DemoLog(path.join(root, "tasks.log"));
    gasLimit = BigInt((await hre.ethers.provider.getBlock("latest"))!.gasLimit);
    seasonFile = path.join(root, "season.json");
    [operator, guardian] = (await hre.ethers.getSigners()).map((s) => s.address);
    plan = planSeason({ participants: PARTICIPANTS, seed: "e2e" });
    tasks = seasonTasks(hre, seasonFile);
  });

  after(async () => {
    if (!root) return;
    log.close();
    restoreEnv();
    await hre.network.provider.request({
      method: "evm_setBlockGasLimit",
      params: [`0x${gasLimit.toString(16)}`],
    });
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("season:init writes a compact Season 1; season:deploy deploys it, and again changes nothing", async () => {
    await quiet("season:init", () =>
      hre.run("season:init", {
        out: seasonFile,
        epochSeconds: String(EPOCH_SECONDS),
        epochs: 2,
        timelock: String(TIMELOCK),
        tierDivisor: TIER_DIVISOR,
        guardian,
        mintMode: "open", // the plan's participants claim without vouchers (an explicit choice)
      }),
    );
    const raw = JSON.parse(fs.readFileSync(seasonFile, "utf8"));
    expect(raw.chain.mint.tiers.map((t: { lastOrdinal: string }) => t.lastOrdinal)).to.deep.equal([
      "1",
      "5",
      "20",
      "100",
      "open",
    ]);
    start = raw.rewards.epochs[0].endTime - EPOCH_SECONDS;
    timeline = (epoch) =>
      epochTimeline({ start, epochSeconds: EPOCH_SECONDS, timelock: TIMELOCK, epoch });

    await quiet("season:deploy", () => hre.run("season:deploy", { season: seasonFile }));
    const record = readDeploymentRecord(path.join(root, "deployments", "hardhat.json"))!;
    for (const name of [
      "TieredMint",
      "PointsRegistry",
      "RiddleBoard",
      REWARD_DISTRIBUTOR,
      "MockNetswapPair",
      tokenRecord(REWARD_TOKEN.symbol),
    ])
      expect(record.contracts, name).to.have.property(name);
    reward = record.contracts[tokenRecord(REWARD_TOKEN.symbol)].address;
    const block = await hre.ethers.provider.getBlockNumber();
    await quiet("season:deploy again", () => hre.run("season:deploy", { season: seasonFile }));
    expect(await hre.ethers.provider.getBlockNumber(), "a second deploy sends nothing").to.equal(
      block,
    );
    expect(readDeploymentRecord(path.join(root, "deployments", "hardhat.json"))).to.deep.equal(
      record,
    );
    // The relayer (the operator) reports for Netswap.
    await quiet("points:reporter:add", () =>
      hre.run("points:reporter:add", { dapp: "Netswap", reporter: operator }),
    );
  });

  it("epoch 1: participants mint (tiers in ordinal order), act in the five dApps and answer riddles", async () => {
    sim = await Simulation.create(hre, plan);
    const raw = JSON.parse(fs.readFileSync(seasonFile, "utf8"));
    await quiet("epoch 1", () => sim.playEpoch(1, timeline(1), raw.boosts));
    const deployed = await loadDeployedSeason(hre, seasonFile);
    const tiers = deployed.file.chain!.mint.tiers;
    const expected: number[] = [];
    for (let ordinal = 1; ordinal <= joinersOf(plan, 1).length; ordinal++) {
      const t = tierIndexOf(BigInt(ordinal), tiers);
      expected[t] = (expected[t] ?? 0) + 1;
    }
    expect(sim.claimsPerTier).to.deep.equal(expected);
    expect(expected.length, "30 participants reach four tiers").to.equal(4);
    const answers = [...sim.riddles.values()];
    expect(answers.map((r) => r.key)).to.deep.equal(["riddle-01", "riddle-02"]);
    expect(answers.reduce((n, r) => n + r.earned, 0)).to.be.greaterThan(0);
  });

  it("season:export writes every event of the chain once, and a re-run adds nothing", async () => {
    const file = path.join(root, "operator-export.ndjson");
    const run = await quiet("season:export", () =>
      hre.run("season:export", { season: seasonFile, out: file }),
    );
    expect(run.stopped).to.equal(false);
    const events = readEvents(file);
    expect(events).to.have.length(run.lines);
    const participants = new Set(sim.participants.map((p) => p.address.toLowerCase()));
    const ours = events.filter((e) => participants.has(e.account.toLowerCase()));
    expect(ours.filter((e) => e.kind === "mint")).to.have.length(joinersOf(plan, 1).length);
    // Each planned dApp call is exactly one action line (Netswap's through the relay rules).
    const planned = plannedActions(plan, 1);
    for (const key of DEMO_ACTION_KEYS) {
      const lines = ours.filter((e) => e.kind === "action" && e.action === key);
      expect(lines, key).to.have.length(planned.get(key) ?? 0);
    }
    expect(ours.filter((e) => e.kind === "action" && e.action === "join")).to.have.length(
      joinersOf(plan, 1).length,
    );
    const earned = [...sim.riddles.values()].reduce((n, r) => n + r.earned, 0);
    expect(ours.filter((e) => e.kind === "boost")).to.have.length(earned);

    const bytes = fs.readFileSync(file);
    const again = await quiet("season:export again", () =>
      hre.run("season:export", { season: seasonFile, out: file }),
    );
    expect(again.lines).to.equal(run.lines);
    expect(fs.readFileSync(file).equals(bytes), "resuming rewrites nothing").to.equal(true);
  });

  it("points:relay records Netswap's events with their relay refs once; a re-run relays nothing", async () => {
    const first = await quiet("points:relay", () => tasks.relay());
    const planned = plannedActions(plan, 1);
    // The participants' swaps and liquidity; not the operator's seeding of the pair (excluded).
    expect(first.relayed["netswap.swap"]).to.equal(planned.get("netswap.swap"));
    expect(first.relayed["netswap.add-liquidity"] ?? 0).to.equal(
      planned.get("netswap.add-liquidity") ?? 0,
    );
    const again = await quiet("points:relay again", () => tasks.relay());
    expect(Object.values(again.relayed).reduce((a, b) => a + b, 0)).to.equal(0);

    // The registry now holds them too, under the refs the exporter derives from the logs: an
    // export reads each Netswap event twice (directly and as a record) with one ref.
    const file = path.join(root, "after-relay.ndjson");
    await quiet("season:export after relay", () =>
      hre.run("season:export", { season: seasonFile, out: file }),
    );
    const netswap = readEvents(file).filter(
      (e) => e.kind === "action" && e.action.startsWith("netswap."),
    ) as Extract<SeasonEvent, { kind: "action" }>[];
    const refs = new Set(netswap.map((e) => e.ref));
    expect(netswap.length).to.equal(2 * refs.size);
    const { chainId } = await hre.ethers.provider.getNetwork();
    const pair = (await loadDeployedSeason(hre, seasonFile)).address("MockNetswapPair")!;
    const logs = await hre.ethers.provider.getLogs({ address: pair, fromBlock: 0 });
    const relayable = logs.filter((l) => refs.has(relayRef(chainId, l.transactionHash, l.index)));
    expect(relayable).to.have.length(refs.size);
  });

  it("epoch:close refuses before the epoch ends, then writes the folder the engine recomputes", async () => {
    await expectTaskError(
      () => quiet("epoch:close early", () => tasks.close(1)),
      /epoch 1 is not over/,
    );
    expect(fs.existsSync(epochDir(1))).to.equal(false);
    await advanceTo(hre, timeline(1).end, true);
    const summary = await quiet("epoch:close", () => tasks.close(1));
    summaries.push(summary);
    for (const f of ["scores.csv", "allocations.csv", "tree.json", "proofs.json", "summary.json"])
      expect(fs.existsSync(path.join(epochDir(1), f)), f).to.equal(true);
    // Every epoch-1 joiner; the operator's seeding is not the season's (season:init excludes it).
    expect(summary.participants).to.equal(joinersOf(plan, 1).length);
    const deployed = await loadDeployedSeason(hre, seasonFile);
    const again = computeEpoch({
      season: deployed.season,
      epoch: 1,
      eventsPath: path.join(root, "epochs", "events.ndjson"),
    });
    expect(again.root).to.equal(summary.root);
    const scores = parseScoresCsv(fs.readFileSync(path.join(epochDir(1), "scores.csv"), "utf8"));
    expect(scores.filter((s) => s.rank > 0)).to.have.length(summary.participants);
  });

  it("epoch:publish publishes the root; a second publish and a claim before acceptance are refused", async () => {
    const published = await quiet("epoch:publish", () => tasks.publish(1));
    expect(published.epoch).to.equal(1);
    expect(published.root).to.equal(summaries[0].root);
    expect(published.dataHash).to.equal(
      hre.ethers.keccak256(fs.readFileSync(path.join(epochDir(1), "tree.json"))),
    );
    const distributor = await hre.ethers.getContractAt(
      "RewardDistributor",
      (await loadDeployedSeason(hre, seasonFile)).address(REWARD_DISTRIBUTOR)!,
    );
    const pending = await distributor.pendingRoot();
    expect(pending.root).to.equal(summaries[0].root);
    expect(Number(pending.validAt)).to.equal(published.validAt);
    await expectTaskError(
      () => quiet("epoch:publish twice", () => tasks.publish(1)),
      /already published/,
    );
    const someone = sim.participants[0].address;
    await expectTaskError(
      () => quiet("claim too early", () => tasks.claim([someone])),
      /not accepted/,
    );
  });

  it("epoch:revoke (the guardian) withdraws the pending root; the epoch is published again", async () => {
    const revoked = await quiet("epoch:revoke", () => tasks.revoke(guardian));
    expect(revoked).to.deep.include({ epoch: 1, root: summaries[0].root });
    const distributor = await hre.ethers.getContractAt(
      "RewardDistributor",
      (await loadDeployedSeason(hre, seasonFile)).address(REWARD_DISTRIBUTOR)!,
    );
    expect((await publishedRoot(distributor, 1))!.status).to.equal("revoked");
    await expectTaskError(
      () => quiet("revoke nothing", () => tasks.revoke(guardian)),
      /no root is pending/,
    );
    const again = await quiet("epoch:publish again", () => tasks.publish(1));
    expect(again.root).to.equal(summaries[0].root);
    expect((await publishedRoot(distributor, 1))!.status).to.equal("pending");
  });

  it("rewards:fund funds exactly what epoch 1's entitlements need", async () => {
    const funded = await quiet("rewards:fund", () => tasks.fundEpoch(1));
    const needed = allocations(1).reduce((s, a) => s + a.cumulative, 0n);
    expect(funded.map((f) => [f.token.toLowerCase(), BigInt(f.amount)])).to.deep.equal([
      [reward.toLowerCase(), needed],
    ]);
    const distributor = (await loadDeployedSeason(hre, seasonFile)).address(REWARD_DISTRIBUTOR)!;
    expect(
      await (await hre.ethers.getContractAt("TestnetToken", reward)).balanceOf(distributor),
    ).to.equal(needed);
    const more = await quiet("rewards:fund again", () => tasks.fundEpoch(1));
    expect(more, "nothing is missing any more").to.deep.equal([]);
  });

  it("epoch:verify verifies epoch 1 from the chain alone, and names a dump that does not match", async () => {
    const work = path.join(root, "auditor");
    const report = await quiet("epoch:verify", () =>
      tasks.verify(1, path.join(epochDir(1), "tree.json"), path.join(root, "verify-1.json"), work),
    );
    expect(report.ok).to.equal(true);
    expect(report.recomputed.root).to.equal(summaries[0].root);
    expect(report.dump.proofsChecked).to.equal(summaries[0].leaves);
    expect(report.checks.filter((c) => c.result === "FAIL")).to.deep.equal([]);

    // A dump whose first leaf pays one unit more: its hash and root no longer match the chain.
    const dump = JSON.parse(fs.readFileSync(path.join(epochDir(1), "tree.json"), "utf8"));
    const [account, token, amount] = dump.values[0].value as [string, string, string];
    dump.values[0].value = [account, token, (BigInt(amount) + 1n).toString()];
    const tampered = path.join(root, "tampered-tree.json");
    fs.writeFileSync(tampered, JSON.stringify(dump));
    const reportFile = path.join(root, "verify-tampered.json");
    await expectTaskError(
      () => quiet("epoch:verify tampered", () => tasks.verify(1, tampered, reportFile, work)),
      /epoch 1 does not verify/,
    );
    const written = JSON.parse(fs.readFileSync(reportFile, "utf8")) as AuditReport;
    expect(written.ok).to.equal(false);
    const codes = written.differences.map((d) => d.code);
    expect(codes).to.include("data-hash");
    expect(codes).to.include("leaf-amount");
  });

  it("epoch:accept refuses before the timelock ends, naming when; then accepts", async () => {
    await expectTaskError(
      () => quiet("accept early", () => tasks.accept()),
      /can be accepted from/,
    );
    const latest = (await hre.ethers.provider.getBlock("latest"))!.timestamp;
    await advanceTo(hre, latest + TIMELOCK, true);
    expect(await quiet("epoch:accept", () => tasks.accept())).to.deep.include({
      epoch: 1,
      root: summaries[0].root,
    });
  });

  it("leaderboard and points:me explain the standings, as scores.csv and the plan say", async () => {
    const scores = parseScoresCsv(fs.readFileSync(path.join(epochDir(1), "scores.csv"), "utf8"));
    const top = (await quiet("leaderboard", () => tasks.leaderboard({ top: 5, json: true }))) as {
      epoch: number;
      rows: { rank: number; account: string; score: string }[];
    };
    expect(top.epoch).to.equal(1);
    expect(top.rows.map((r) => [r.rank, r.account.toLowerCase()])).to.deep.equal(
      scores.slice(0, 5).map((s) => [s.rank, s.account]),
    );

    // The busiest participant of epoch 1: its breakdown matches its plan.
    const busiest = [...sim.participants]
      .filter((p) => p.plan.joinEpoch === 1)
      .sort(
        (a, b) =>
          b.plan.epochs[0].wave1.length +
          b.plan.epochs[0].wave2.length -
          (a.plan.epochs[0].wave1.length + a.plan.epochs[0].wave2.length),
      )[0];
    const mine = scores.find((s) => s.account === busiest.address.toLowerCase())!;
    const one = (await quiet("leaderboard --account", () =>
      tasks.leaderboard({ account: busiest.address, json: true }),
    )) as { rows: { rank: number; rewards: { cumulative: bigint; claimable?: bigint }[] }[] };
    expect(one.rows[0].rank).to.equal(mine.rank);
    expect(one.rows[0].rewards[0].claimable).to.equal(cumulativeOf(1, busiest.address));

    const me = (await quiet("points:me", () =>
      tasks.pointsMe(busiest.address, { json: true }),
    )) as {
      rank: number;
      score: string;
      actions: { action: string; completions: number }[];
      boosts: { boost: string }[];
    };
    expect(me.rank).to.equal(mine.rank);
    expect(me.score).to.equal(unitsToPoints(mine.scoreUnits));
    const planned = new Map<string, number>([["join", 1]]);
    for (const s of [...busiest.plan.epochs[0].wave1, ...busiest.plan.epochs[0].wave2]) {
      planned.set(ACTION_OF[s.op], (planned.get(ACTION_OF[s.op]) ?? 0) + 1);
    }
    expect(new Map(me.actions.map((a) => [a.action, a.completions]))).to.deep.equal(planned);
    const earned = busiest.plan.riddles
      .filter((r) => r.reveals && ["riddle-01", "riddle-02"].includes(r.key))
      .map((r) => r.key);
    expect(me.boosts.map((b) => b.boost).sort()).to.deep.equal(earned.sort());
  });

  it("rewards:proof gives proofs of the accepted root; rewards:claim pays exact amounts (claim and claimMany)", async () => {
    const [a, b, c, d] = sim.participants
      .filter((p) => p.plan.joinEpoch === 1)
      .map((p) => p.address);
    const proof = await quiet("rewards:proof", () => tasks.proof(a));
    expect(proof.epoch).to.equal(1);
    expect(proof.root).to.equal(summaries[0].root);
    expect(proof.claims).to.have.length(1);
    const leaf = proof.claims[0];
    expect(BigInt(leaf.amount)).to.equal(cumulativeOf(1, a));
    expect(
      StandardMerkleTree.verify(
        proof.root,
        LEAF_ENCODING,
        [a, leaf.token, leaf.amount],
        leaf.proof,
      ),
    ).to.equal(true);

    const before = await rewardBalance(a);
    const single = await quiet("rewards:claim one", () => tasks.claim([a]));
    expect(single.paid.map((p) => [p.account, BigInt(p.amount)])).to.deep.equal([
      [a, cumulativeOf(1, a)],
    ]);
    expect((await rewardBalance(a)) - before).to.equal(cumulativeOf(1, a));
    const receipt = await hre.ethers.provider.getTransactionReceipt(single.txHash);
    expect(receipt!.gasUsed).to.equal(BigInt(single.gasUsed));

    const balances = await Promise.all([b, c, d].map(rewardBalance));
    const batch = await quiet("rewards:claim batch", () => tasks.claim([b, c, d]));
    const tx = await hre.ethers.provider.getTransaction(batch.txHash);
    expect(tx!.data.slice(0, 10)).to.equal(
      (await hre.ethers.getContractAt("RewardDistributor", tx!.to!)).interface.getFunction(
        "claimMany",
      )!.selector,
    );
    for (const [i, account] of [b, c, d].entries()) {
      expect((await rewardBalance(account)) - balances[i], account).to.equal(
        cumulativeOf(1, account),
      );
    }
    await expectTaskError(() => quiet("claim again", () => tasks.claim([a])), /nothing to claim/);
  });

  it("epoch 2: cumulative entitlements never decrease, the audit checks it, a second claim pays the difference", async () => {
    const raw = JSON.parse(fs.readFileSync(seasonFile, "utf8"));
    await quiet("epoch 2", () => sim.playEpoch(2, timeline(2), raw.boosts));
    const relayed = await quiet("points:relay 2", () => tasks.relay());
    const planned = plannedActions(plan, 2);
    expect(relayed.relayed["netswap.swap"] ?? 0).to.equal(planned.get("netswap.swap") ?? 0);
    await advanceTo(hre, timeline(2).end, true);
    const summary = await quiet("epoch:close 2", () => tasks.close(2));
    summaries.push(summary);
    expect(summary.participants).to.equal(PARTICIPANTS);
    for (const row of allocations(1)) {
      expect(cumulativeOf(2, row.account), row.account).to.be.at.least(row.cumulative);
    }
    await quiet("epoch:publish 2", () => tasks.publish(2));
    await quiet("rewards:fund 2", () => tasks.fundEpoch(2));
    const report = await quiet("epoch:verify 2", () =>
      tasks.verify(
        2,
        path.join(epochDir(2), "tree.json"),
        path.join(root, "verify-2.json"),
        path.join(root, "auditor"),
      ),
    );
    expect(report.ok).to.equal(true);
    expect(report.checks.find((c) => c.name === "monotonic")!.result).to.equal("ok");
    const latest = (await hre.ethers.provider.getBlock("latest"))!.timestamp;
    await advanceTo(hre, latest + TIMELOCK, true);
    await quiet("epoch:accept 2", () => tasks.accept());

    const early = sim.participants.find((p) => p.plan.joinEpoch === 1)!.address; // claimed after epoch 1
    const late = sim.participants.find((p) => p.plan.joinEpoch === 2)!.address;
    const before = await Promise.all([early, late].map(rewardBalance));
    const result = await quiet("rewards:claim 2", () => tasks.claim([early, late]));
    expect(result.paid).to.have.length(2);
    expect((await rewardBalance(early)) - before[0]).to.equal(
      cumulativeOf(2, early) - cumulativeOf(1, early),
    );
    expect((await rewardBalance(late)) - before[1]).to.equal(cumulativeOf(2, late));
  });
});
