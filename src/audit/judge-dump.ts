/**
 * The published dump judged on its own, before it meets the recomputation: its keccak256 (the
 * `dataHash`), whether it is JSON, and `checkDump` (format, the whole tree recomputed, every
 * proof). `judgeDumpInWorker` does the same in a worker thread, so that an auditor's machine
 * judges the dump on one core while it recomputes the epoch on the other.
 */
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { checkDump, type CheckOptions, type DumpCheck } from "./dump-check";
import { DumpSyntaxError, parseDump } from "./dump-parse";
import { keccak256Hex } from "./keccak";

export interface JudgedDump {
  /** keccak256 of the dump's bytes. */
  readonly dataHash: string;
  /** Why the bytes are not JSON, when they are not. */
  readonly error?: string;
  readonly check?: DumpCheck;
  /** The reward tokens the dump's well-formed values name (lowercase, sorted). */
  readonly tokens: string[];
}

export interface JudgeOptions {
  /** Progress of the long stages, one line each. */
  readonly onProgress?: (line: string) => void;
  /** Proofs also verified one by one with OpenZeppelin's library. */
  readonly sample?: number;
}

const judged = new WeakMap<Uint8Array, JudgedDump>();

/** Dumps smaller than this are judged without progress lines (a fraction of a second). */
const PROGRESS_BYTES = 1 << 24;

function describe(options: JudgeOptions): CheckOptions["onProgress"] {
  const say = options.onProgress;
  if (!say) return undefined;
  return (what, fraction) => say(`the dump: checking ${what}, ${Math.floor(fraction * 100)}%`);
}

/** Judges the dump's bytes in this thread (once per buffer: a dump's bytes are never changed). */
export function judgeDump(bytes: Uint8Array, options: JudgeOptions = {}): JudgedDump {
  const known = judged.get(bytes);
  if (known) return known;
  const say = bytes.length >= PROGRESS_BYTES ? options.onProgress : undefined;
  say?.(`the dump: keccak256 of ${bytes.length.toLocaleString("en-US")} bytes`);
  const dataHash = keccak256Hex(bytes);
  let result: JudgedDump;
  try {
    say?.("the dump: reading its nodes and values");
    const parsed = parseDump(bytes, (f) => say?.(`the dump: read ${Math.floor(f * 100)}%`));
    const check = checkDump(parsed, {
      onProgress: say && describe(options),
      sample: options.sample,
    });
    const tokens = [...new Set(check.values.map((v) => v.token))].sort();
    result = { dataHash, check, tokens };
  } catch (e) {
    if (!(e instanceof DumpSyntaxError)) throw e;
    result = { dataHash, error: e.message, tokens: [] };
  }
  judged.set(bytes, result);
  return result;
}

/** What the worker receives. */
export interface JudgeWorkerData {
  readonly module: string;
  readonly bytes: SharedArrayBuffer;
  readonly sample?: number;
  /** Progress lines are written to this file descriptor directly (the main thread may be busy). */
  readonly progressFd?: number;
  readonly prefix: string;
}

/** The worker's side: judge and post the result. */
export function runJudgeWorker(data: JudgeWorkerData, post: (r: JudgedDump) => void): void {
  const onProgress =
    data.progressFd === undefined
      ? undefined
      : (line: string) => fs.writeSync(data.progressFd!, `${data.prefix}${line}\n`);
  post(judgeDump(new Uint8Array(data.bytes), { onProgress, sample: data.sample }));
}

const BOOTSTRAP = `
const { workerData, parentPort } = require("node:worker_threads");
try {
  require("tsx/cjs/api").register();
  require(workerData.module).runJudgeWorker(workerData, (r) => parentPort.postMessage({ ok: r }));
} catch (e) {
  parentPort.postMessage({ error: String((e && e.stack) || e) });
}
`;

/**
 * Judges the dump in a worker thread. Progress lines go straight to `progressFd` (stderr by
 * default) prefixed with `prefix`, even while this thread computes. `cancel()` stops the worker
 * (the promise then rejects).
 */
export function judgeDumpInWorker(
  bytes: Uint8Array,
  options: { sample?: number; progressFd?: number; prefix?: string } = {},
): Promise<JudgedDump> & { cancel(): void } {
  const shared = new SharedArrayBuffer(bytes.length);
  new Uint8Array(shared).set(bytes);
  const workerData: JudgeWorkerData = {
    module: path.join(__dirname, "judge-dump"),
    bytes: shared,
    sample: options.sample,
    progressFd: options.progressFd ?? 2,
    prefix: options.prefix ?? "",
  };
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData });
  const promise = new Promise<JudgedDump>((resolve, reject) => {
    let settled = false;
    worker.once("message", (m: { ok?: JudgedDump; error?: string }) => {
      settled = true;
      if (m.ok) {
        judged.set(bytes, m.ok);
        resolve(m.ok);
      } else reject(new Error(`judging the dump: ${m.error?.split("\n")[0]}`));
      void worker.terminate();
    });
    worker.once("error", (e) => {
      if (!settled) reject(new Error(`judging the dump: ${e.message}`));
      settled = true;
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`judging the dump: the worker exited with code ${code}`));
      settled = true;
    });
  });
  return Object.assign(promise, { cancel: () => void worker.terminate() });
}
