/**
 * The epoch:compute command, shared by the Hardhat task (tasks/epoch.ts) and the plain CLI
 * (src/cli/epoch.ts): validate the arguments, compute, write, and describe the result.
 */
import fs from "node:fs";
import { computeEpoch, type EpochSummary, type Stage } from "./epoch";
import { writeEpochOutputs } from "./outputs";
import { loadSeasonFile } from "./season";

export interface EpochComputeArgs {
  season: string;
  events: string;
  epoch: number;
  out: string;
  /** Progress lines (stderr). */
  progress?: (message: string) => void;
  onStage?: (stage: Stage, ms: number) => void;
}

/** Runs the whole offline computation; throws one line naming the bad input. Nothing is written on error. */
export function runEpochCompute(args: EpochComputeArgs): EpochSummary {
  if (!Number.isSafeInteger(args.epoch) || args.epoch < 1) {
    throw new Error(`--epoch must be a positive integer (got ${args.epoch})`);
  }
  if (fs.existsSync(args.out) && !fs.statSync(args.out).isDirectory()) {
    throw new Error(`--out ${args.out} exists and is not a folder`);
  }
  if (!fs.existsSync(args.events)) throw new Error(`${args.events}: no such events file`);
  const season = loadSeasonFile(args.season);
  const result = computeEpoch({
    season,
    epoch: args.epoch,
    eventsPath: args.events,
    onProgress: args.progress,
    onStage: args.onStage,
  });
  args.progress?.(`writing ${args.out}`);
  return writeEpochOutputs(result, args.out, { onStage: args.onStage });
}

/** A human summary of an epoch, for the terminal. */
export function describeSummary(s: EpochSummary, out: string): string {
  const rows: [string, string][] = [
    ["season", s.season],
    ["epoch", `${s.epoch} (events before ${new Date(s.endTime * 1000).toISOString()})`],
    ["participants", `${s.participants} ranked of ${s.accounts} accounts`],
    [
      "events counted",
      `${s.events.mints} mints, ${s.events.actions} actions, ${s.events.boosts} boosts`,
    ],
    [
      "anomalies",
      s.anomalies === 0
        ? "none"
        : `${s.anomalies} records dropped (a ref already used in their dApp): see anomalies.json`,
    ],
    ["leaves", String(s.leaves)],
    ["root", s.root],
    ["dataHash", `${s.dataHash} (keccak256 of tree.json)`],
  ];
  for (const [token, t] of Object.entries(s.tokens)) {
    rows.push([
      `token ${token}`,
      `pool ${t.pool} + carried ${t.carriedIn}: allocated ${t.allocated}, dust ${t.dust}, cumulative ${t.cumulative}`,
    ]);
  }
  rows.push(["written", out]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n");
}
