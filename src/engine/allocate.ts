/**
 * Splitting an epoch's reward pool among ranked participants (SPEC §3). The curve is chosen in the
 * season file:
 * - `rank-linear` (default): weight N − rank + 1, N = the number of ranked participants, so rank 1
 *   of 1,000 weighs 1,000 and the last weighs 1; participants sharing a rank share a weight.
 * - `score`: weight = score (pro rata).
 * Each amount is floor(pool × weight / Σ weights): integer, rounded down, so the sum never exceeds
 * the pool; the difference is the dust (carried by ledger.ts).
 */

export const CURVES = ["rank-linear", "score"] as const;
export type Curve = (typeof CURVES)[number];

export interface PoolSplit {
  /** Amount of each ranked participant, by position in the ranking. */
  amounts: bigint[];
  /** Σ amounts (≤ pool). */
  allocated: bigint;
  /** pool − allocated. */
  dust: bigint;
}

/**
 * Splits `pool` among `ranks.length` ranked participants, listed best first with their
 * competition ranks (`ranks[i]`) and scores (`scoreAt(i)`, used by the `score` curve).
 */
export function splitPool(
  pool: bigint,
  curve: Curve,
  ranks: ArrayLike<number>,
  scoreAt: (position: number) => bigint,
): PoolSplit {
  const n = ranks.length;
  const weightAt =
    curve === "rank-linear" ? (i: number) => BigInt(n - ranks[i] + 1) : (i: number) => scoreAt(i);
  // Participants sharing a rank are adjacent and share a weight: compute each group once.
  let total = 0n;
  for (let i = 0; i < n;) {
    const w = weightAt(i);
    let j = i + 1;
    while (j < n && ranks[j] === ranks[i]) j++;
    total += w * BigInt(j - i);
    i = j;
  }
  const amounts = new Array<bigint>(n);
  let allocated = 0n;
  for (let i = 0; i < n;) {
    const amount = total === 0n ? 0n : (pool * weightAt(i)) / total;
    let j = i;
    while (j < n && ranks[j] === ranks[i]) amounts[j++] = amount;
    allocated += amount * BigInt(j - i);
    i = j;
  }
  return { amounts, allocated, dust: pool - allocated };
}
