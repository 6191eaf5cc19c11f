/**
 * Reading an epoch folder's files back (the engine writes them: src/engine/outputs.ts, csv.ts):
 * scores.csv and allocations.csv rows, one account's lines of proofs.json, streamed line by line
 * so that a folder of a million accounts is read in bounded memory. Every parse error names the
 * file and the line.
 */
import fs from "node:fs";
import readline from "node:readline";
import {
  ALLOCATIONS_HEADER,
  SCORES_HEADER,
  type AllocationRow,
  type ScoreRow,
} from "../engine/csv";
import { pointsToUnits } from "../engine/units";
import { INTEGER_PATTERN } from "../engine/validation";

export const ADDRESS = /^0x[0-9a-f]{40}$/;
const RANK = /^[1-9][0-9]*$/;

/** A row of scores.csv as read back; points in units (10^6 per point). */
export type ScoreLine = ScoreRow;

/** A row of allocations.csv as read back (amounts in the token's smallest unit). */
export type AllocationLine = Omit<AllocationRow, "cumulativeText">;

/** One leaf of proofs.json (amount: the cumulative entitlement). */
export interface ProofLeaf {
  token: string;
  amount: bigint;
  proof: string[];
}

/** A file's content is not what the engine writes: names the file and line. */
export class EpochFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file} line ${line}: ${reason}`);
    this.name = "EpochFileError";
  }
}

function points(text: string, what: string, file: string, line: number): bigint {
  try {
    return pointsToUnits(text);
  } catch {
    throw new EpochFileError(file, line, `${what} '${text}' is not a points decimal`);
  }
}

function integer(text: string, what: string, file: string, line: number): bigint {
  if (!INTEGER_PATTERN.test(text))
    throw new EpochFileError(file, line, `${what} '${text}' is not a whole number`);
  return BigInt(text);
}

function address(text: string, what: string, file: string, line: number): string {
  if (!ADDRESS.test(text))
    throw new EpochFileError(file, line, `${what} '${text}' is not a lowercase 0x address`);
  return text;
}

/** Parses one data line of scores.csv (`line` is 1-based, for messages). */
export function parseScoreLine(text: string, line: number, file = "scores.csv"): ScoreLine {
  const f = text.split(",");
  if (f.length !== 6) throw new EpochFileError(file, line, `expected 6 fields, got ${f.length}`);
  if (f[0] !== "" && !RANK.test(f[0]))
    throw new EpochFileError(file, line, `rank '${f[0]}' is neither empty nor a positive integer`);
  return {
    rank: f[0] === "" ? 0 : Number(f[0]),
    account: address(f[1], "account", file, line),
    scoreUnits: points(f[2], "score", file, line),
    actionUnits: points(f[3], "actionPoints", file, line),
    boostedUnits: points(f[4], "boosted", file, line),
    dollars: integer(f[5], "dollars", file, line),
  };
}

/** Parses one data line of allocations.csv. */
export function parseAllocationLine(
  text: string,
  line: number,
  file = "allocations.csv",
): AllocationLine {
  const f = text.split(",");
  if (f.length !== 4) throw new EpochFileError(file, line, `expected 4 fields, got ${f.length}`);
  return {
    account: address(f[0], "account", file, line),
    token: address(f[1], "token", file, line),
    allocation: integer(f[2], "allocation", file, line),
    cumulative: integer(f[3], "cumulative", file, line),
  };
}

/** The lines of a file, streamed; the file is closed when the reader stops early. */
export async function* readLines(file: string): AsyncGenerator<string> {
  const input = fs.createReadStream(file);
  const reader = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const text of reader) yield text;
  } finally {
    reader.close();
    input.destroy();
  }
}

/** Line `n` (1-based) of a CSV: the header checked, a blank line skipped (undefined), data parsed. */
function csvRow<T>(
  n: number,
  text: string,
  header: string,
  parse: (text: string, line: number, file: string) => T,
  name: string,
): T | undefined {
  if (n === 1) {
    if (text !== header)
      throw new EpochFileError(name, 1, `header is '${text}', expected '${header}'`);
    return undefined;
  }
  return text === "" ? undefined : parse(text, n, name);
}

async function* csvRows<T>(
  file: string,
  header: string,
  parse: (text: string, line: number, file: string) => T,
  name: string,
): AsyncGenerator<T> {
  let n = 0;
  for await (const text of readLines(file)) {
    const row = csvRow(++n, text, header, parse, name);
    if (row !== undefined) yield row;
  }
  if (n === 0) throw new EpochFileError(name, 1, "the file is empty");
}

function csvTextRows<T>(
  text: string,
  header: string,
  parse: (text: string, line: number, file: string) => T,
  name: string,
): T[] {
  if (text === "") throw new EpochFileError(name, 1, "the file is empty");
  const rows: T[] = [];
  text.split("\n").forEach((line, i) => {
    const row = csvRow(i + 1, line, header, parse, name);
    if (row !== undefined) rows.push(row);
  });
  return rows;
}

/** Every row of a scores.csv's text (small files: tests, the demo's report). */
export function parseScoresCsv(text: string, name = "scores.csv"): ScoreLine[] {
  return csvTextRows(text, SCORES_HEADER, parseScoreLine, name);
}

/** Every row of an allocations.csv's text. */
export function parseAllocationsCsv(text: string, name = "allocations.csv"): AllocationLine[] {
  return csvTextRows(text, ALLOCATIONS_HEADER, parseAllocationLine, name);
}

/** The rows of a scores.csv, in file order (ranked by rank then account, then unranked). */
export function readScoreLines(file: string, name = "scores.csv"): AsyncGenerator<ScoreLine> {
  return csvRows(file, SCORES_HEADER, parseScoreLine, name);
}

/** The rows of an allocations.csv, in file order. */
export function readAllocationLines(
  file: string,
  name = "allocations.csv",
): AsyncGenerator<AllocationLine> {
  return csvRows(file, ALLOCATIONS_HEADER, parseAllocationLine, name);
}

/** The first `n` rows of scores.csv (stops reading there). */
export async function topScoreLines(file: string, n: number): Promise<ScoreLine[]> {
  const out: ScoreLine[] = [];
  if (n <= 0) return out;
  for await (const row of readScoreLines(file)) {
    if (row.rank === 0) break;
    out.push(row);
    if (out.length >= n) break;
  }
  return out;
}

/** Every score row of the given accounts (lowercase), by account. */
export async function findScoreLines(
  file: string,
  accounts: Iterable<string>,
): Promise<Map<string, ScoreLine>> {
  const wanted = new Set(accounts);
  const found = new Map<string, ScoreLine>();
  for await (const row of readScoreLines(file)) {
    if (wanted.has(row.account)) {
      found.set(row.account, row);
      if (found.size === wanted.size) break;
    }
  }
  return found;
}

/** Every allocation row of the given accounts (lowercase), by account, in file order. */
export async function findAllocationLines(
  file: string,
  accounts: Iterable<string>,
): Promise<Map<string, AllocationLine[]>> {
  const wanted = new Set(accounts);
  const found = new Map<string, AllocationLine[]>();
  for await (const row of readAllocationLines(file)) {
    if (wanted.has(row.account)) {
      const list = found.get(row.account) ?? [];
      list.push(row);
      found.set(row.account, list);
    }
  }
  return found;
}

/** The header of proofs.json. */
export interface ProofsHeader {
  epoch: number;
  root: string;
}

function parseProofEntries(
  value: unknown,
  account: string,
  file: string,
  line: number,
): ProofLeaf[] {
  if (!Array.isArray(value))
    throw new EpochFileError(file, line, `${account}: expected a list of claims`);
  return value.map((c: unknown) => {
    const e = c as { token?: unknown; amount?: unknown; proof?: unknown };
    if (
      typeof e !== "object" ||
      e === null ||
      typeof e.token !== "string" ||
      !ADDRESS.test(e.token) ||
      typeof e.amount !== "string" ||
      !INTEGER_PATTERN.test(e.amount) ||
      !Array.isArray(e.proof) ||
      !e.proof.every((p) => typeof p === "string" && /^0x[0-9a-f]{64}$/.test(p))
    ) {
      throw new EpochFileError(
        file,
        line,
        `${account}: a claim is not {token, amount, proof: [bytes32…]}`,
      );
    }
    return { token: e.token, amount: BigInt(e.amount), proof: e.proof as string[] };
  });
}

/**
 * The leaves of the given accounts (lowercase) in a proofs.json written by the engine (one account
 * per line), and the file's header. Accounts without a leaf are absent from the map.
 */
export async function findProofs(
  file: string,
  accounts: Iterable<string>,
  name = "proofs.json",
): Promise<{ header: ProofsHeader; leaves: Map<string, ProofLeaf[]> }> {
  const wanted = new Set(accounts);
  const leaves = new Map<string, ProofLeaf[]>();
  let header: ProofsHeader | undefined;
  let n = 0;
  for await (const text of readLines(file)) {
    n++;
    if (n === 1) {
      let h: { epoch?: unknown; root?: unknown };
      try {
        h = JSON.parse(`${text}}}`) as typeof h;
      } catch {
        throw new EpochFileError(name, 1, 'not the header line {"epoch":…,"root":…,"accounts":{');
      }
      if (!Number.isSafeInteger(h.epoch) || typeof h.root !== "string")
        throw new EpochFileError(name, 1, "the header has no epoch or root");
      header = { epoch: h.epoch as number, root: h.root };
      continue;
    }
    if (text === "}}" || text === "") continue;
    const key = /^"(0x[0-9a-f]{40})":/.exec(text)?.[1];
    if (key === undefined)
      throw new EpochFileError(name, n, 'not one account\'s line ("0x…":[{token, amount, proof}])');
    if (!wanted.has(key)) continue;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(`{${text.replace(/,$/, "")}}`) as Record<string, unknown>;
    } catch {
      throw new EpochFileError(name, n, `${key}: not valid JSON`);
    }
    leaves.set(key, parseProofEntries(entry[key], key, name, n));
    if (leaves.size === wanted.size) break;
  }
  if (!header) throw new EpochFileError(name, 1, "the file is empty");
  return { header, leaves };
}
