/**
 * The operator's, auditor's and participants' season tasks as the demo runs them: a thin layer of
 * `hre.run` calls with the interfaces issue 6 pins (names, flags, return values).
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { AuditReport } from "../../src/audit/audit-epoch";
import type { EpochSummary } from "../../src/engine/epoch";
import type { AccountProofs } from "../../src/season/claims";
import type { acceptEpoch, PublishResult, revokeEpoch } from "../../tasks/lib/epoch-publish";
import type { ClaimResult } from "../../tasks/lib/rewards-claim";
import type { Funded } from "../../tasks/lib/rewards-fund";
import type { RelayTaskResult } from "../../tasks/relay";

export type { AuditReport };

/** The season's tasks, bound to one season file. */
export function seasonTasks(hre: HardhatRuntimeEnvironment, season: string) {
  const run = <T>(name: string, args: Record<string, unknown>) => hre.run(name, args) as Promise<T>;
  return {
    relay: (args: { batch?: number; from?: string } = {}) =>
      run<RelayTaskResult>("points:relay", { season, ...args }),
    close: (epoch: number, top = 10) => run<EpochSummary>("epoch:close", { season, epoch, top }),
    publish: (epoch: number) => run<PublishResult>("epoch:publish", { season, epoch }),
    accept: () => run<Awaited<ReturnType<typeof acceptEpoch>>>("epoch:accept", { season }),
    revoke: (from?: string) =>
      run<Awaited<ReturnType<typeof revokeEpoch>>>("epoch:revoke", {
        season,
        ...(from ? { from } : {}),
      }),
    fundEpoch: (epoch: number, mint = true) =>
      run<Funded[]>("rewards:fund", { season, epoch, mint }),
    verify: (epoch: number, dump: string, report: string, work: string) =>
      run<AuditReport>("epoch:verify", { season, epoch, dump, report, work }),
    claim: (accounts: readonly string[], epoch?: number) =>
      run<ClaimResult>("rewards:claim", {
        season,
        account: accounts.join(","),
        ...(epoch === undefined ? {} : { epoch }),
      }),
    proof: (account: string, epoch?: number) =>
      run<AccountProofs>("rewards:proof", {
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
