/**
 * The operator's epoch folders, `epochs/<network>/`:
 *   events.ndjson (+ .checkpoint.json)   the season's chain events, exported incrementally
 *   epoch-<n>/                           the engine's outputs for epoch n: scores.csv,
 *                                        allocations.csv, tree.json, proofs.json, summary.json
 */
import fs from "node:fs";
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { EpochSummary } from "../../src/engine/epoch";
import { readJsonFile } from "../../src/json-file";
import { check, TaskError } from "./errors";
import { epochsDir } from "./season";

/** The folder of epoch `n` (under `root`, default the network's epochs folder). */
export function epochDir(hre: HardhatRuntimeEnvironment, n: number, root = epochsDir(hre)): string {
  if (!Number.isSafeInteger(n) || n < 1)
    throw new TaskError(`--epoch must be a positive integer, got ${n}`);
  return path.join(root, `epoch-${n}`);
}

/** The network's events export. */
export function eventsFileOf(hre: HardhatRuntimeEnvironment): string {
  return path.join(epochsDir(hre), "events.ndjson");
}

/** summary.json of an epoch folder, or a TaskError saying the epoch was not closed. */
export function readEpochSummary(dir: string): EpochSummary {
  const file = path.join(dir, "summary.json");
  if (!fs.existsSync(file))
    throw new TaskError(`${dir} holds no closed epoch (no summary.json): run epoch:close first`);
  return check("", () => readJsonFile(file)) as EpochSummary;
}

/** The highest epoch closed in `root`, or undefined. */
export function latestClosedEpoch(root: string): number | undefined {
  if (!fs.existsSync(root)) return undefined;
  const closed = fs
    .readdirSync(root)
    .map((name) => /^epoch-([1-9][0-9]*)$/.exec(name))
    .filter(
      (m): m is RegExpExecArray =>
        m !== null && fs.existsSync(path.join(root, m[0], "summary.json")),
    )
    .map((m) => Number(m[1]));
  return closed.length ? Math.max(...closed) : undefined;
}
