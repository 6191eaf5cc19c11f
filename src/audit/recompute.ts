/**
 * The auditor's recomputation of epoch n from an events file: one replay of epochs 1 … n that
 * also keeps epoch n − 1's cumulative entitlements (for the monotonicity check), and the epoch's
 * folder written as the operator's is (to compare file by file: tree.json, scores.csv,
 * allocations.csv, summary.json; not proofs.json, which the tree determines and whose every proof
 * the auditor checks in the published dump).
 */
import { computeEpoch, type EpochResult, type Stage } from "../engine/epoch";
import { writeEpochOutputs } from "../engine/outputs";
import type { Season } from "../engine/season";
import type { Recomputed } from "./audit-epoch";
import type { Leaf } from "./leaves";

const NO_TREE = /no account has a positive cumulative entitlement/;

export interface AuditRecomputation {
  readonly recomputed: Recomputed;
  /** Epoch n − 1's leaves (absent for epoch 1). */
  readonly previous?: { readonly epoch: number; readonly leaves: readonly Leaf[] };
  /** The reward tokens of epochs 1 … n (lowercase, sorted). */
  readonly tokens: readonly string[];
}

export interface RecomputeOptions {
  readonly season: Season;
  readonly epoch: number;
  readonly eventsPath: string;
  /** Where the recomputed epoch's folder is written. */
  readonly folder: string;
  readonly onProgress?: (line: string) => void;
  /** Time spent in each stage of the engine, in milliseconds. */
  readonly onStage?: (stage: Stage, ms: number) => void;
}

/** The leaves of a computed epoch, in the tree's order. */
export function leavesOf(result: EpochResult): Leaf[] {
  const l = result.tree.leaves;
  const out = new Array<Leaf>(l.count);
  for (let v = 0; v < l.count; v++) {
    out[v] = {
      account: l.accountHex[l.leafAccount[v]],
      token: l.tokenHex[l.leafToken[v]],
      amount: l.amounts[v],
    };
  }
  return out;
}

/**
 * Recomputes the epoch; undefined when, recomputed, it owes nothing to anyone (no tree). Throws
 * one line naming any other problem.
 */
export function recomputeForAudit(options: RecomputeOptions): AuditRecomputation | undefined {
  let result: EpochResult;
  try {
    result = computeEpoch({
      season: options.season,
      epoch: options.epoch,
      eventsPath: options.eventsPath,
      keepPrevious: true,
      onProgress: options.onProgress,
      onStage: options.onStage,
    });
  } catch (e) {
    const message = (e as Error).message;
    if (NO_TREE.test(message)) return undefined;
    throw new Error(
      `recomputing epoch ${options.epoch} from ${options.eventsPath}: ${message.split("\n")[0]}`,
    );
  }
  options.onProgress?.(`writing the recomputed epoch to ${options.folder}`);
  const summary = writeEpochOutputs(result, options.folder, {
    onStage: options.onStage,
    proofs: false,
  });
  return {
    recomputed: {
      root: summary.root,
      dataHash: summary.dataHash,
      leaves: leavesOf(result),
      participants: summary.participants,
      anomalies: summary.anomalies,
      folder: options.folder,
    },
    previous: result.previous,
    tokens: result.tokens,
  };
}
