/**
 * Whether an epoch's tree fits the distributor: per token, what the tree still owes
 * (Σ over its leaves of cumulative − already claimed) must not exceed the distributor's balance,
 * or the last claimers would find it underfunded.
 */
import { leafKey, type Leaf } from "./leaves";

export interface TokenTotals {
  /** Lowercase token address. */
  readonly token: string;
  /** Σ of the tree's cumulative amounts. */
  readonly cumulative: bigint;
  /** Σ of what the tree's accounts already claimed (capped at each leaf's cumulative). */
  readonly claimed: bigint;
  /** Σ(cumulative − claimed): what the tree can still pay out. */
  readonly outstanding: bigint;
  /** The distributor's balance of the token. */
  readonly balance: bigint;
  /** outstanding ≤ balance. */
  readonly fits: boolean;
  /** outstanding − balance when it does not fit, else 0. */
  readonly shortfall: bigint;
}

/**
 * Per token of `leaves` (and of `balances`), sorted by token address. `claimed` is keyed by
 * `leafKey(account, token)`; a claim above a leaf's cumulative (possible only after a decrease,
 * which is reported separately) counts as the whole leaf claimed.
 */
export function outstandingTotals(
  leaves: Iterable<Leaf>,
  claimed: ReadonlyMap<string, bigint>,
  balances: ReadonlyMap<string, bigint>,
): TokenTotals[] {
  const sums = new Map<string, { cumulative: bigint; claimed: bigint }>();
  let lastToken: string | undefined;
  let s = { cumulative: 0n, claimed: 0n };
  for (const leaf of leaves) {
    if (leaf.token !== lastToken) {
      lastToken = leaf.token;
      const token = leaf.token.toLowerCase();
      s = sums.get(token) ?? { cumulative: 0n, claimed: 0n };
      sums.set(token, s);
    }
    s.cumulative += leaf.amount;
    if (claimed.size === 0) continue;
    const paid = claimed.get(leafKey(leaf.account, leaf.token)) ?? 0n;
    s.claimed += paid < leaf.amount ? paid : leaf.amount;
  }
  for (const token of balances.keys()) {
    if (!sums.has(token.toLowerCase()))
      sums.set(token.toLowerCase(), { cumulative: 0n, claimed: 0n });
  }
  const balanceOf = (token: string): bigint => {
    for (const [t, b] of balances) if (t.toLowerCase() === token) return b;
    return 0n;
  };
  return [...sums.keys()].sort().map((token) => {
    const s = sums.get(token)!;
    const outstanding = s.cumulative - s.claimed;
    const balance = balanceOf(token);
    return {
      token,
      cumulative: s.cumulative,
      claimed: s.claimed,
      outstanding,
      balance,
      fits: outstanding <= balance,
      shortfall: outstanding > balance ? outstanding - balance : 0n,
    };
  });
}

/** Per (account, token) sums of claim events' amounts, keyed by `leafKey`. */
export function claimedTotals(
  claims: Iterable<{ account: string; token: string; amount: bigint }>,
): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const c of claims) {
    const key = leafKey(c.account, c.token);
    out.set(key, (out.get(key) ?? 0n) + c.amount);
  }
  return out;
}
