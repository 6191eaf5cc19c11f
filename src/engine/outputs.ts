/**
 * Writing an epoch's folder: scores.csv, allocations.csv, tree.json, proofs.json, anomalies.json,
 * summary.json. Everything is written into a temporary folder inside the destination first and
 * renamed into place only when all six files are complete, so a failure leaves the destination as it was.
 * The bytes depend only on the result (no dates, no machine-specific formatting).
 *
 * proofs.json is one line per account, for claim front ends (and grep):
 *
 *     {"epoch":2,"root":"0x…","leafEncoding":["address","address","uint256"],"accounts":{
 *     "0x…":[{"token":"0x…","amount":"1200","proof":["0x…","0x…"]}],
 *     "0x…":[{"token":"0x…","amount":"75","proof":["0x…"]},{"token":"0x…","amount":"9","proof":[…]}]
 *     }}
 *
 * `amount` is the cumulative entitlement (the leaf's uint256), as a decimal string.
 *
 * anomalies.json lists the records the epoch dropped (see event-log.ts), one per line, in chain
 * order; `[]` when there is none:
 *
 *     [
 *     {"kind":"ref-conflict","ref":"0x…","dapp":"Hummus","kept":{"line":12,"account":"0x…","action":"hummus.swap","time":1705300100},"dropped":{"line":41,…}}
 *     ]
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ALLOCATIONS_HEADER, SCORES_HEADER, formatAllocationRow, formatScoreRow } from "./csv";
import { stageTimer, type EpochResult, type EpochSummary, type Stage } from "./epoch";
import type { RefConflict } from "./event-log";
import { LEAF_ENCODING, type ByteSink, type RewardTree } from "./tree";

export const OUTPUT_FILES = [
  "scores.csv",
  "allocations.csv",
  "tree.json",
  "proofs.json",
  "anomalies.json",
  "summary.json",
] as const;

/** anomalies.json's text. */
export function renderAnomalies(anomalies: readonly RefConflict[]): string {
  if (anomalies.length === 0) return "[]\n";
  return `[\n${anomalies.map((a) => JSON.stringify(a)).join(",\n")}\n]\n`;
}

export interface WriteOptions {
  onStage?: (stage: Stage, ms: number) => void;
  /** Bytes written to each file and the time spent in the write system calls (the benchmark). */
  onFile?: (file: string, bytes: number, writeMs: number) => void;
  /** Write proofs.json (default true; an auditor checks the published dump's proofs instead). */
  proofs?: boolean;
}

class FileSink {
  private readonly fd: number;
  bytes = 0;
  writeMs = 0;

  constructor(
    readonly file: string,
    private readonly options: WriteOptions,
  ) {
    this.fd = fs.openSync(file, "w");
  }

  readonly write: ByteSink = (chunk) => {
    const started = performance.now();
    let off = 0;
    while (off < chunk.length) off += fs.writeSync(this.fd, chunk, off, chunk.length - off);
    this.bytes += chunk.length;
    this.writeMs += performance.now() - started;
  };

  /** Text in large pieces. */
  private pending = "";
  text(s: string): void {
    this.pending += s;
    if (this.pending.length >= 1 << 20) this.flushText();
  }
  private flushText(): void {
    if (this.pending.length > 0) this.write(Buffer.from(this.pending, "latin1"));
    this.pending = "";
  }

  close(): void {
    this.flushText();
    fs.closeSync(this.fd);
    this.options.onFile?.(path.basename(this.file), this.bytes, this.writeMs);
  }
}

function writeTree(result: EpochResult, file: string, options: WriteOptions): string {
  const sink = new FileSink(file, options);
  try {
    return result.tree.writeDump(sink.write);
  } finally {
    sink.close();
  }
}

function writeProofs(result: EpochResult, file: string, options: WriteOptions): void {
  const sink = new FileSink(file, options);
  try {
    renderProofs(result.tree, result.epoch, sink.write);
  } finally {
    sink.close();
  }
}

/** proofs.json's bytes for `tree` (one account per line), streamed to `sink`. */
export function renderProofs(tree: RewardTree, epoch: number, sink: ByteSink): void {
  const l = tree.leaves;
  const w = tree.writer(sink);
  w.text(
    `{"epoch":${epoch},"root":"${tree.root}","leafEncoding":${JSON.stringify(LEAF_ENCODING)},"accounts":{\n`,
  );
  const done = new Uint8Array(l.accountHex.length);
  let previous = -1;
  for (let v = 0; v < l.count; v++) {
    const a = l.leafAccount[v];
    const claim = `{"token":"${l.tokenHex[l.leafToken[v]]}","amount":"${tree.amount(v)}","proof":[`;
    if (a !== previous) {
      if (done[a]) throw new Error("proofs.json: the leaves of an account must be adjacent");
      done[a] = 1;
      w.text(`${previous < 0 ? "" : "],\n"}"${l.accountHex[a]}":[${claim}`);
    } else {
      w.text(`,${claim}`);
    }
    w.proof(tree.treeIndex[v]);
    w.text("]}");
    previous = a;
  }
  w.text("]\n}}\n");
  w.finish();
}

function writeCsv<T>(
  file: string,
  options: WriteOptions,
  header: string,
  rows: Iterable<T>,
  format: (r: T) => string,
): void {
  const sink = new FileSink(file, options);
  try {
    sink.text(`${header}\n`);
    for (const r of rows) sink.text(`${format(r)}\n`);
  } finally {
    sink.close();
  }
}

/**
 * Writes the six output files of `result` into `dir` (created if needed; five without
 * proofs.json when `options.proofs` is false); returns the summary.
 */
export function writeEpochOutputs(
  result: EpochResult,
  dir: string,
  options: WriteOptions = {},
): EpochSummary {
  const stage = stageTimer(options.onStage);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(dir, ".epoch-tmp-"));
  try {
    result.setDataHash(writeTree(result, path.join(tmp, "tree.json"), options));
    stage("write");
    if (options.proofs !== false) writeProofs(result, path.join(tmp, "proofs.json"), options);
    stage("proofs");
    writeCsv(
      path.join(tmp, "scores.csv"),
      options,
      SCORES_HEADER,
      result.scoreRows(),
      formatScoreRow,
    );
    writeCsv(
      path.join(tmp, "allocations.csv"),
      options,
      ALLOCATIONS_HEADER,
      result.allocationRows(),
      formatAllocationRow,
    );
    fs.writeFileSync(path.join(tmp, "anomalies.json"), renderAnomalies(result.anomalies));
    const summary = result.summary();
    fs.writeFileSync(path.join(tmp, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
    for (const f of OUTPUT_FILES) {
      if (f === "proofs.json" && options.proofs === false) continue;
      fs.renameSync(path.join(tmp, f), path.join(dir, f));
    }
    stage("write");
    return summary;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
