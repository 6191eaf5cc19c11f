/**
 * Scores of every participant at the end of each epoch, computed incrementally: the events of
 * epoch k are those with endTime(k−1) ≤ time < endTime(k) ("epoch n counts every event with
 * time < endTime(n)", so the scores of epoch n cover the season since its start). Per participant
 * it keeps the completions of each action (saturated where decay or maxRepeats stops counting),
 * the combined boosts, and the mint; score.ts turns those into a score.
 */
import { NO_BOOST, combineBoosts, type BoostEffect } from "./boosts";
import type { CompiledSeason } from "./catalog";
import { unitColumn, type UnitColumn } from "./columns";
import { actionUnits } from "./decay";
import type { EventLog } from "./event-log";
import { scoreParticipant } from "./score";
import { dollarsToUnits } from "./units";
import { growTo } from "./word-table";

type Counts = Uint8Array | Uint16Array | Uint32Array;

/** Record indices grouped by the epoch they fall in (0-based), stable within a bucket. */
function bucketByEpoch(times: Float64Array, count: number, ends: readonly number[]): Uint32Array[] {
  const epochOf = new Int32Array(count);
  const sizes = new Uint32Array(ends.length);
  for (let r = 0; r < count; r++) {
    const t = times[r];
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (t < ends[mid]) hi = mid;
      else lo = mid + 1;
    }
    epochOf[r] = lo < ends.length ? lo : -1;
    if (lo < ends.length) sizes[lo]++;
  }
  const buckets = Array.from(sizes, (s) => new Uint32Array(s));
  const fill = new Uint32Array(ends.length);
  for (let r = 0; r < count; r++) {
    const e = epochOf[r];
    if (e >= 0) buckets[e][fill[e]++] = r;
  }
  return buckets;
}

export class Scoreboard {
  /** By account id, in units; 0 for accounts without counted events. */
  readonly actionUnits: UnitColumn;
  readonly boostedUnits: UnitColumn;
  readonly scoreUnits: UnitColumn;
  readonly dollars: UnitColumn;
  /** The scores as exact doubles, when every possible score is below 2^53 (for ranking). */
  readonly scoreNumbers: Float64Array | undefined;
  /** 1 when the account has at least one counted event. */
  readonly seen: Uint8Array;
  /** Counted (deduplicated) events so far. */
  counted = { mints: 0, actions: 0, boosts: 0 };
  /** Epochs applied so far. */
  epoch = 0;

  private readonly counts: Counts;
  private readonly caps: Uint32Array;
  private readonly actions: number;
  private readonly numberTables: Float64Array[] | undefined;
  private readonly boosts: (BoostEffect | undefined)[];
  private readonly minted: Uint8Array;
  private readonly actionBuckets: Uint32Array[];
  private readonly boostBuckets: Uint32Array[];
  private readonly mintBuckets: Uint32Array[];
  private readonly dirty: Uint8Array;
  private dirtyList: Uint32Array;
  private dirtyCount = 0;

  constructor(
    private readonly season: CompiledSeason,
    private readonly log: EventLog,
    /** endTime of epochs 1 … n. */
    private readonly ends: readonly number[],
  ) {
    const n = log.accountCount;
    this.actions = season.actionKeys.length;
    this.caps = Uint32Array.from(season.actionTables, (t) => t.length - 1);
    const maxCap = Math.max(0, ...this.caps);
    const cells = n * this.actions;
    this.counts =
      maxCap <= 0xff
        ? new Uint8Array(cells)
        : maxCap <= 0xffff
          ? new Uint16Array(cells)
          : new Uint32Array(cells);
    // When every possible sum of action points is an exact double, sum in doubles.
    const maxSum = season.actionTables.reduce((s, t) => s + t[t.length - 1], 0n);
    this.numberTables =
      maxSum <= BigInt(Number.MAX_SAFE_INTEGER)
        ? season.actionTables.map((t) => Float64Array.from(t, (u) => Number(u)))
        : undefined;
    // Upper bounds of every value, to choose the columns' storage: all the boosts together on the
    // most active participant possible, and the largest mint.
    let num = 1n;
    let den = 1n;
    let fixed = 0n;
    for (const b of season.boostEffects) {
      num *= b.numerator;
      den *= b.denominator;
      fixed += b.fixedUnits;
    }
    const maxBoosted = (maxSum * num) / den + fixed;
    let maxDollars = 0n;
    for (let a = 0; a < n; a++) {
      if (log.mintLine[a] !== 0 && log.mintDollars[a] > maxDollars) maxDollars = log.mintDollars[a];
    }
    const maxScore =
      maxBoosted > dollarsToUnits(maxDollars) ? maxBoosted : dollarsToUnits(maxDollars);
    this.actionUnits = unitColumn(n, maxSum);
    this.boostedUnits = unitColumn(n, maxBoosted);
    this.scoreUnits = unitColumn(n, maxScore);
    this.dollars = unitColumn(n, maxDollars);
    this.scoreNumbers =
      maxScore <= BigInt(Number.MAX_SAFE_INTEGER) ? new Float64Array(n) : undefined;
    this.seen = new Uint8Array(n);
    this.boosts = new Array<BoostEffect | undefined>(n);
    this.minted = new Uint8Array(n);
    this.dirty = new Uint8Array(n);
    this.dirtyList = new Uint32Array(1024);
    this.actionBuckets = bucketByEpoch(log.actTime, log.actionCount, ends);
    this.boostBuckets = bucketByEpoch(log.bstTime, log.boostCount, ends);
    const mintTimes = new Float64Array(n);
    for (let a = 0; a < n; a++) mintTimes[a] = log.mintLine[a] === 0 ? Infinity : log.mintTime[a];
    this.mintBuckets = bucketByEpoch(mintTimes, n, ends);
  }

  private touch(account: number): void {
    if (this.dirty[account]) return;
    this.dirty[account] = 1;
    this.seen[account] = 1;
    if (this.dirtyCount === this.dirtyList.length) {
      this.dirtyList = growTo(this.dirtyList, this.dirtyCount + 1);
    }
    this.dirtyList[this.dirtyCount++] = account;
  }

  /** Applies the events of the next epoch and rescores the participants they touch. */
  advance(): void {
    const e = this.epoch++;
    if (e >= this.ends.length) throw new Error("scoreboard: no more epochs");
    const log = this.log;
    const A = this.actions;
    const counts = this.counts;
    for (const r of this.actionBuckets[e]) {
      const account = log.actAccount[r];
      const action = log.actAction[r];
      const cell = account * A + action;
      if (counts[cell] < this.caps[action]) counts[cell]++;
      this.touch(account);
    }
    for (const b of this.boostBuckets[e]) {
      const account = log.bstAccount[b];
      this.boosts[account] = combineBoosts(
        this.boosts[account] ?? NO_BOOST,
        this.season.boostEffects[log.bstBoost[b]],
      );
      this.touch(account);
    }
    for (const account of this.mintBuckets[e]) {
      this.minted[account] = 1;
      this.touch(account);
    }
    this.counted.actions += this.actionBuckets[e].length;
    this.counted.boosts += this.boostBuckets[e].length;
    this.counted.mints += this.mintBuckets[e].length;
    for (let d = 0; d < this.dirtyCount; d++) {
      const account = this.dirtyList[d];
      this.dirty[account] = 0;
      this.rescore(account);
    }
    this.dirtyCount = 0;
  }

  private rescore(account: number): void {
    const A = this.actions;
    const base = account * A;
    let units: bigint;
    if (this.numberTables) {
      let sum = 0;
      for (let a = 0; a < A; a++) {
        const c = this.counts[base + a];
        if (c !== 0) sum += this.numberTables[a][c];
      }
      units = BigInt(sum);
    } else {
      units = 0n;
      for (let a = 0; a < A; a++) {
        const c = this.counts[base + a];
        if (c !== 0) units += actionUnits(this.season.actionTables[a], c);
      }
    }
    const dollars = this.minted[account] ? this.log.mintDollars[account] : 0n;
    const s = scoreParticipant(units, this.boosts[account] ?? NO_BOOST, dollars);
    this.actionUnits.set(account, s.actionUnits);
    this.boostedUnits.set(account, s.boostedUnits);
    this.dollars.set(account, s.dollars);
    this.scoreUnits.set(account, s.scoreUnits);
    if (this.scoreNumbers) this.scoreNumbers[account] = Number(s.scoreUnits);
  }
}
