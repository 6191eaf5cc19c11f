import { task, types } from "hardhat/config";
import { check } from "./lib/errors";

/**
 * epoch:compute — the offline epoch computation (no network, no deployed contract): scores,
 * ranks, allocations, the Merkle tree and its proofs, written to --out. The work is in
 * src/engine (also runnable without Hardhat: `npm run epoch -- <same flags>`).
 */
task("epoch:compute", "Computes an epoch offline from a season file and an events file")
  .addParam("season", "the season file (season.json)", undefined, types.string)
  .addParam("events", "the events file (events.ndjson)", undefined, types.string)
  .addParam("epoch", "the epoch to compute (1, 2, …)", undefined, types.int)
  .addParam("out", "the folder to write the five output files into", undefined, types.string)
  .addFlag("quiet", "no progress lines on stderr")
  .setAction(
    async (args: {
      season: string;
      events: string;
      epoch: number;
      out: string;
      quiet: boolean;
    }) => {
      // loaded on use, so that other tasks do not pay for the engine
      const { describeSummary, runEpochCompute } = await import("../src/engine/run");
      const started = Date.now();
      const progress = args.quiet
        ? undefined
        : (m: string) =>
            process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${m}\n`);
      const summary = check("", () => runEpochCompute({ ...args, progress }));
      console.log(describeSummary(summary, args.out));
      return summary;
    },
  );

/*
 * The operator's epoch tasks against --network:
 *   epoch:close    export the chain's events, compute epoch n, write epochs/<network>/epoch-<n>/
 *   epoch:publish  check the folder, then publishRoot(epoch, root, dataHash)
 *   epoch:accept   accept the pending root once its timelock has elapsed
 *   epoch:revoke   revoke the pending root (guardian or owner)
 */

task("epoch:close", "Export the chain's events, compute an epoch, write its folder, print the top")
  .addParam("season", "the season file", undefined, types.string)
  .addOptionalParam(
    "epoch",
    "the epoch to close (default: the latest epoch that has ended at the chain's confirmed head)",
    undefined,
    types.int,
  )
  .addOptionalParam("top", "how many leaders to print", 10, types.int)
  .addFlag("quiet", "no progress lines on stderr")
  .setAction(async (args: { season: string; epoch?: number; top: number; quiet: boolean }, hre) => {
    const { closeEpoch } = await import("./lib/epoch-close");
    return closeEpoch(hre, args);
  });

task("epoch:publish", "Check an epoch folder, then publish its root and dump hash on chain")
  .addParam("season", "the season file", undefined, types.string)
  .addOptionalParam("epoch", "the epoch (default: the latest closed)", undefined, types.int)
  .addOptionalParam("from", "the publishing account (default: the first account)")
  .setAction(async (args: { season: string; epoch?: number; from?: string }, hre) => {
    const { publishEpoch } = await import("./lib/epoch-publish");
    return publishEpoch(hre, args);
  });

task("epoch:accept", "Accept the pending root once its timelock has elapsed")
  .addParam("season", "the season file", undefined, types.string)
  .addOptionalParam("from", "the sending account (default: the first account)")
  .setAction(async (args: { season: string; from?: string }, hre) => {
    const { acceptEpoch } = await import("./lib/epoch-publish");
    return acceptEpoch(hre, args);
  });

task("epoch:revoke", "Revoke the pending root (the guardian or the owner)")
  .addParam("season", "the season file", undefined, types.string)
  .addOptionalParam("from", "the guardian or owner account (default: the first account)")
  .setAction(async (args: { season: string; from?: string }, hre) => {
    const { revokeEpoch } = await import("./lib/epoch-publish");
    return revokeEpoch(hre, args);
  });
