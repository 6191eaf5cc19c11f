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

export interface PoolTotals {
  /** Σ amounts (≤ pool). */
  allocated: bigint;
  /** pool − allocated. */
  dust: bigint;
}

export interface PoolSplit extends PoolTotals {
  /** Amount of each ranked participant, by position in the ranking. */
  amounts: bigint[];
}

/**
 * Splits `pool` among `ranks.length` ranked participants, listed best first with their
 * competition ranks (`ranks[i]`) and scores (`scoreAt(i)`, used by the `score` curve), calling
 * `pay(from, to, amount)` for each run of positions [from, to) that share a rank (and so an amount).
 */
export function splitPoolInto(
  pool: bigint,
  curve: Curve,
  ranks: ArrayLike<number>,
  scoreAt: (position: number) => bigint,
  pay: (from: number, to: number, amount: bigint) => void,
): PoolTotals {
  const n = ranks.length;
  const weightAt =
    curve === "rank-linear" ? (i: number) => BigInt(n - ranks[i] + 1) : (i: number) => scoreAt(i);
  const end = (i: number) => {
    let j = i + 1;
    while (j < n && ranks[j] === ranks[i]) j++;
    return j;
  };
  let total = 0n;
  for (let i = 0; i < n;) {
    const j = end(i);
    total += weightAt(i) * BigInt(j - i);
    i = j;
  }
  let allocated = 0n;
  for (let i = 0; i < n;) {
    const j = end(i);
    const amount = total === 0n ? 0n : (pool * weightAt(i)) / total;
    pay(i, j, amount);
    allocated += amount * BigInt(j - i);
    i = j;
  }
  return { allocated, dust: pool - allocated };
}

/** `splitPoolInto` with the amounts collected by position (small inputs, tests). */
export function splitPool(
  pool: bigint,
  curve: Curve,
  ranks: ArrayLike<number>,
  scoreAt: (position: number) => bigint,
): PoolSplit {
  const amounts = new Array<bigint>(ranks.length);
  const totals = splitPoolInto(pool, curve, ranks, scoreAt, (from, to, amount) => {
    for (let i = from; i < to; i++) amounts[i] = amount;
  });
  return { amounts, ...totals };
}
