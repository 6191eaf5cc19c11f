/**
 * The whole computation of an epoch, offline: season + events → scores, ranks, allocations,
 * cumulative entitlements and the Merkle tree. Epoch n is computed from the season's start:
 * epochs 1 … n are replayed in order (each one's ranking and split feeds the cumulative
 * entitlements and the carried dust), so an auditor needs nothing but the season file and the
 * events. Nothing here depends on the order of the events or on the machine.
 */
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { splitPoolInto, type Curve } from "./allocate";
import { compileSeason, tokensUpTo, type CompiledSeason } from "./catalog";
import type { UnitColumn } from "./columns";
import type { AllocationRow, ScoreRow } from "./csv";
import { EventLog, ADDRESS_WORDS, type EventCatalog, type RefConflict } from "./event-log";
import { addEvents, readEventsFile, type ReadProgress } from "./event-reader";
import type { SeasonEvent } from "./events";
import { wordsToBytes } from "./hex";
import { RewardLedger, type TokenEpochTotals } from "./ledger";
import { rankParticipants, type Ranking } from "./rank";
import { Scoreboard } from "./scoreboard";
import { seasonEpoch, type Season } from "./season";
import { sortByBytes } from "./sort-bytes";
import { LEAF_ENCODING, RewardTree, type LeafSet } from "./tree";

export const STAGES = ["parse", "score", "rank", "allocate", "tree", "proofs", "write"] as const;
export type Stage = (typeof STAGES)[number];

export interface ComputeEpochOptions {
  season: Season;
  /** The epoch to compute (1-based, as numbered in the season file). */
  epoch: number;
  /** The events file (events.ndjson)… */
  eventsPath?: string;
  /** …or the events themselves. */
  events?: Iterable<SeasonEvent>;
  /** Human-readable progress of long runs. */
  onProgress?: (message: string) => void;
  /** Time spent in each stage, in milliseconds (stages may report more than once). */
  onStage?: (stage: Stage, ms: number) => void;
  /** Worker threads decoding the events file (default: by file size and CPUs; 0: none). */
  readers?: number;
  /**
   * Also keep epoch − 1's cumulative entitlements, as `computeEpoch` of epoch − 1 gives them, from
   * the same replay (an auditor's monotonicity check without a second computation).
   */
  keepPrevious?: boolean;
}

/** One (account, token) cumulative entitlement of an earlier epoch. */
export interface CumulativeLeaf {
  readonly account: string;
  readonly token: string;
  readonly amount: bigint;
}

export interface TokenSummary {
  pool: string;
  carriedIn: string;
  allocated: string;
  dust: string;
  cumulative: string;
}

/** summary.json. */
export interface EpochSummary {
  season: string;
  epoch: number;
  endTime: number;
  curve: Curve;
  /** The Merkle root to publish. */
  root: string;
  /** keccak256 of tree.json's bytes (the distributor's `dataHash`). */
  dataHash: string;
  /** Participants with a score above zero (ranked). */
  participants: number;
  /** Accounts with at least one counted event. */
  accounts: number;
  /** Leaves of the tree: (account, token) pairs with a positive cumulative entitlement. */
  leaves: number;
  /** Events counted (deduplicated, time < endTime). */
  events: { mints: number; actions: number; boosts: number };
  /** Records dropped as conflicting with an earlier one (time < endTime): anomalies.json lists them. */
  anomalies: number;
  /** Per reward token (lowercase address, sorted). */
  tokens: Record<string, TokenSummary>;
}

/** A stage clock: each call reports to `onStage` the time since the previous call (or its creation). */
export const stageTimer = (onStage: ComputeEpochOptions["onStage"]) => {
  let last = performance.now();
  return (stage: Stage) => {
    const now = performance.now();
    onStage?.(stage, now - last);
    last = now;
  };
};

/** At most one call per second (and always the last one, when `p.bytes` reaches the total). */
function throttle(f: (p: ReadProgress) => void): (p: ReadProgress) => void {
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (now - last >= 1000 || p.bytes === p.totalBytes) {
      last = now;
      f(p);
    }
  };
}

function describeRead(p: ReadProgress): string {
  const mb = (b: number) => (b / 2 ** 20).toFixed(0);
  return `read ${p.lines.toLocaleString("en-US")} lines (${mb(p.bytes)} of ${mb(p.totalBytes)} MiB)`;
}

/** A guess of the number of action lines of an events file (they are ~190 bytes), to size tables. */
function expectedActions(file: string | undefined): number {
  if (file === undefined) return 1 << 12;
  try {
    return Math.min(1 << 26, Math.max(1 << 12, Math.floor(fs.statSync(file).size / 200)));
  } catch {
    return 1 << 12;
  }
}

/** The event log's catalog of a compiled season: keys, and refs scoped by dApp. */
export function eventCatalog(compiled: CompiledSeason): EventCatalog {
  return {
    actionKeys: compiled.actionKeys,
    boostKeys: compiled.boostKeys,
    actionScopes: compiled.actionScopes,
    scopeNames: compiled.dapps,
  };
}

/** Computes epoch `epoch` of `season` from its events. Throws one line naming any bad input. */
export function computeEpoch(options: ComputeEpochOptions): EpochResult {
  const { season, epoch, onProgress } = options;
  const stage = stageTimer(options.onStage);
  const target = seasonEpoch(season, epoch);
  const compiled = compileSeason(season);
  if ((options.eventsPath === undefined) === (options.events === undefined)) {
    throw new Error("give either eventsPath or events");
  }

  const log = new EventLog(eventCatalog(compiled), expectedActions(options.eventsPath));
  if (options.eventsPath !== undefined) {
    readEventsFile(options.eventsPath, log, {
      onProgress: onProgress && throttle((p: ReadProgress) => onProgress(describeRead(p))),
      workers: options.readers,
    });
  } else {
    addEvents(options.events as Iterable<SeasonEvent>, log);
  }
  stage("parse");

  const n = log.accountCount;
  const accountBytes = new Uint8Array(20 * n);
  for (let a = 0; a < n; a++)
    wordsToBytes(log.accounts.keys, a * ADDRESS_WORDS, ADDRESS_WORDS, accountBytes, 20 * a);
  const addressOrder = sortByBytes(accountBytes, 0, 20, 20, n);
  const ends = compiled.epochs.slice(0, epoch).map((e) => e.endTime);
  const board = new Scoreboard(compiled, log, ends);
  const tokens = tokensUpTo(compiled, epoch);
  const bounds = tokens.map((t) =>
    compiled.epochs.slice(0, epoch).reduce((sum, e) => sum + (e.pools.get(t) ?? 0n), 0n),
  );
  const ledger = new RewardLedger(tokens, n, bounds);
  stage("score");

  let ranking: Ranking = { order: new Uint32Array(0), ranks: new Uint32Array(0) };
  let totals: TokenEpochTotals[] = [];
  const scores = { get: (a: number) => board.scoreUnits.get(a), exact: board.scoreNumbers };
  const kept: { account: number[]; token: number[]; amount: bigint[] } | undefined =
    options.keepPrevious && epoch > 1 ? { account: [], token: [], amount: [] } : undefined;
  for (let k = 1; k <= epoch; k++) {
    board.advance();
    stage("score");
    const previous = ranking.order;
    ranking = rankParticipants(scores, addressOrder);
    stage("rank");
    const r = ranking;
    const pools = compiled.epochs[k - 1].pools;
    totals = tokens.map((token, t) => {
      const configured = pools.get(token) ?? 0n;
      ledger.begin(t, previous);
      const split = splitPoolInto(
        ledger.available(t, configured),
        compiled.curve,
        r.ranks,
        (i) => board.scoreUnits.get(r.order[i]),
        (from, to, amount) => ledger.pay(t, r.order, from, to, amount),
      );
      return ledger.close(t, configured, split.allocated);
    });
    stage("allocate");
    onProgress?.(`epoch ${k}: ${r.order.length.toLocaleString("en-US")} participants ranked`);
    if (kept && k === epoch - 1) {
      for (const a of addressOrder) {
        for (let t = 0; t < tokens.length; t++) {
          const c = ledger.cumulative[t].get(a);
          if (c > 0n) {
            kept.account.push(a);
            kept.token.push(t);
            kept.amount.push(c);
          }
        }
      }
    }
  }

  const hex = Buffer.from(accountBytes.buffer, accountBytes.byteOffset, accountBytes.length);
  const accountHex = new Array<string>(n);
  const seenInOrder: number[] = [];
  for (const a of addressOrder) {
    if (board.seen[a]) {
      seenInOrder.push(a);
      accountHex[a] = `0x${hex.toString("hex", 20 * a, 20 * a + 20)}`;
    }
  }
  const leafAccount: number[] = [];
  const leafToken: number[] = [];
  const amounts: bigint[] = [];
  for (const a of seenInOrder) {
    for (let t = 0; t < tokens.length; t++) {
      const c = ledger.cumulative[t].get(a);
      if (c > 0n) {
        leafAccount.push(a);
        leafToken.push(t);
        amounts.push(c);
      }
    }
  }
  if (amounts.length === 0) {
    throw new Error(
      `epoch ${epoch}: no account has a positive cumulative entitlement, so there is no tree to publish ` +
        `(${ranking.order.length} ranked participants; check the pools of epochs 1 to ${epoch})`,
    );
  }
  const tokenBytes = new Uint8Array(20 * tokens.length);
  tokens.forEach((t, i) => tokenBytes.set(Buffer.from(t.slice(2), "hex"), 20 * i));
  const leaves: LeafSet = {
    count: amounts.length,
    accountBytes,
    accountHex,
    tokenBytes,
    tokenHex: tokens,
    leafAccount: Uint32Array.from(leafAccount),
    leafToken: Uint32Array.from(leafToken),
    amounts,
  };
  stage("allocate");
  onProgress?.(`building the tree of ${amounts.length.toLocaleString("en-US")} leaves`);
  const tree = RewardTree.build(leaves);
  stage("tree");
  const previous = kept && {
    epoch: epoch - 1,
    leaves: kept.amount.map((amount, i): CumulativeLeaf => ({
      account: `0x${hex.toString("hex", 20 * kept.account[i], 20 * kept.account[i] + 20)}`,
      token: tokens[kept.token[i]],
      amount,
    })),
  };

  return new EpochResult({
    season: compiled,
    epoch,
    endTime: target.endTime,
    tokens,
    totals,
    board,
    ranking,
    seenInOrder,
    accountHex,
    allocation: ledger.latest,
    tree,
    anomalies: log.anomalies.filter((a) => a.dropped.time < target.endTime),
    previous,
  });
}

interface EpochParts {
  season: CompiledSeason;
  epoch: number;
  endTime: number;
  tokens: string[];
  totals: TokenEpochTotals[];
  board: Scoreboard;
  ranking: Ranking;
  seenInOrder: number[];
  accountHex: string[];
  /** The target epoch's allocation, by token then account. */
  allocation: UnitColumn[];
  tree: RewardTree;
  /** Records dropped before the epoch's end (see event-log.ts), in chain order. */
  anomalies: RefConflict[];
  previous?: { epoch: number; leaves: CumulativeLeaf[] };
}

/** proofs.json as an object: per account, one claim per reward token. */
export interface ProofsFile {
  epoch: number;
  root: string;
  leafEncoding: string[];
  accounts: Record<string, { token: string; amount: string; proof: string[] }[]>;
}

export class EpochResult {
  readonly epoch: number;
  readonly endTime: number;
  /** Reward tokens of epochs 1 … epoch, lowercase, sorted. */
  readonly tokens: readonly string[];
  readonly tree: RewardTree;
  /** Epoch − 1's cumulative entitlements (with `keepPrevious`; by account, then token, as the tree's values). */
  readonly previous?: { readonly epoch: number; readonly leaves: readonly CumulativeLeaf[] };
  private dataHashValue: string | undefined;

  constructor(private readonly parts: EpochParts) {
    this.epoch = parts.epoch;
    this.previous = parts.previous;
    this.endTime = parts.endTime;
    this.tokens = parts.tokens;
    this.tree = parts.tree;
  }

  get root(): string {
    return this.tree.root;
  }

  /** keccak256 of tree.json's bytes (computed once, by writing the dump or on demand). */
  get dataHash(): string {
    this.dataHashValue ??= this.tree.writeDump(() => undefined);
    return this.dataHashValue;
  }

  /** Records the hash computed while writing tree.json. */
  setDataHash(hash: string): void {
    if (this.dataHashValue !== undefined && this.dataHashValue !== hash) {
      throw new Error("tree.json hashed differently twice");
    }
    this.dataHashValue = hash;
  }

  /** Records dropped as conflicting with an earlier record of the same dApp and ref. */
  get anomalies(): readonly RefConflict[] {
    return this.parts.anomalies;
  }

  /** Ranked participants. */
  get participants(): number {
    return this.parts.ranking.order.length;
  }

  /** scores.csv rows: ranked by rank then account, then unranked by account. */
  *scoreRows(): Generator<ScoreRow> {
    const { board, ranking, accountHex, seenInOrder } = this.parts;
    const row = (a: number, rank: number): ScoreRow => ({
      rank,
      account: accountHex[a],
      scoreUnits: board.scoreUnits.get(a),
      actionUnits: board.actionUnits.get(a),
      boostedUnits: board.boostedUnits.get(a),
      dollars: board.dollars.get(a),
    });
    for (let i = 0; i < ranking.order.length; i++) yield row(ranking.order[i], ranking.ranks[i]);
    for (const a of seenInOrder) if (board.scoreUnits.get(a) === 0n) yield row(a, 0);
  }

  /** allocations.csv rows, in the order of the tree's values. */
  *allocationRows(): Generator<AllocationRow> {
    const { tree, allocation } = this.parts;
    const l = tree.leaves;
    for (let v = 0; v < l.count; v++) {
      yield {
        account: l.accountHex[l.leafAccount[v]],
        token: l.tokenHex[l.leafToken[v]],
        allocation: allocation[l.leafToken[v]].get(l.leafAccount[v]),
        cumulative: l.amounts[v],
        cumulativeText: tree.amount(v),
      };
    }
  }

  /** proofs.json as an object (small epochs; writeEpochOutputs streams it). */
  proofs(): ProofsFile {
    const tree = this.tree;
    const accounts: ProofsFile["accounts"] = {};
    for (let v = 0; v < tree.length; v++) {
      const [account, token, amount] = tree.value(v);
      (accounts[account] ??= []).push({ token, amount, proof: tree.proof(v) });
    }
    return { epoch: this.epoch, root: this.root, leafEncoding: [...LEAF_ENCODING], accounts };
  }

  summary(): EpochSummary {
    const { season, board, tokens, totals, seenInOrder } = this.parts;
    const tokenSummaries: Record<string, TokenSummary> = {};
    tokens.forEach((t, i) => {
      const x = totals[i];
      tokenSummaries[t] = {
        pool: x.pool.toString(),
        carriedIn: x.carriedIn.toString(),
        allocated: x.allocated.toString(),
        dust: x.dust.toString(),
        cumulative: x.cumulative.toString(),
      };
    });
    return {
      season: season.name,
      epoch: this.epoch,
      endTime: this.endTime,
      curve: season.curve,
      root: this.root,
      dataHash: this.dataHash,
      participants: this.participants,
      accounts: seenInOrder.length,
      leaves: this.tree.length,
      events: { ...board.counted },
      anomalies: this.parts.anomalies.length,
      tokens: tokenSummaries,
    };
  }
}
