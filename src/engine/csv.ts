/**
 * The two CSV outputs, one row per line, `\n` line ends, no quoting needed (every field is a
 * number or a 0x-hex address).
 * - scores.csv: `rank,account,score,actionPoints,boosted,dollars`; points with exactly six
 *   fraction digits, dollars as a whole number; ranked rows by rank then account, then the
 *   participants whose score is zero (empty rank) by account.
 * - allocations.csv: `account,token,allocation,cumulative`; amounts in the token's smallest unit;
 *   one row per (account, token) with a positive cumulative entitlement, by account then token.
 */
import { unitsToPoints } from "./units";

export const SCORES_HEADER = "rank,account,score,actionPoints,boosted,dollars";
export const ALLOCATIONS_HEADER = "account,token,allocation,cumulative";

export interface ScoreRow {
  /** 0 when unranked (score zero). */
  rank: number;
  account: string;
  scoreUnits: bigint;
  actionUnits: bigint;
  boostedUnits: bigint;
  dollars: bigint;
}

export function formatScoreRow(r: ScoreRow): string {
  return `${r.rank === 0 ? "" : r.rank},${r.account},${unitsToPoints(r.scoreUnits)},${unitsToPoints(r.actionUnits)},${unitsToPoints(r.boostedUnits)},${r.dollars}`;
}

export interface AllocationRow {
  account: string;
  token: string;
  allocation: bigint;
  cumulative: bigint;
  /** `cumulative` in decimal, when already at hand. */
  cumulativeText?: string;
}

export function formatAllocationRow(r: AllocationRow): string {
  return `${r.account},${r.token},${r.allocation},${r.cumulativeText ?? r.cumulative}`;
}
