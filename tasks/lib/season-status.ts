/**
 * season:status: read a deployed season's state from the chain and the epoch folders into a
 * `SeasonStatus` (rendered by src/season/status.ts).
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { PointsRegistry, RiddleBoard, TieredMint } from "../../typechain-types";
import { MINT_RECORD } from "../../deploy/mint";
import { REGISTRY_RECORD, RIDDLE_BOARD_RECORD } from "../../deploy/points";
import { REWARD_DISTRIBUTOR } from "../../deploy/rewards";
import { MINT_MODES } from "../../src/mint/config";
import { formatOrdinalRange } from "../../src/mint/format";
import { claimsInTier } from "../../src/mint/status";
import { tierIndexOf } from "../../src/mint/tiers";
import { riddlePhase } from "../../src/points/riddle";
import type { SeasonStatus } from "../../src/season/status";
import { distributorAt, publishedRoot } from "./distributor";
import { nextCommand, summaryIfClosed } from "./progress";
import type { DeployedSeason } from "./season";

/** Replays role grants and revocations: the holders of `role` now, in order of first grant. */
async function roleHolders(
  contract: PointsRegistry,
  role: string,
  fromBlock: number,
): Promise<string[]> {
  const [granted, revoked] = await Promise.all([
    contract.queryFilter(contract.filters.RoleGranted(role), fromBlock),
    contract.queryFilter(contract.filters.RoleRevoked(role), fromBlock),
  ]);
  const events = [
    ...granted.map((e) => ({ e, on: true })),
    ...revoked.map((e) => ({ e, on: false })),
  ].sort((a, b) => a.e.blockNumber - b.e.blockNumber || a.e.index - b.e.index);
  const holders = new Map<string, boolean>();
  for (const { e, on } of events) holders.set(String(e.args.account), on);
  return [...holders].filter(([, on]) => on).map(([a]) => a);
}

export async function readSeasonStatus(
  hre: HardhatRuntimeEnvironment,
  deployed: DeployedSeason,
): Promise<SeasonStatus> {
  const { record } = deployed;
  const block = (name: string) => record.contracts[name]?.blockNumber ?? 0;
  const at = <T>(name: string, address: string) =>
    hre.ethers.getContractAt(name, address) as Promise<T>;
  const mint = await at<TieredMint>("TieredMint", deployed.address(MINT_RECORD)!);
  const registry = await at<PointsRegistry>("PointsRegistry", deployed.address(REGISTRY_RECORD)!);
  const board = await at<RiddleBoard>("RiddleBoard", deployed.address(RIDDLE_BOARD_RECORD)!);
  const distributor = await distributorAt(hre, undefined, deployed);
  const latest = await hre.ethers.provider.getBlock("latest");
  const now = latest?.timestamp ?? 0;

  // Roles.
  const [owner, guardian, registrar, mode] = await Promise.all([
    distributor.owner(),
    distributor.guardian(),
    mint.registrar(),
    mint.mode(),
  ]);
  const publisherEvents = await distributor.queryFilter(
    distributor.filters.PublisherSet(),
    block(REWARD_DISTRIBUTOR),
  );
  const publishers = new Map<string, boolean>();
  for (const e of publisherEvents)
    publishers.set(String(e.args.publisher), Boolean(e.args.enabled));
  const reporters: SeasonStatus["roles"]["reporters"] = [];
  const dapps = Number(await registry.dappCount());
  for (let id = 1; id <= dapps; id++) {
    const role = await registry.reporterRole(id);
    reporters.push({
      dapp: await registry.dappName(id),
      reporters: await roleHolders(registry, role, block(REGISTRY_RECORD)),
    });
  }
  const mintMode = MINT_MODES[Number(mode)];

  // Mint.
  const [paused, closed, claimCount, tiersRaw, openingTime] = await Promise.all([
    mint.paused(),
    mint.closed(),
    mint.claimCount(),
    mint.tiers(),
    mint.openingTime(),
  ]);
  const tiers = tiersRaw.map((t) => ({ lastOrdinal: t.lastOrdinal, dollars: t.dollars }));
  const state = closed
    ? "closed"
    : paused
      ? "paused"
      : BigInt(now) < openingTime
        ? "not yet open"
        : "open";

  // Riddles.
  const riddles: SeasonStatus["riddles"] = [];
  const count = Number(await board.riddleCount());
  for (let id = 1; id <= count; id++) {
    const [r, key] = await Promise.all([board.getRiddle(id), board.riddleKey(id)]);
    riddles.push({
      key,
      phase: riddlePhase(r, BigInt(now)),
      commitDeadline: Number(r.commitDeadline),
      revealDeadline: Number(r.revealDeadline),
      revealed: r.answerRevealed,
      winners: Number(r.winners),
    });
  }

  // Epochs.
  const epochs: SeasonStatus["epochs"] = [];
  for (const e of deployed.season.rewards.epochs) {
    const onChain = await publishedRoot(distributor, e.epoch);
    const closedHere = summaryIfClosed(hre, e.epoch) !== undefined;
    if (onChain)
      epochs.push({
        epoch: e.epoch,
        endTime: e.endTime,
        state: onChain.status,
        root: onChain.root,
        ...(onChain.status === "pending" ? { validAt: onChain.validAt } : {}),
      });
    else
      epochs.push({
        epoch: e.epoch,
        endTime: e.endTime,
        state: closedHere ? "closed" : e.endTime <= now ? "ended" : "running",
      });
  }

  // Rewards, per token of the season's pools.
  const tokens = [
    ...new Set(deployed.season.rewards.epochs.flatMap((e) => Object.keys(e.pools))),
  ].map((t) => t.toLowerCase());
  const latestClosed = [...epochs].reverse().find((e) => summaryIfClosed(hre, e.epoch));
  const latestPublished = [...epochs]
    .reverse()
    .find((e) => e.state === "pending" || e.state === "accepted");
  const allocatedSummary = latestClosed && summaryIfClosed(hre, latestClosed.epoch);
  const owedSummary = latestPublished && summaryIfClosed(hre, latestPublished.epoch);
  const rewardTokens: SeasonStatus["tokens"] = [];
  for (const token of tokens) {
    const erc20 = await hre.ethers.getContractAt("TestnetToken", token);
    const [symbol, decimals, balance, funded, claims] = await Promise.all([
      erc20.symbol().catch(() => deployed.symbolOf(token)),
      erc20.decimals().catch(() => 18n),
      erc20.balanceOf(distributor.target),
      distributor.queryFilter(distributor.filters.Funded(token), block(REWARD_DISTRIBUTOR)),
      distributor.queryFilter(
        distributor.filters.Claimed(undefined, token),
        block(REWARD_DISTRIBUTOR),
      ),
    ]);
    const claimed = claims.reduce((s, e) => s + e.args.amount, 0n);
    const cumulative = (s: typeof owedSummary) => BigInt(s?.tokens[token]?.cumulative ?? "0");
    const owedCumulative = cumulative(owedSummary);
    const owed = owedCumulative > claimed ? owedCumulative - claimed : 0n;
    rewardTokens.push({
      token: hre.ethers.getAddress(token),
      symbol: String(symbol),
      decimals: Number(decimals),
      funded: funded.reduce((s, e) => s + e.args.amount, 0n),
      allocated: cumulative(allocatedSummary),
      claimed,
      owed,
      balance,
      shortfall: owed > balance ? owed - balance : 0n,
    });
  }

  const next = await nextCommand(hre, deployed);
  return {
    season: deployed.season.name,
    network: hre.network.name,
    chainId: deployed.chainId.toString(),
    chainTime: now,
    contracts: Object.entries(record.contracts).map(([name, c]) => ({
      name,
      address: c.address,
      block: c.blockNumber,
    })),
    roles: {
      owner,
      guardian: guardian === hre.ethers.ZeroAddress ? null : guardian,
      publishers: [...publishers].filter(([, on]) => on).map(([p]) => p),
      registrar: mintMode === "voucher" ? registrar : null,
      reporters,
    },
    mint: {
      state,
      mode: mintMode,
      claims: claimCount,
      tiers: tiers.map((t, i) => ({
        tier: i + 1,
        ordinals: formatOrdinalRange(i, tiers),
        dollars: t.dollars,
        claims: claimsInTier(i, tiers, claimCount),
      })),
      nextOrdinal: claimCount + 1n,
      nextTier: tierIndexOf(claimCount + 1n, tiers) + 1,
    },
    riddles,
    epochs,
    tokens: rewardTokens,
    next: {
      command: next.command,
      why: next.step.why,
      ...(next.step.from !== undefined ? { from: next.step.from } : {}),
    },
  };
}
