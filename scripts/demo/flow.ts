/**
 * The operator's, auditor's and participants' season tasks as the demo runs them: a thin layer of
 * `hre.run` calls with the interfaces issue 6 pins (names, flags, return values). A task missing
 * from this checkout is named as such instead of failing somewhere inside Hardhat.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { EpochSummary } from "../../src/engine/epoch";

/*
 * The results the demo reads, as issue 6 pins them (only the fields used here; the tasks may
 * return more).
 */

/** epoch:publish's result. */
export interface Published {
  epoch: number;
  root: string;
  dataHash: string;
  validAt: number;
  txHash: string;
}

/** epoch:accept's and epoch:revoke's result. */
export interface RootChange {
  epoch: number;
  root: string;
}

/** One leaf paid by rewards:claim. */
export interface PaidLeaf {
  account: string;
  token: string;
  amount: bigint;
}

/** rewards:claim's result. */
export interface Claimed {
  txHash: string;
  gasUsed: bigint;
  paid: PaidLeaf[];
}

/** rewards:fund's result: what was transferred to the distributor. */
export type Funded = { token: string; amount: bigint }[];

/** rewards:proof's result. */
export interface ProofFile {
  epoch: number;
  root: string;
  claims: { token: string; amount: string; proof: string[] }[];
}

/** points:relay's result. */
export interface Relayed {
  /** Records relayed by this run, per catalog key. */
  relayed: Record<string, number>;
  batches: { txHash: string; gasUsed: bigint; records: number }[];
}

/** epoch:verify's report. */
export interface AuditReport {
  ok: boolean;
  epoch: number;
  dump: { leaves: number; proofsChecked: number; dataHash: string };
  recomputed: { root: string; leaves: number; participants: number };
  checks: readonly { name: string; result: "ok" | "FAIL" | "skip"; detail: string }[];
  differences: readonly { code: string; message: string }[];
}

/** The tasks the demo drives (besides the riddle tasks of issue 3). */
export const SEASON_TASKS = [
  "season:init",
  "season:deploy",
  "points:reporter:add",
  "points:relay",
  "epoch:close",
  "epoch:publish",
  "epoch:accept",
  "epoch:revoke",
  "rewards:fund",
  "epoch:verify",
  "rewards:claim",
  "rewards:proof",
  "leaderboard",
  "points:me",
] as const;

/** The tasks of `names` this checkout does not define. */
export function missingTasks(
  hre: HardhatRuntimeEnvironment,
  names: readonly string[] = SEASON_TASKS,
): string[] {
  return names.filter((name) => !(name in hre.tasks));
}

/** Runs `name` (pinned by issue 6), or throws naming the missing task. */
export async function runTask<T>(
  hre: HardhatRuntimeEnvironment,
  name: string,
  args: Record<string, unknown>,
): Promise<T> {
  if (!(name in hre.tasks)) {
    throw new Error(
      `the task ${name} is not defined in this checkout (issue 6's operator and audit tasks must be merged)`,
    );
  }
  return (await hre.run(name, args)) as T;
}

/** The season's tasks, bound to one season file. */
export function seasonTasks(hre: HardhatRuntimeEnvironment, season: string) {
  return {
    relay: (args: { batch?: number; from?: string } = {}) =>
      runTask<Relayed>(hre, "points:relay", { season, ...args }),
    close: (epoch: number, top = 10) =>
      runTask<EpochSummary>(hre, "epoch:close", { season, epoch, top }),
    publish: (epoch: number) => runTask<Published>(hre, "epoch:publish", { season, epoch }),
    accept: () => runTask<RootChange>(hre, "epoch:accept", { season }),
    revoke: (from?: string) =>
      runTask<RootChange>(hre, "epoch:revoke", { season, ...(from ? { from } : {}) }),
    fundEpoch: (epoch: number, mint = true) =>
      runTask<Funded>(hre, "rewards:fund", { season, epoch, mint }),
    verify: (epoch: number, dump: string, report: string, work: string) =>
      runTask<AuditReport>(hre, "epoch:verify", { season, epoch, dump, report, work }),
    claim: (accounts: readonly string[], epoch?: number) =>
      runTask<Claimed>(hre, "rewards:claim", {
        season,
        account: accounts.join(","),
        ...(epoch === undefined ? {} : { epoch }),
      }),
    proof: (account: string, epoch?: number) =>
      runTask<ProofFile>(hre, "rewards:proof", {
        season,
        account,
        ...(epoch === undefined ? {} : { epoch }),
      }),
    leaderboard: (args: { epoch?: number; top?: number; account?: string; json?: boolean }) =>
      runTask<unknown>(hre, "leaderboard", { season, ...args }),
    pointsMe: (account: string, args: { epoch?: number; json?: boolean } = {}) =>
      runTask<unknown>(hre, "points:me", { season, account, ...args }),
  };
}

export type SeasonTasks = ReturnType<typeof seasonTasks>;
