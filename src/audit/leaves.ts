/**
 * Leaves of a reward tree as an auditor compares them: (account, token) → cumulative amount.
 * Comparing a published dump with a recomputation, and one epoch's cumulative entitlements with
 * the previous epoch's (they must never decrease: SPEC §3).
 */

/** One leaf of a reward tree: the account's cumulative entitlement in a token. */
export interface Leaf {
  /** Lowercase 0x-prefixed address. */
  readonly account: string;
  /** Lowercase 0x-prefixed address of the reward token. */
  readonly token: string;
  readonly amount: bigint;
}

/** The map key of a leaf: `account/token`, lowercase. */
export function leafKey(account: string, token: string): string {
  return `${account.toLowerCase()}/${token.toLowerCase()}`;
}

/** Leaves by key. A key given twice keeps the first (the dump verifier reports the duplicate). */
export function leafMap(leaves: Iterable<Leaf>): Map<string, Leaf> {
  const map = new Map<string, Leaf>();
  for (const leaf of leaves) {
    const key = leafKey(leaf.account, leaf.token);
    if (!map.has(key)) map.set(key, leaf);
  }
  return map;
}

/** A leaf present on both sides with different amounts. */
export interface AmountDifference {
  readonly account: string;
  readonly token: string;
  /** The amount in the dump (the published side). */
  readonly published: bigint;
  /** The amount recomputed from the chain. */
  readonly recomputed: bigint;
}

export interface LeafComparison {
  /** Leaves of both sides, amounts differ. */
  readonly amountDiffers: AmountDifference[];
  /** Recomputed leaves the dump lacks. */
  readonly missing: Leaf[];
  /** Dump leaves the recomputation does not have. */
  readonly extra: Leaf[];
  /** Leaves identical on both sides. */
  readonly same: number;
}

type Keyed = { readonly account: string; readonly token: string };

const byKey = (a: Keyed, b: Keyed): number => {
  const x = leafKey(a.account, a.token);
  const y = leafKey(b.account, b.token);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Whether `leaves` are strictly increasing by (account, token): sorted, no key twice. */
function strictlySorted(leaves: readonly Keyed[]): boolean {
  for (let i = 1; i < leaves.length; i++) {
    const a = leaves[i - 1];
    const b = leaves[i];
    if (a.account > b.account || (a.account === b.account && a.token >= b.token)) return false;
  }
  return true;
}

const asArray = <T>(xs: Iterable<T>): readonly T[] => (Array.isArray(xs) ? xs : [...xs]);

/** Compares published leaves with recomputed ones; every list is sorted by account then token. */
export function compareLeaves(
  published: Iterable<Leaf>,
  recomputed: Iterable<Leaf>,
): LeafComparison {
  const p = asArray(published);
  const r = asArray(recomputed);
  // The usual case, without maps: the same keys in the same (sorted) order.
  if (p.length === r.length && strictlySorted(r)) {
    let i = 0;
    while (i < p.length && p[i].account === r[i].account && p[i].token === r[i].token) i++;
    if (i === p.length) {
      const amountDiffers: AmountDifference[] = [];
      for (let j = 0; j < p.length; j++) {
        if (p[j].amount !== r[j].amount) {
          amountDiffers.push({
            account: p[j].account,
            token: p[j].token,
            published: p[j].amount,
            recomputed: r[j].amount,
          });
        }
      }
      return { amountDiffers, missing: [], extra: [], same: p.length - amountDiffers.length };
    }
  }
  const mine = leafMap(r);
  const theirs = leafMap(p);
  const amountDiffers: AmountDifference[] = [];
  const missing: Leaf[] = [];
  const extra: Leaf[] = [];
  let same = 0;
  for (const [key, leaf] of theirs) {
    const expected = mine.get(key);
    if (!expected) extra.push(leaf);
    else if (expected.amount !== leaf.amount) {
      amountDiffers.push({
        account: leaf.account,
        token: leaf.token,
        published: leaf.amount,
        recomputed: expected.amount,
      });
    } else same++;
  }
  for (const [key, leaf] of mine) if (!theirs.has(key)) missing.push(leaf);
  amountDiffers.sort(byKey);
  missing.sort(byKey);
  extra.sort(byKey);
  return { amountDiffers, missing, extra, same };
}

/** A cumulative entitlement that went down from one epoch to the next. */
export interface Decrease {
  readonly account: string;
  readonly token: string;
  readonly before: bigint;
  /** 0 when the leaf disappeared. */
  readonly after: bigint;
}

/**
 * Every (account, token) whose cumulative amount is lower in `next` than in `previous` (a leaf
 * that disappeared counts as 0), sorted by account then token.
 */
export function cumulativeDecreases(previous: Iterable<Leaf>, next: Iterable<Leaf>): Decrease[] {
  const before = asArray(previous);
  const after = asArray(next);
  // The usual case, without maps: both sorted by (account, token), merged in one pass.
  if (strictlySorted(before) && strictlySorted(after) && lowercase(before) && lowercase(after)) {
    const out: Decrease[] = [];
    let j = 0;
    for (const leaf of before) {
      while (
        j < after.length &&
        (after[j].account < leaf.account ||
          (after[j].account === leaf.account && after[j].token < leaf.token))
      )
        j++;
      const match =
        j < after.length && after[j].account === leaf.account && after[j].token === leaf.token;
      const now = match ? after[j].amount : 0n;
      if (now < leaf.amount) {
        out.push({ account: leaf.account, token: leaf.token, before: leaf.amount, after: now });
      }
    }
    return out;
  }
  const afterMap = leafMap(after);
  const out: Decrease[] = [];
  for (const [key, leaf] of leafMap(before)) {
    const now = afterMap.get(key)?.amount ?? 0n;
    if (now < leaf.amount) {
      out.push({ account: leaf.account, token: leaf.token, before: leaf.amount, after: now });
    }
  }
  return out.sort(byKey);
}

/** Whether every address of `leaves` is already lowercase (keys compare as strings then). */
function lowercase(leaves: readonly Keyed[]): boolean {
  let token = "";
  for (const l of leaves) {
    if (l.account !== l.account.toLowerCase()) return false;
    if (l.token !== token) {
      if (l.token !== l.token.toLowerCase()) return false;
      token = l.token;
    }
  }
  return true;
}
