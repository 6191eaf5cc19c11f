/**
 * Generates a synthetic season for the engine benchmark: season.json (the pinned Season 1
 * catalog, ten riddle boosts, two epochs of one reward token) and events.ndjson with
 * --participants accounts (default 1,000,000) and --actions action lines (default 10,000,000),
 * deterministic for a given --seed.
 *
 * Composition: 90% of participants mint (ordinals in order, the default tier table) and each mint
 * comes with its `join` action; every other participant does one action; the remaining action
 * lines go to participants drawn with a skew (a few very active ones), over the 13 dApp actions,
 * and 1% of them are a recent action relayed a second time (same ref, later time). Plus one boost
 * line per participant on average (a boost earned twice counts once). Times are spread over the
 * two epochs.
 *
 *     npm run bench:gen -- [--participants 1000000] [--actions 10000000] [--seed 1] [--out .bench/season-1000000-10000000]
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { SEASON1_TIERS } from "../../src/mint/season1";
import { tierIndexOf } from "../../src/mint/tiers";
import { SEASON1_CATALOG } from "../../src/points/catalog";
import { season1Actions } from "../../src/season/season1-template";
import { elapsedLog, seasonFlags } from "./flags";

export const SEASON_START = 1705276800; // 2024-01-15
const WEEK = 7 * 86400;
export const TOKEN = "0x7e57000000000000000000000000000000000001";

const RIDDLES = 10;

export function benchSeason(): unknown {
  const boosts: Record<string, unknown> = {};
  for (let i = 1; i <= RIDDLES; i++) {
    const key = `riddle-${String(i).padStart(2, "0")}`;
    boosts[key] =
      i % 2 === 1
        ? { kind: "fixed", points: String(100 * i) }
        : { kind: "multiplier", numerator: 5, denominator: 4 };
  }
  return {
    name: "Synthetic benchmark season",
    actions: season1Actions(),
    boosts,
    rewards: {
      curve: "rank-linear",
      epochs: [1, 2].map((epoch) => ({
        epoch,
        endTime: SEASON_START + epoch * WEEK,
        pools: { [TOKEN]: "1000000000000000000000000" },
      })),
    },
  };
}

/** xoshiro128**: small, fast, deterministic. */
class Random {
  private s = new Uint32Array(4);
  constructor(seed: number) {
    let x = seed >>> 0 || 1;
    for (let i = 0; i < 4; i++) {
      // splitmix32
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
  }
  u32(): number {
    const s = this.s;
    const result =
      Math.imul(((Math.imul(s[1], 5) << 7) | (Math.imul(s[1], 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 11) | (s[3] >>> 21);
    return result;
  }
  /** [0, 1) */
  float(): number {
    return this.u32() / 2 ** 32;
  }
  below(n: number): number {
    return Math.floor(this.float() * n);
  }
}

const HEX = Buffer.from("0123456789abcdef");

class LineWriter {
  private buf = Buffer.allocUnsafe(1 << 24);
  private at = 0;
  lines = 0;
  bytes = 0;
  constructor(private readonly fd: number) {}
  private room(n: number): void {
    if (this.at + n > this.buf.length) this.flush();
  }
  flush(): void {
    let off = 0;
    while (off < this.at) off += fs.writeSync(this.fd, this.buf, off, this.at - off);
    this.bytes += this.at;
    this.at = 0;
  }
  raw(b: Buffer): void {
    this.room(b.length);
    b.copy(this.buf, this.at);
    this.at += b.length;
  }
  slice(b: Uint8Array, start: number, end: number): void {
    this.room(end - start);
    this.buf.set(b.subarray(start, end), this.at);
    this.at += end - start;
  }
  int(n: number | bigint): void {
    this.room(20);
    this.at += this.buf.write(String(n), this.at, "latin1");
  }
  hexWords(words: Uint32Array): void {
    this.room(2 + 8 * words.length);
    this.buf[this.at++] = 0x30;
    this.buf[this.at++] = 0x78;
    for (const w of words) {
      for (let shift = 28; shift >= 0; shift -= 4) this.buf[this.at++] = HEX[(w >>> shift) & 15];
    }
  }
}

const b = (s: string) => Buffer.from(s, "latin1");
const MINT_A = b('{"kind":"mint","account":"');
const MINT_B = b('","ordinal":');
const MINT_C = b(',"dollars":"');
const MINT_D = b('","time":');
const ACT_A = b('{"kind":"action","account":"');
const ACT_B = b('","action":"');
const ACT_C = b('","ref":"');
const ACT_D = b('","time":');
const BOOST_A = b('{"kind":"boost","account":"');
const BOOST_B = b('","boost":"');
const BOOST_C = b('","time":');
const END = b("}\n");
const KEYS = SEASON1_CATALOG.map((a) => b(a.key));
const RIDDLE_KEYS = Array.from({ length: RIDDLES }, (_, i) =>
  b(`riddle-${String(i + 1).padStart(2, "0")}`),
);

/** The default tiers (SPEC §1). */
function tierDollars(ordinal: number): bigint {
  return SEASON1_TIERS[tierIndexOf(BigInt(ordinal), SEASON1_TIERS)].dollars;
}

export interface GenerateOptions {
  participants: number;
  actions: number;
  seed: number;
  out: string;
  log?: (message: string) => void;
}

export function generateSeason(o: GenerateOptions): { lines: number; bytes: number } {
  const rnd = new Random(o.seed);
  const n = o.participants;
  if (o.actions < n) throw new Error("--actions must be at least --participants");
  fs.mkdirSync(o.out, { recursive: true });
  fs.writeFileSync(path.join(o.out, "season.json"), `${JSON.stringify(benchSeason(), null, 2)}\n`);
  // addresses: 40 hex digits per participant
  const addresses = new Uint8Array(40 * n);
  const words = new Uint32Array(8);
  for (let p = 0; p < n; p++) {
    for (let j = 0; j < 40; j++) addresses[40 * p + j] = HEX[rnd.below(16)];
  }
  const file = path.join(o.out, "events.ndjson");
  const fd = fs.openSync(`${file}.tmp`, "w");
  const w = new LineWriter(fd);
  const span = 2 * WEEK;
  const account = (p: number) => {
    w.raw(b("0x"));
    w.slice(addresses, 40 * p, 40 * p + 40);
  };
  const ref = () => {
    for (let j = 0; j < 8; j++) words[j] = rnd.u32();
    w.hexWords(words);
  };
  // recent actions, to relay some of them twice
  const recentP = new Uint32Array(1024);
  const recentA = new Uint8Array(1024);
  const recentRef = new Uint32Array(8 * 1024);
  let recent = 0;
  const action = (p: number, a: number, time: number, remember: boolean) => {
    w.raw(ACT_A);
    account(p);
    w.raw(ACT_B);
    w.raw(KEYS[a]);
    w.raw(ACT_C);
    ref();
    if (remember) {
      const slot = recent++ % 1024;
      recentP[slot] = p;
      recentA[slot] = a;
      recentRef.set(words, 8 * slot);
    }
    w.raw(ACT_D);
    w.int(time);
    w.raw(END);
    w.lines++;
  };
  let actions = 0;
  let ordinal = 0;
  const minters = Math.round(n * 0.9);
  for (let p = 0; p < n; p++) {
    const time = SEASON_START + Math.floor((p / n) * span);
    if (p < minters) {
      ordinal++;
      w.raw(MINT_A);
      account(p);
      w.raw(MINT_B);
      w.int(ordinal);
      w.raw(MINT_C);
      w.int(tierDollars(ordinal));
      w.raw(MINT_D);
      w.int(time);
      w.raw(END);
      w.lines++;
      action(p, 0, time, false);
    } else {
      action(p, 1 + rnd.below(KEYS.length - 1), time + rnd.below(3600), true);
    }
    actions++;
  }
  o.log?.(`${n.toLocaleString("en-US")} participants written`);
  while (actions < o.actions) {
    const time = SEASON_START + rnd.below(span);
    if (recent > 1024 && rnd.below(100) === 0) {
      // a relayed event recorded a second time: same account, action and ref, later
      const slot = rnd.below(1024);
      w.raw(ACT_A);
      account(recentP[slot]);
      w.raw(ACT_B);
      w.raw(KEYS[recentA[slot]]);
      w.raw(ACT_C);
      w.hexWords(recentRef.subarray(8 * slot, 8 * slot + 8));
      w.raw(ACT_D);
      w.int(time);
      w.raw(END);
      w.lines++;
    } else {
      const u = rnd.float();
      action(Math.floor(n * u * u), 1 + rnd.below(KEYS.length - 1), time, true);
    }
    actions++;
    if (actions % 2_000_000 === 0) o.log?.(`${actions.toLocaleString("en-US")} actions written`);
  }
  for (let i = 0; i < n; i++) {
    w.raw(BOOST_A);
    account(rnd.below(n));
    w.raw(BOOST_B);
    w.raw(RIDDLE_KEYS[rnd.below(RIDDLES)]);
    w.raw(BOOST_C);
    w.int(SEASON_START + rnd.below(span));
    w.raw(END);
    w.lines++;
  }
  w.flush();
  fs.closeSync(fd);
  fs.renameSync(`${file}.tmp`, file);
  return { lines: w.lines, bytes: w.bytes };
}

export function defaultBenchDir(participants: number, actions: number, seed: number): string {
  return path.join(".bench", `season-${participants}-${actions}-${seed}`);
}

if (require.main === module) {
  const { participants, actions, seed } = seasonFlags({ others: true });
  const { values } = parseArgs({
    options: {
      participants: { type: "string" },
      actions: { type: "string" },
      seed: { type: "string" },
      out: { type: "string" },
    },
  });
  const out = values.out ?? defaultBenchDir(participants, actions, seed);
  const started = Date.now();
  const r = generateSeason({ participants, actions, seed, out, log: elapsedLog() });
  process.stdout.write(
    `${out}: ${r.lines.toLocaleString("en-US")} lines, ${(r.bytes / 2 ** 20).toFixed(0)} MiB in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
