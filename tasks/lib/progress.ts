/**
 * The season's progress read from the chain and the epoch folders, and the `next:` line every
 * operator task prints: the exact next command for the state the season is in (src/season/next-step).
 */
import fs from "node:fs";
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { RewardDistributor } from "../../typechain-types";
import type { EpochSummary } from "../../src/engine/epoch";
import { REWARD_DISTRIBUTOR } from "../../deploy/rewards";
import { fundingNeeds, type TokenFunding } from "../../src/season/funding";
import {
  commandOf,
  nextStep,
  type NextStep,
  type SeasonProgress,
} from "../../src/season/next-step";
import { isoTime } from "../../src/format/time";
import { distributorAt } from "./distributor";
import { epochDir, readEpochSummary } from "./epochs";
import { epochsDir, type DeployedSeason } from "./season";

/** Per token of a closed epoch: what the distributor holds, what was claimed, the shortfall. */
export async function epochFunding(
  hre: HardhatRuntimeEnvironment,
  deployed: DeployedSeason,
  distributor: RewardDistributor,
  summary: EpochSummary,
): Promise<TokenFunding[]> {
  const fromBlock = deployed.record.contracts[REWARD_DISTRIBUTOR]?.blockNumber ?? 0;
  const state = new Map<string, { claimed: bigint; balance: bigint }>();
  for (const token of Object.keys(summary.tokens)) {
    const erc20 = await hre.ethers.getContractAt("TestnetToken", token);
    const claims = await distributor.queryFilter(
      distributor.filters.Claimed(undefined, token),
      fromBlock,
    );
    state.set(token, {
      claimed: claims.reduce((s, e) => s + e.args.amount, 0n),
      balance: await erc20.balanceOf(distributor.target),
    });
  }
  return fundingNeeds(summary.tokens, (t) => state.get(t)!);
}

/** The summary of epoch n's folder, or undefined when it is not closed here. */
export function summaryIfClosed(
  hre: HardhatRuntimeEnvironment,
  n: number,
): EpochSummary | undefined {
  const dir = epochDir(hre, n);
  return fs.existsSync(path.join(dir, "summary.json")) ? readEpochSummary(dir) : undefined;
}

/** The season's progress: the chain's time, closed epochs, accepted and pending roots, funding. */
export async function readProgress(
  hre: HardhatRuntimeEnvironment,
  deployed: DeployedSeason,
): Promise<SeasonProgress> {
  const distributor = await distributorAt(hre, undefined, deployed);
  const confirmations = deployed.file.chain?.confirmations ?? 0;
  const head = await hre.ethers.provider.getBlockNumber();
  const block = await hre.ethers.provider.getBlock(Math.max(0, head - confirmations));
  const [accepted, pendingRoot] = await Promise.all([
    distributor.epoch(),
    distributor.pendingRoot(),
  ]);
  const pending =
    pendingRoot.epoch === 0n
      ? undefined
      : { epoch: Number(pendingRoot.epoch), validAt: Number(pendingRoot.validAt) };
  const underfunded: number[] = [];
  for (const n of [pending?.epoch, Number(accepted)]) {
    if (n === undefined || n === 0) continue;
    const summary = summaryIfClosed(hre, n);
    if (!summary) continue;
    const needs = await epochFunding(hre, deployed, distributor, summary);
    if (needs.some((f) => f.shortfall > 0n)) underfunded.push(n);
  }
  return {
    now: block?.timestamp ?? 0,
    epochs: deployed.season.rewards.epochs.map((e) => ({
      epoch: e.epoch,
      endTime: e.endTime,
      closed: summaryIfClosed(hre, e.epoch) !== undefined,
    })),
    accepted: Number(accepted),
    pending,
    underfunded,
  };
}

/** The epochs folder as the operator types it: relative to the working folder when inside it. */
export function epochsDirArg(hre: HardhatRuntimeEnvironment): string {
  const rel = path.relative(process.cwd(), epochsDir(hre));
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : epochsDir(hre);
}

/** The next step and its exact command line, with when it can be taken. */
export async function nextCommand(
  hre: HardhatRuntimeEnvironment,
  deployed: DeployedSeason,
): Promise<{ step: NextStep; command: string; line: string; progress: SeasonProgress }> {
  const progress = await readProgress(hre, deployed);
  const step = nextStep(progress, epochsDirArg(hre));
  const command = commandOf(step, hre.network.name, deployed.file.source);
  const when =
    step.task === "epoch:verify" && progress.pending
      ? ` (then epoch:accept from ${isoTime(progress.pending.validAt)})`
      : step.from !== undefined
        ? ` (from ${isoTime(step.from)})`
        : "";
  return { step, command, line: `next: ${command}${when}`, progress };
}

/** Prints the `next:` line (stdout, like the rest of a task's human output). */
export async function printNext(
  hre: HardhatRuntimeEnvironment,
  deployed: DeployedSeason,
): Promise<void> {
  console.log((await nextCommand(hre, deployed)).line);
}
