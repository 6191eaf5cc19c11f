/**
 * All the events of a season, deduplicated, in columns (typed arrays): what the scorer reads.
 * The rules about events relative to each other live here:
 * - a record's identity is (its action's dApp, its `ref`): one dApp's reporter cannot collide with
 *   another dApp's refs (the registry only lets a reporter record its own dApps' actions). Within
 *   a dApp, the first record of a ref in chain order (earliest time, then earliest line: the
 *   exporter writes lines in chain order) counts; a later one with the same account and action is
 *   the same completion (a relayed event recorded twice), and one with another account or action
 *   is dropped and listed as an anomaly (`anomalies`): nothing a reporter writes stops the epoch;
 * - a second mint for an account is an error, and so is a mint ordinal claimed twice;
 * - a boost earned twice by an account counts once (at its earliest time);
 * - an action or boost not in the season's catalog is an error.
 * Nothing depends on the order of the lines, except which of two conflicting records with the same
 * time counts (the earlier line).
 */
import { EventLineError, type SeasonEvent } from "./events";
import { hexStringToWords, wordsToHex } from "./hex";
import { sortByWords } from "./sort-bytes";
import { WordTable, growTo } from "./word-table";

/** Words of an address (20 bytes) and of a ref (32 bytes). */
export const ADDRESS_WORDS = 5;
export const REF_WORDS = 8;

/** The catalog as ids: action and boost keys in a fixed order. */
export interface EventCatalog {
  actionKeys: readonly string[];
  boostKeys: readonly string[];
  /**
   * The scope of each action's refs (an index into `scopeNames`): its dApp. Absent: one scope for
   * every action.
   */
  actionScopes?: readonly number[];
  /** The scopes' names (the dApps' names, as in the season file). */
  scopeNames?: readonly string[];
}

/** One record of an action event, as an anomaly names it. */
export interface RecordAt {
  line: number;
  account: string;
  action: string;
  time: number;
}

/**
 * A record dropped because an earlier record (in chain order) of the same dApp used its ref for
 * another account or action.
 */
export interface RefConflict {
  kind: "ref-conflict";
  ref: string;
  dapp: string;
  kept: RecordAt;
  dropped: RecordAt;
}

export class EventLog {
  /** Distinct accounts; account id = insertion index. */
  readonly accounts = new WordTable(ADDRESS_WORDS, 1 << 16);
  /** Per account: line of its mint (0: none), its time and dollars. */
  mintLine = new Uint32Array(1 << 16);
  mintTime = new Float64Array(1 << 16);
  readonly mintDollars: bigint[] = [];
  private readonly ordinals = new Map<number, number>();

  /**
   * Action records, appended as read and deduplicated by `seal()` (sorting by ref costs less than
   * a 10-million-entry hash table, whose every insert is a cache miss).
   */
  private refWords: Uint32Array;
  actionCount = 0;
  actAccount: Uint32Array;
  actAction: Uint16Array;
  actTime: Float64Array;
  private actLine: Uint32Array;
  sealed = false;

  /** Distinct (account, boost) pairs. */
  private readonly boostPairs = new WordTable(2, 1 << 12);
  boostCount = 0;
  bstAccount = new Uint32Array(1 << 12);
  bstBoost = new Uint32Array(1 << 12);
  bstTime = new Float64Array(1 << 12);

  /** Lines accepted, including duplicates. */
  lines = 0;

  /** Records dropped by `seal()` (ordered by the dropped record's time, then line). */
  anomalies: RefConflict[] = [];

  readonly actionIds: ReadonlyMap<string, number>;
  readonly boostIds: ReadonlyMap<string, number>;
  private readonly pair = new Uint32Array(2);
  private readonly scopes: Uint32Array;
  private readonly scratch = new Uint32Array(REF_WORDS);

  /** `expectedActions` sizes the tables up front (a hint: they grow as needed). */
  constructor(
    readonly catalog: EventCatalog,
    expectedActions = 1 << 16,
  ) {
    this.refWords = new Uint32Array(expectedActions * REF_WORDS);
    this.actAccount = new Uint32Array(expectedActions);
    this.actAction = new Uint16Array(expectedActions);
    this.actTime = new Float64Array(expectedActions);
    this.actLine = new Uint32Array(expectedActions);
    if (catalog.actionKeys.length > 0xffff) throw new Error("at most 65,535 actions are supported");
    this.scopes = Uint32Array.from(catalog.actionScopes ?? catalog.actionKeys.map(() => 0));
    this.actionIds = new Map(catalog.actionKeys.map((k, i) => [k, i]));
    this.boostIds = new Map(catalog.boostKeys.map((k, i) => [k, i]));
  }

  get accountCount(): number {
    return this.accounts.size;
  }

  accountHex(id: number): string {
    return wordsToHex(this.accounts.keys, id * ADDRESS_WORDS, ADDRESS_WORDS);
  }

  /** Id of the account at words[off …], creating it. */
  account(words: Uint32Array, off: number): number {
    const id = this.accounts.add(words, off);
    if (this.accounts.inserted && id >= this.mintLine.length) {
      this.mintLine = growTo(this.mintLine, id + 1);
      this.mintTime = growTo(this.mintTime, id + 1);
    }
    return id;
  }

  /** Ids of `count` accounts (5 words each at words[0 …]) into out[0 …], creating the new ones. */
  accountsMany(words: Uint32Array, count: number, out: Uint32Array): void {
    this.accounts.addMany(words, count, out);
    const n = this.accounts.size;
    if (n > this.mintLine.length) {
      this.mintLine = growTo(this.mintLine, n);
      this.mintTime = growTo(this.mintTime, n);
    }
  }

  addMint(account: number, ordinal: number, dollars: bigint, time: number, line: number): void {
    const first = this.mintLine[account];
    if (first !== 0) {
      throw new EventLineError(
        line,
        `second mint for ${this.accountHex(account)} (its mint is on line ${first})`,
      );
    }
    const holder = this.ordinals.get(ordinal);
    if (holder !== undefined) {
      throw new EventLineError(
        line,
        `mint ordinal ${ordinal} was already claimed by ${this.accountHex(holder)} on line ${this.mintLine[holder]}`,
      );
    }
    this.ordinals.set(ordinal, account);
    this.mintLine[account] = line;
    this.mintTime[account] = time;
    this.mintDollars[account] = dollars;
    this.lines++;
  }

  /** Records an action; `ref` is the 8 words at refWords[refOff …]. */
  addAction(
    account: number,
    action: number,
    refWords: Uint32Array,
    refOff: number,
    time: number,
    line: number,
  ): void {
    if (this.sealed) throw new Error("the event log is sealed");
    const r = this.actionCount++;
    if (r >= this.actAccount.length) {
      this.actAccount = growTo(this.actAccount, r + 1);
      this.actAction = growTo(this.actAction, r + 1);
      this.actTime = growTo(this.actTime, r + 1);
      this.actLine = growTo(this.actLine, r + 1);
      this.refWords = growTo(this.refWords, (r + 1) * REF_WORDS);
    }
    this.actAccount[r] = account;
    this.actAction[r] = action;
    this.actTime[r] = time;
    this.actLine[r] = line;
    const w = this.refWords;
    for (let j = 0; j < REF_WORDS; j++) w[r * REF_WORDS + j] = refWords[refOff + j];
    this.lines++;
  }

  addBoost(account: number, boost: number, time: number): void {
    this.pair[0] = account;
    this.pair[1] = boost;
    const b = this.boostPairs.add(this.pair, 0);
    this.lines++;
    if (!this.boostPairs.inserted) {
      if (time < this.bstTime[b]) this.bstTime[b] = time;
      return;
    }
    if (b >= this.bstAccount.length) {
      this.bstAccount = growTo(this.bstAccount, b + 1);
      this.bstBoost = growTo(this.bstBoost, b + 1);
      this.bstTime = growTo(this.bstTime, b + 1);
    }
    this.bstAccount[b] = account;
    this.bstBoost[b] = boost;
    this.bstTime[b] = time;
    this.boostCount = b + 1;
  }

  actionId(key: string, line: number): number {
    const id = this.actionIds.get(key);
    if (id === undefined) {
      throw new EventLineError(line, `unknown action '${key}' (not in the season's actions)`);
    }
    return id;
  }

  boostId(key: string, line: number): number {
    const id = this.boostIds.get(key);
    if (id === undefined) {
      throw new EventLineError(line, `unknown boost '${key}' (not in the season's boosts)`);
    }
    return id;
  }

  /** Adds a validated event object (see events.ts), `line` being its 1-based position. */
  addEvent(e: SeasonEvent, line: number): void {
    const w = this.scratch;
    if (!hexStringToWords(e.account.toLowerCase(), ADDRESS_WORDS, w, 0)) {
      throw new EventLineError(line, `account: '${e.account}' is not a 20-byte hex address`);
    }
    switch (e.kind) {
      case "mint":
        this.addMint(this.account(w, 0), e.ordinal, BigInt(e.dollars), e.time, line);
        return;
      case "action": {
        const action = this.actionId(e.action, line);
        const account = this.account(w, 0);
        if (!hexStringToWords(e.ref.toLowerCase(), REF_WORDS, w, 0)) {
          throw new EventLineError(line, `ref: '${e.ref}' is not 32 bytes of hex`);
        }
        this.addAction(account, action, w, 0, e.time, line);
        return;
      }
      case "boost": {
        const boost = this.boostId(e.boost, line);
        this.addBoost(this.account(w, 0), boost, e.time);
        return;
      }
    }
  }

  /**
   * Applies the ref rule to the actions read (see the file comment): keeps the first record of each
   * (dApp, ref) in chain order, merges its duplicates, drops and lists its conflicts, and drops the
   * refs: no event can be added afterwards.
   */
  seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    const n = this.actionCount;
    const words = this.refWords;
    const order = sortByWords(words, REF_WORDS, n);
    const keep = new Uint8Array(n);
    const members: number[] = [];
    for (let i = 0; i < n;) {
      const first = order[i];
      let j = i + 1;
      for (; j < n; j++) {
        const r = order[j];
        let same = true;
        for (let k = 0; k < REF_WORDS && same; k++)
          same = words[r * REF_WORDS + k] === words[first * REF_WORDS + k];
        if (!same) break;
      }
      if (j === i + 1) keep[first] = 1;
      else {
        members.length = 0;
        for (let k = i; k < j; k++) members.push(order[k]);
        this.resolveRef(members, keep);
      }
      i = j;
    }
    this.anomalies.sort(
      (x, y) => x.dropped.time - y.dropped.time || x.dropped.line - y.dropped.line,
    );
    let m = 0;
    for (let r = 0; r < n; r++) {
      if (!keep[r]) continue;
      this.actAccount[m] = this.actAccount[r];
      this.actAction[m] = this.actAction[r];
      this.actTime[m] = this.actTime[r];
      m++;
    }
    this.actionCount = m;
    this.refWords = new Uint32Array(0);
    this.actLine = new Uint32Array(0);
  }

  /** Whether record a comes before record b in chain order (time, then line). */
  private before(a: number, b: number): boolean {
    return (
      this.actTime[a] < this.actTime[b] ||
      (this.actTime[a] === this.actTime[b] && this.actLine[a] < this.actLine[b])
    );
  }

  /** The records of one ref (two or more): per dApp, keeps the first and lists its conflicts. */
  private resolveRef(records: number[], keep: Uint8Array): void {
    const scopeOf = (r: number) => this.scopes[this.actAction[r]];
    const done = new Set<number>();
    for (const r0 of records) {
      const scope = scopeOf(r0);
      if (done.has(scope)) continue;
      done.add(scope);
      const group = records.filter((r) => scopeOf(r) === scope);
      let first = group[0];
      for (const r of group) if (this.before(r, first)) first = r;
      keep[first] = 1;
      for (const r of group) {
        if (r === first) continue;
        if (
          this.actAccount[r] === this.actAccount[first] &&
          this.actAction[r] === this.actAction[first]
        )
          continue;
        this.anomalies.push({
          kind: "ref-conflict",
          ref: wordsToHex(this.refWords, r * REF_WORDS, REF_WORDS),
          dapp: this.catalog.scopeNames?.[scope] ?? "",
          kept: this.recordAt(first),
          dropped: this.recordAt(r),
        });
      }
    }
  }

  private recordAt(r: number): RecordAt {
    return {
      line: this.actLine[r],
      account: this.accountHex(this.actAccount[r]),
      action: this.catalog.actionKeys[this.actAction[r]],
      time: this.actTime[r],
    };
  }
}
