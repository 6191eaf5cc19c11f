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

/** Scores by participant id, in units. */
export interface ScoreSource {
  get(id: number): bigint;
  /** The same scores as exact doubles, when every score is below 2^53 (faster). */
  readonly exact?: Float64Array;
}

const EXACT_LIMIT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Ranks participants by score.
 * @param tieOrder every participant id, in address order
 * @param forceBigint skip the fast path (tests compare both)
 */
export function rankParticipants(
  scores: ScoreSource | readonly bigint[],
  tieOrder: Uint32Array,
  forceBigint = false,
): Ranking {
  const source: ScoreSource = Array.isArray(scores)
    ? { get: (id: number) => (scores as readonly bigint[])[id] }
    : (scores as ScoreSource);
  let exact = forceBigint ? undefined : source.exact;
  if (!exact && !forceBigint) {
    // derive exact doubles when every score allows it
    let size = 0;
    for (let k = 0; k < tieOrder.length; k++) size = Math.max(size, tieOrder[k] + 1);
    const values = new Float64Array(size);
    let ok = true;
    for (let k = 0; k < tieOrder.length && ok; k++) {
      const s = source.get(tieOrder[k]);
      if (s > EXACT_LIMIT) ok = false;
      else values[tieOrder[k]] = Number(s);
    }
    if (ok) exact = values;
  }
  const order = exact ? orderByExactNumbers(exact, tieOrder) : orderByBigints(source, tieOrder);
  const ranked = order.length;
  const ranks = new Uint32Array(ranked);
  if (exact) {
    for (let i = 0; i < ranked; i++) {
      ranks[i] = i > 0 && exact[order[i]] === exact[order[i - 1]] ? ranks[i - 1] : i + 1;
    }
  } else {
    for (let i = 0; i < ranked; i++) {
      ranks[i] = i > 0 && source.get(order[i]) === source.get(order[i - 1]) ? ranks[i - 1] : i + 1;
    }
  }
  return { order, ranks };
}

/** Scores below 2^53 are exact doubles: bucket participants by distinct score (stable). */
function orderByExactNumbers(scores: Float64Array, tieOrder: Uint32Array): Uint32Array {
  let ranked = 0;
  for (let k = 0; k < tieOrder.length; k++) if (scores[tieOrder[k]] > 0) ranked++;
  const values = new Float64Array(ranked);
  const ids = new Uint32Array(ranked);
  let m = 0;
  for (let k = 0; k < tieOrder.length; k++) {
    const id = tieOrder[k];
    const s = scores[id];
    if (s > 0) {
      values[m] = s;
      ids[m++] = id;
    }
  }
  const distinct = Float64Array.from(values).sort();
  let d = 0;
  for (let i = 0; i < distinct.length; i++) {
    if (i === 0 || distinct[i] !== distinct[d - 1]) distinct[d++] = distinct[i];
  }
  // bucket b holds score distinct[d − 1 − b]: the best scores come first
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

function orderByBigints(scores: ScoreSource, tieOrder: Uint32Array): Uint32Array {
  const positive: number[] = [];
  const values: bigint[] = [];
  for (let k = 0; k < tieOrder.length; k++) {
    const s = scores.get(tieOrder[k]);
    if (s > 0n) {
      positive.push(tieOrder[k]);
      values.push(s);
    }
  }
  // Array.prototype.sort is stable: equal scores keep address order.
  const at = positive.map((_, i) => i);
  at.sort((a, b) => (values[a] > values[b] ? -1 : values[a] < values[b] ? 1 : 0));
  return Uint32Array.from(at, (i) => positive[i]);
}
