import { task, types } from "hardhat/config";
import { TaskError } from "./lib/errors";

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
      let summary;
      try {
        summary = runEpochCompute({ ...args, progress });
      } catch (e) {
        throw new TaskError(e instanceof Error ? e.message : String(e));
      }
      console.log(describeSummary(summary, args.out));
      return summary;
    },
  );
