/**
 * Rewards across epochs (SPEC §3): each (account, reward token) has a cumulative entitlement, the
 * sum of its allocations so far, which therefore never decreases; the rounding dust of a token's
 * pool is carried into the same token's pool of the next epoch (so it is never lost nor paid
 * twice). A token absent from an epoch's pools still has its carried dust to split.
 */
import { unitColumn, type UnitColumn } from "./columns";

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
  /** cumulative[token].get(account). */
  readonly cumulative: UnitColumn[];
  /** The latest epoch's allocation: latest[token].get(account). */
  readonly latest: UnitColumn[];

  /**
   * @param bounds per token, the sum of all its pools (no entitlement can exceed it)
   */
  constructor(
    readonly tokens: readonly string[],
    accountCount: number,
    bounds: readonly bigint[],
  ) {
    this.carry = tokens.map(() => 0n);
    this.totals = tokens.map(() => 0n);
    this.cumulative = tokens.map((_, t) => unitColumn(accountCount, bounds[t]));
    this.latest = tokens.map((_, t) => unitColumn(accountCount, bounds[t]));
  }

  /** The pool to split for `token` this epoch: configured + carried dust. */
  available(token: number, configured: bigint): bigint {
    return configured + this.carry[token];
  }

  /** Starts an epoch for `token`: clears the latest allocations of `previous` payees. */
  begin(token: number, previous: Uint32Array): void {
    const latest = this.latest[token];
    for (let i = 0; i < previous.length; i++) latest.set(previous[i], 0n);
  }

  /** Pays `amount` to each of `accounts` (this epoch, token `token`). */
  pay(token: number, accounts: ArrayLike<number>, from: number, to: number, amount: bigint): void {
    if (amount < 0n) throw new Error("negative allocation");
    if (amount === 0n) return;
    const cumulative = this.cumulative[token];
    const latest = this.latest[token];
    for (let i = from; i < to; i++) {
      cumulative.add(accounts[i], amount);
      latest.set(accounts[i], amount);
    }
  }

  /** Closes the epoch of `token`: `allocated` of `configured + carried` was paid. */
  close(token: number, configured: bigint, allocated: bigint): TokenEpochTotals {
    const carriedIn = this.carry[token];
    const dust = configured + carriedIn - allocated;
    if (dust < 0n) throw new Error(`allocations exceed the pool of ${this.tokens[token]}`);
    this.carry[token] = dust;
    this.totals[token] += allocated;
    return { pool: configured, carriedIn, allocated, dust, cumulative: this.totals[token] };
  }
}
