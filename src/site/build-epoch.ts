/**
 * An epoch's part of the static site, from its folder and the season's events, in bounded memory:
 * the lines of scores.csv, allocations.csv, proofs.json and events.ndjson are first spread into
 * temporary files by the hex prefix of their account, then each prefix is read back alone and
 * written as one shard (siteAccount per account: the breakdown of `points:me`, the leaves of
 * `rewards:proof`). The leaderboard pages follow scores.csv's rank order as it streams. The epoch
 * is written to a temporary folder and renamed into place last, with epoch.json, so that a build
 * cut short leaves no half epoch behind.
 */
import fs from "node:fs";
import path from "node:path";
import type { EpochSummary } from "../engine/epoch";
import { parseEventLine, type SeasonEvent } from "../engine/events";
import type { Season } from "../engine/season";
import { droppedRecords, isCounted, pointsBreakdown, pointsBreakdowns } from "../season/breakdown";
import {
  EpochFileError,
  parseAllocationLine,
  parseScoreLine,
  readLines,
  type AllocationLine,
  type ProofLeaf,
  type ScoreLine,
} from "../season/epoch-files";
import { siteAccount } from "./account";
import { shardDigitsFor, shardFile, shardNames, shardOf } from "./shard";
import {
  SHARD_LIMIT,
  type AccountShard,
  type LeaderboardPage,
  type SiteAccount,
  type SiteEpoch,
} from "./types";

export const DEFAULT_PAGE_SIZE = 100;

export interface EpochSiteInput {
  /** The epoch's folder (scores.csv, allocations.csv, proofs.json, summary.json). */
  dir: string;
  /** The season's events export (events.ndjson). */
  eventsFile: string;
  season: Season;
  summary: EpochSummary;
  /** The epoch's folder in the site: data/epochs/<n>. */
  out: string;
  pageSize?: number;
  /** Force the shards' prefix length (default: from the files' sizes). */
  shardDigits?: number;
  limit?: number;
  progress?: (line: string) => void;
}

export interface EpochSiteResult {
  epoch: SiteEpoch;
  files: number;
  bytes: number;
  largestShard: number;
}

const KINDS = ["s", "a", "p", "e"] as const;
/** Lines are spilled into at most 16^SPILL_DIGITS buckets (a few MiB each at a million accounts). */
const SPILL_DIGITS = 2;
type Kind = (typeof KINDS)[number];

/** Buffers lines per (prefix, kind) and appends them to temporary files in large writes. */
class Spreader {
  private buffers = new Map<string, string[]>();
  private buffered = 0;
  constructor(
    private readonly dir: string,
    private readonly flushBytes = 32 * 1024 * 1024,
  ) {}
  add(prefix: string, kind: Kind, line: string): void {
    const key = `${prefix === "" ? "all" : prefix}.${kind}`;
    let list = this.buffers.get(key);
    if (!list) this.buffers.set(key, (list = []));
    list.push(line);
    this.buffered += line.length + 1;
    if (this.buffered >= this.flushBytes) this.flush();
  }
  flush(): void {
    for (const [key, lines] of this.buffers)
      fs.appendFileSync(path.join(this.dir, key), `${lines.join("\n")}\n`);
    this.buffers.clear();
    this.buffered = 0;
  }
  read(prefix: string, kind: Kind): { n: number; text: string }[] {
    const file = path.join(this.dir, `${prefix === "" ? "all" : prefix}.${kind}`);
    if (!fs.existsSync(file)) return [];
    return fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => {
        const tab = l.indexOf("\t");
        return { n: Number(l.slice(0, tab)), text: l.slice(tab + 1) };
      });
  }
}

const ACCOUNT_IN_EVENT = /"account":"(0x[0-9a-fA-F]{40})"/;
const ACCOUNT_IN_PROOFS = /^"(0x[0-9a-f]{40})":/;

function fileSize(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
}

/** Writes the epoch's shards and leaderboard pages; returns the epoch's manifest entry. */
export async function writeEpochSite(input: EpochSiteInput): Promise<EpochSiteResult> {
  const { dir, summary } = input;
  const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE;
  const limit = input.limit ?? SHARD_LIMIT;
  const say = input.progress ?? (() => undefined);
  const file = (name: string) => path.join(dir, name);
  for (const name of ["scores.csv", "allocations.csv", "proofs.json"])
    if (!fs.existsSync(file(name))) throw new Error(`${dir}: ${name} is missing`);
  if (!fs.existsSync(input.eventsFile)) throw new Error(`${input.eventsFile} is missing`);
  // Per account: its score row, allocations and leaves (about as in the files), and a breakdown
  // a few times smaller than its events.
  const estimate =
    fileSize(file("scores.csv")) +
    fileSize(file("allocations.csv")) +
    fileSize(file("proofs.json")) +
    fileSize(input.eventsFile) / 4;
  const digits = input.shardDigits ?? shardDigitsFor(estimate, limit);

  const tmpOut = `${input.out}.partial`;
  fs.rmSync(tmpOut, { recursive: true, force: true });
  const spill = path.join(tmpOut, ".spill");
  fs.mkdirSync(spill, { recursive: true });
  fs.mkdirSync(path.join(tmpOut, "accounts"));
  fs.mkdirSync(path.join(tmpOut, "leaderboard"));
  const spread = new Spreader(spill);
  const spillDigits = Math.min(digits, SPILL_DIGITS);
  let files = 0;
  let bytes = 0;
  const write = (rel: string, value: unknown): number => {
    const text = JSON.stringify(value);
    fs.writeFileSync(path.join(tmpOut, rel), text);
    files++;
    bytes += Buffer.byteLength(text);
    return Buffer.byteLength(text);
  };

  // scores.csv: spread by account, and the leaderboard pages in rank order.
  say(`epoch ${summary.epoch}: reading scores.csv (shards of ${digits} hex digits)`);
  let n = 0;
  let participants = 0;
  let ranked = 0;
  let page: LeaderboardPage = { epoch: summary.epoch, page: 1, rows: [] };
  for await (const text of readLines(file("scores.csv"))) {
    n++;
    if (n === 1 || text === "") continue;
    const row = parseScoreLine(text, n);
    participants++;
    spread.add(shardOf(row.account, spillDigits), "s", `${n}\t${text}`);
    if (row.rank === 0) continue;
    ranked++;
    const f = text.split(",");
    page.rows.push([row.rank, row.account, f[2], f[5]]);
    if (page.rows.length === pageSize) {
      write(`leaderboard/${page.page}.json`, page);
      page = { epoch: summary.epoch, page: page.page + 1, rows: [] };
    }
  }
  if (page.rows.length > 0 || page.page === 1) write(`leaderboard/${page.page}.json`, page);
  const pages = page.rows.length > 0 || page.page === 1 ? page.page : page.page - 1;

  say(`epoch ${summary.epoch}: reading allocations.csv and proofs.json`);
  n = 0;
  for await (const text of readLines(file("allocations.csv"))) {
    n++;
    if (n === 1 || text === "") continue;
    spread.add(shardOf(parseAllocationLine(text, n).account, spillDigits), "a", `${n}\t${text}`);
  }
  n = 0;
  for await (const text of readLines(file("proofs.json"))) {
    n++;
    if (n === 1) {
      const header = JSON.parse(`${text}}}`) as { epoch: number; root: string };
      if (header.root !== summary.root || header.epoch !== summary.epoch)
        throw new EpochFileError(
          "proofs.json",
          1,
          `epoch ${header.epoch} root ${header.root}, but summary.json says epoch ${summary.epoch} root ${summary.root}`,
        );
      continue;
    }
    if (text === "}}" || text === "") continue;
    const account = ACCOUNT_IN_PROOFS.exec(text)?.[1];
    if (account === undefined) throw new EpochFileError("proofs.json", n, "not one account's line");
    spread.add(shardOf(account, spillDigits), "p", `${n}\t${text.replace(/,$/, "")}`);
  }

  say(`epoch ${summary.epoch}: reading ${path.basename(input.eventsFile)}`);
  n = 0;
  for await (const text of readLines(input.eventsFile)) {
    n++;
    if (text === "") continue;
    const account = ACCOUNT_IN_EVENT.exec(text)?.[1];
    if (account === undefined) throw new Error(`${input.eventsFile} line ${n}: no account`);
    spread.add(shardOf(account, spillDigits), "e", `${n}\t${text}`);
  }
  spread.flush();

  // The records the epoch dropped (ref conflicts) are left out of every breakdown, as there.
  const anomalies = file("anomalies.json");
  const dropped = droppedRecords(
    fs.existsSync(anomalies) ? fs.readFileSync(anomalies, "utf8") : undefined,
  );

  say(`epoch ${summary.epoch}: writing ${16 ** digits} shards`);
  let largestShard = 0;
  for (const bucket of shardNames(spillDigits)) {
    const scores = new Map<string, ScoreLine>();
    for (const { n: line, text } of spread.read(bucket, "s")) {
      const row = parseScoreLine(text, line);
      scores.set(row.account, row);
    }
    const allocations = new Map<string, AllocationLine[]>();
    for (const { n: line, text } of spread.read(bucket, "a")) {
      const row = parseAllocationLine(text, line);
      const list = allocations.get(row.account) ?? [];
      list.push(row);
      allocations.set(row.account, list);
    }
    const leaves = new Map<string, ProofLeaf[]>();
    for (const { n: line, text } of spread.read(bucket, "p")) {
      let entry: Record<string, { token: string; amount: string; proof: string[] }[]>;
      try {
        entry = JSON.parse(`{${text}}`) as typeof entry;
      } catch {
        throw new EpochFileError("proofs.json", line, "not valid JSON");
      }
      for (const [account, list] of Object.entries(entry))
        leaves.set(
          account,
          list.map((l) => ({ token: l.token, amount: BigInt(l.amount), proof: l.proof })),
        );
    }
    // The bucket's accounts and events, by shard.
    const shardAccounts = new Map<string, string[]>();
    for (const account of [...scores.keys()].sort()) {
      const prefix = shardOf(account, digits);
      const list = shardAccounts.get(prefix) ?? [];
      list.push(account);
      shardAccounts.set(prefix, list);
    }
    const events: SeasonEvent[] = [];
    const eventsOf = new Map<string, SeasonEvent[]>();
    for (const { n: line, text } of spread.read(bucket, "e")) {
      const e = parseEventLine(text, line);
      if (!scores.has(e.account) || !isCounted(e, dropped)) continue;
      events.push(e);
      const list = eventsOf.get(e.account) ?? [];
      list.push(e);
      eventsOf.set(e.account, list);
    }
    // One event log for the bucket's accounts (a log costs more to create than to fill).
    const breakdowns = pointsBreakdowns(input.season, summary.epoch, [...scores.keys()], events);
    for (const sub of shardNames(digits - spillDigits)) {
      const prefix = bucket + sub;
      const names = shardAccounts.get(prefix) ?? [];
      const accounts: Record<string, SiteAccount> = {};
      for (const account of names) {
        const entry = (b: ReturnType<typeof pointsBreakdown>) =>
          siteAccount(
            account,
            scores.get(account),
            allocations.get(account) ?? [],
            leaves.get(account) ?? [],
            b,
          );
        try {
          accounts[account] = entry(breakdowns.get(account)!);
        } catch {
          // One log counts a ref once across the bucket's accounts; points:me counts it per
          // account: the account's own events decide, as there.
          accounts[account] = entry(
            pointsBreakdown(input.season, summary.epoch, account, eventsOf.get(account) ?? []),
          );
        }
      }
      const shard: AccountShard = { epoch: summary.epoch, prefix, accounts };
      const size = write(`accounts/${shardFile(prefix)}`, shard);
      if (size > limit)
        throw new Error(
          `the shard ${prefix} of epoch ${summary.epoch} holds ${size} bytes, more than ${limit}: build with more shard digits`,
        );
      largestShard = Math.max(largestShard, size);
    }
  }
  fs.rmSync(spill, { recursive: true, force: true });

  const epoch: SiteEpoch = {
    epoch: summary.epoch,
    endTime: summary.endTime,
    root: summary.root,
    dataHash: summary.dataHash,
    participants,
    shardDigits: digits,
    pageSize,
    pages,
    ranked,
    totals: Object.fromEntries(
      Object.entries(summary.tokens).map(([t, v]) => [t.toLowerCase(), v.allocated]),
    ),
  };
  write("epoch.json", epoch);
  fs.rmSync(input.out, { recursive: true, force: true });
  fs.renameSync(tmpOut, input.out);
  return { epoch, files, bytes, largestShard };
}

/** The epoch.json of an epoch already in the site, or undefined. */
export function builtEpoch(out: string): SiteEpoch | undefined {
  const file = path.join(out, "epoch.json");
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, "utf8")) as SiteEpoch;
}
