/**
 * One account's entry in an epoch's shard: its scores.csv row, its score explained by the same
 * pointsBreakdown that `points:me` prints, and its leaves of proofs.json with allocations.csv's
 * amounts. Pure: the build streams the files and calls this per account.
 */
import { unitsToPoints } from "../engine/units";
import { matchesScoreRow, type PointsBreakdown } from "../season/breakdown";
import type { AllocationLine, ProofLeaf, ScoreLine } from "../season/epoch-files";
import type { SiteAccount } from "./types";

/** A boost as points:me describes it. */
export function describeBoost(b: PointsBreakdown["boosts"][number]["definition"]): string {
  return b.kind === "fixed" ? `+${b.points} points` : `×${b.numerator}/${b.denominator}`;
}

/**
 * The entry of an account. `breakdown` must explain `score` (the events changed since the epoch
 * was closed otherwise): a mismatch throws, naming the account.
 */
export function siteAccount(
  account: string,
  score: ScoreLine | undefined,
  allocations: readonly AllocationLine[],
  leaves: readonly ProofLeaf[],
  breakdown: PointsBreakdown,
): SiteAccount {
  const row = score ?? { rank: 0, scoreUnits: 0n, actionUnits: 0n, boostedUnits: 0n, dollars: 0n };
  if (!matchesScoreRow(breakdown, row))
    throw new Error(
      `${account}: the events give a score of ${unitsToPoints(breakdown.scoreUnits)} but scores.csv says ${unitsToPoints(row.scoreUnits)} (the events changed since the epoch was closed)`,
    );
  const rewards = leaves.map((leaf) => {
    const a = allocations.find((x) => x.token === leaf.token);
    if (a && a.cumulative !== leaf.amount)
      throw new Error(
        `${account}: allocations.csv's cumulative ${a.cumulative} of ${leaf.token} differs from proofs.json's ${leaf.amount}`,
      );
    return {
      token: leaf.token,
      allocation: (a?.allocation ?? 0n).toString(),
      cumulative: leaf.amount.toString(),
      proof: [...leaf.proof],
    };
  });
  return {
    rank: row.rank === 0 ? null : row.rank,
    score: unitsToPoints(row.scoreUnits),
    actionPoints: unitsToPoints(row.actionUnits),
    boosted: unitsToPoints(row.boostedUnits),
    dollars: row.dollars.toString(),
    actions: breakdown.actions.map((a) => ({
      action: a.action,
      dapp: a.dapp,
      completions: a.completions,
      counted: a.counted,
      cap: a.cap,
      perCompletion: a.perCompletion.map(unitsToPoints),
      points: unitsToPoints(a.units),
    })),
    boosts: breakdown.boosts.map((b) => ({
      boost: b.boost,
      effect: describeBoost(b.definition),
      time: b.time,
    })),
    effect: {
      numerator: breakdown.effect.numerator.toString(),
      denominator: breakdown.effect.denominator.toString(),
      fixed: unitsToPoints(breakdown.effect.fixedUnits),
    },
    mint: breakdown.mint
      ? {
          ordinal: breakdown.mint.ordinal,
          dollars: breakdown.mint.dollars.toString(),
          time: breakdown.mint.time,
        }
      : null,
    rewards,
  };
}
