/**
 * Ranking (SPEC §3): everyone with a score above zero is ranked, highest score first; equal scores
 * share a competition rank (1, 2, 2, 4); address order breaks ties for display (and output order)
 * only.
 */

export interface Ranking {
  /** Ranked participant ids, best first; equal scores in address order. */
  order: Uint32Array;
  /** Competition rank of `order[i]`. */
  ranks: Uint32Array;
}

const EXACT_LIMIT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Ranks participants by `scores[id]` (units).
 * @param tieOrder every participant id, in address order
 * @param forceBigint skip the fast path (tests compare both)
 */
export function rankParticipants(
  scores: readonly bigint[],
  tieOrder: Uint32Array,
  forceBigint = false,
): Ranking {
  let exact = !forceBigint;
  let ranked = 0;
  for (let k = 0; k < tieOrder.length; k++) {
    const s = scores[tieOrder[k]];
    if (s > 0n) {
      ranked++;
      if (s > EXACT_LIMIT) exact = false;
    }
  }
  const order = exact
    ? orderByExactNumbers(scores, tieOrder, ranked)
    : orderByBigints(scores, tieOrder, ranked);
  const ranks = new Uint32Array(ranked);
  for (let i = 0; i < ranked; i++) {
    ranks[i] = i > 0 && scores[order[i]] === scores[order[i - 1]] ? ranks[i - 1] : i + 1;
  }
  return { order, ranks };
}

/** Scores below 2^53 are exact doubles: bucket participants by distinct score (stable). */
function orderByExactNumbers(
  scores: readonly bigint[],
  tieOrder: Uint32Array,
  ranked: number,
): Uint32Array {
  const values = new Float64Array(ranked);
  const ids = new Uint32Array(ranked);
  let m = 0;
  for (let k = 0; k < tieOrder.length; k++) {
    const id = tieOrder[k];
    const s = scores[id];
    if (s > 0n) {
      values[m] = Number(s);
      ids[m++] = id;
    }
  }
  const distinct = Float64Array.from(values).sort();
  let d = 0;
  for (let i = 0; i < distinct.length; i++) {
    if (i === 0 || distinct[i] !== distinct[d - 1]) distinct[d++] = distinct[i];
  }
  // bucket b holds score distinct[b]; the best scores come first
  const bucketOf = new Uint32Array(ranked);
  const start = new Uint32Array(d + 1);
  for (let i = 0; i < ranked; i++) {
    let lo = 0;
    let hi = d - 1;
    const v = values[i];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    const b = d - 1 - lo;
    bucketOf[i] = b;
    start[b + 1]++;
  }
  for (let b = 0; b < d; b++) start[b + 1] += start[b];
  const order = new Uint32Array(ranked);
  for (let i = 0; i < ranked; i++) order[start[bucketOf[i]]++] = ids[i];
  return order;
}

function orderByBigints(
  scores: readonly bigint[],
  tieOrder: Uint32Array,
  ranked: number,
): Uint32Array {
  const ids: number[] = [];
  for (let k = 0; k < tieOrder.length; k++) if (scores[tieOrder[k]] > 0n) ids.push(tieOrder[k]);
  // Array.prototype.sort is stable: equal scores keep address order.
  ids.sort((a, b) => (scores[a] > scores[b] ? -1 : scores[a] < scores[b] ? 1 : 0));
  const order = Uint32Array.from(ids);
  if (order.length !== ranked) throw new Error("ranking: internal count mismatch");
  return order;
}
