/**
 * Repeated actions decay (SPEC §2): the k-th completion of the same action by the same participant
 * earns `p_k = floor(base · 3^(k−1) / 4^(k−1))` units, computed exactly from the base each time
 * (not by rounding the previous term). An action's optional `maxRepeats` stops counting after that
 * many completions; without it, counting stops by itself when a completion is worth zero units.
 */

/** p_k for the k-th completion (k ≥ 1) of an action worth `baseUnits`. */
export function decayedUnits(baseUnits: bigint, k: number): bigint {
  if (!Number.isInteger(k) || k < 1)
    throw new Error(`completion number ${k} must be an integer ≥ 1`);
  if (baseUnits < 0n) throw new Error(`negative base ${baseUnits}`);
  const e = BigInt(k - 1);
  return (baseUnits * 3n ** e) / 4n ** e;
}

/**
 * How many completions of an action can ever earn something: the smaller of `maxRepeats` and the
 * number of completions before p_k reaches zero.
 */
export function countedCompletions(baseUnits: bigint, maxRepeats?: number): number {
  const cap = maxRepeats ?? Number.POSITIVE_INFINITY;
  let k = 0;
  // p_k is non-increasing and reaches 0 after at most log_{4/3}(base) + 1 completions.
  while (k < cap && decayedUnits(baseUnits, k + 1) > 0n) k++;
  return k;
}

/**
 * Cumulative points of an action by number of completions: `table[c]` = p_1 + … + p_c for
 * c = 0 … countedCompletions; completions beyond the table earn nothing more.
 */
export function cumulativeDecayTable(baseUnits: bigint, maxRepeats?: number): bigint[] {
  const n = countedCompletions(baseUnits, maxRepeats);
  const table: bigint[] = [0n];
  for (let k = 1; k <= n; k++) table.push(table[k - 1] + decayedUnits(baseUnits, k));
  return table;
}

/** Units earned by `completions` completions of one action (the table saturates). */
export function actionUnits(table: readonly bigint[], completions: number): bigint {
  return table[Math.min(completions, table.length - 1)];
}
