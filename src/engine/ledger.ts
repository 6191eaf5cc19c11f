/**
 * Rewards across epochs (SPEC §3): each (account, reward token) has a cumulative entitlement, the
 * sum of its allocations so far, which therefore never decreases; the rounding dust of a token's
 * pool is carried into the same token's pool of the next epoch (so it is never lost nor paid
 * twice). A token absent from an epoch's pools still has its carried dust to split.
 */

export interface TokenEpochTotals {
  /** Pool configured for this epoch. */
  pool: bigint;
  /** Dust carried in from the previous epoch. */
  carriedIn: bigint;
  /** Allocated this epoch (≤ pool + carriedIn). */
  allocated: bigint;
  /** pool + carriedIn − allocated, carried into the next epoch. */
  dust: bigint;
  /** Σ cumulative entitlements after this epoch. */
  cumulative: bigint;
}

export class RewardLedger {
  private readonly carry: bigint[];
  private readonly totals: bigint[];
  /** cumulative[token][account]. */
  readonly cumulative: bigint[][];

  constructor(
    readonly tokens: readonly string[],
    accountCount: number,
  ) {
    this.carry = tokens.map(() => 0n);
    this.totals = tokens.map(() => 0n);
    this.cumulative = tokens.map(() => new Array<bigint>(accountCount).fill(0n));
  }

  /** The pool to split for `token` this epoch: configured + carried dust. */
  available(token: number, configured: bigint): bigint {
    return configured + this.carry[token];
  }

  /**
   * Records an epoch's split of `token`: `amounts[i]` to account `accounts[i]`, out of
   * `available(token, configured)`.
   */
  record(
    token: number,
    configured: bigint,
    accounts: Uint32Array,
    amounts: readonly bigint[],
  ): TokenEpochTotals {
    const carriedIn = this.carry[token];
    const cumulative = this.cumulative[token];
    let allocated = 0n;
    for (let i = 0; i < accounts.length; i++) {
      const amount = amounts[i];
      if (amount < 0n) throw new Error("negative allocation");
      if (amount !== 0n) {
        cumulative[accounts[i]] += amount;
        allocated += amount;
      }
    }
    const dust = configured + carriedIn - allocated;
    if (dust < 0n) throw new Error(`allocations exceed the pool of ${this.tokens[token]}`);
    this.carry[token] = dust;
    this.totals[token] += allocated;
    return { pool: configured, carriedIn, allocated, dust, cumulative: this.totals[token] };
  }
}
