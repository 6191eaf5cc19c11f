/**
 * The operator's, auditor's and participants' season tasks as the demo runs them: a thin layer of
 * `hre.run` calls with the interfaces issue 6 pins (names, flags, return values).
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

/** The season's tasks, bound to one season file. */
export function seasonTasks(hre: HardhatRuntimeEnvironment, season: string) {
  const run = <T>(name: string, args: Record<string, unknown>) => hre.run(name, args) as Promise<T>;
  return {
    relay: (args: { batch?: number; from?: string } = {}) =>
      run<Relayed>("points:relay", { season, ...args }),
    close: (epoch: number, top = 10) => run<EpochSummary>("epoch:close", { season, epoch, top }),
    publish: (epoch: number) => run<Published>("epoch:publish", { season, epoch }),
    accept: () => run<RootChange>("epoch:accept", { season }),
    revoke: (from?: string) =>
      run<RootChange>("epoch:revoke", { season, ...(from ? { from } : {}) }),
    fundEpoch: (epoch: number, mint = true) => run<Funded>("rewards:fund", { season, epoch, mint }),
    verify: (epoch: number, dump: string, report: string, work: string) =>
      run<AuditReport>("epoch:verify", { season, epoch, dump, report, work }),
    claim: (accounts: readonly string[], epoch?: number) =>
      run<Claimed>("rewards:claim", {
        season,
        account: accounts.join(","),
        ...(epoch === undefined ? {} : { epoch }),
      }),
    proof: (account: string, epoch?: number) =>
      run<ProofFile>("rewards:proof", {
        season,
        account,
        ...(epoch === undefined ? {} : { epoch }),
      }),
    leaderboard: (args: { epoch?: number; top?: number; account?: string; json?: boolean }) =>
      run<unknown>("leaderboard", { season, ...args }),
    pointsMe: (account: string, args: { epoch?: number; json?: boolean } = {}) =>
      run<unknown>("points:me", { season, account, ...args }),
  };
}

export type SeasonTasks = ReturnType<typeof seasonTasks>;
