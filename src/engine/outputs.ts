/**
 * Writing an epoch's folder: scores.csv, allocations.csv, tree.json, proofs.json, summary.json.
 * Everything is written into a temporary folder inside the destination first and renamed into
 * place only when all five files are complete, so a failure leaves the destination as it was.
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
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ALLOCATIONS_HEADER, SCORES_HEADER, formatAllocationRow, formatScoreRow } from "./csv";
import type { EpochResult, EpochSummary, Stage } from "./epoch";
import { LEAF_ENCODING, type ByteSink } from "./tree";

export const OUTPUT_FILES = [
  "scores.csv",
  "allocations.csv",
  "tree.json",
  "proofs.json",
  "summary.json",
] as const;

export interface WriteOptions {
  onStage?: (stage: Stage, ms: number) => void;
}

class FileSink {
  private readonly fd: number;
  bytes = 0;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, "w");
  }

  readonly write: ByteSink = (chunk) => {
    let off = 0;
    while (off < chunk.length) off += fs.writeSync(this.fd, chunk, off, chunk.length - off);
    this.bytes += chunk.length;
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
  }
}

function writeTree(result: EpochResult, file: string): string {
  const sink = new FileSink(file);
  try {
    return result.tree.writeDump(sink.write);
  } finally {
    sink.close();
  }
}

function writeProofs(result: EpochResult, file: string): void {
  const sink = new FileSink(file);
  try {
    const tree = result.tree;
    const l = tree.leaves;
    const w = tree.writer(sink.write);
    w.text(
      `{"epoch":${result.epoch},"root":"${tree.root}","leafEncoding":${JSON.stringify(LEAF_ENCODING)},"accounts":{\n`,
    );
    const done = new Set<number>();
    let previous = -1;
    for (let v = 0; v < l.count; v++) {
      const a = l.leafAccount[v];
      if (a !== previous) {
        if (done.has(a)) throw new Error("proofs.json: the leaves of an account must be adjacent");
        done.add(a);
        w.text(`${previous < 0 ? "" : "],\n"}"${l.accountHex[a]}":[`);
      } else {
        w.text(",");
      }
      w.text(`{"token":"${l.tokenHex[l.leafToken[v]]}","amount":"${l.amounts[v]}","proof":[`);
      w.proof(tree.treeIndex[v]);
      w.text("]}");
      previous = a;
    }
    w.text("]\n}}\n");
    w.finish();
  } finally {
    sink.close();
  }
}

function writeCsv<T>(
  file: string,
  header: string,
  rows: Iterable<T>,
  format: (r: T) => string,
): void {
  const sink = new FileSink(file);
  try {
    sink.text(`${header}\n`);
    for (const r of rows) sink.text(`${format(r)}\n`);
  } finally {
    sink.close();
  }
}

/** Writes the five output files of `result` into `dir` (created if needed); returns the summary. */
export function writeEpochOutputs(
  result: EpochResult,
  dir: string,
  options: WriteOptions = {},
): EpochSummary {
  let last = performance.now();
  const stage = (s: Stage) => {
    const now = performance.now();
    options.onStage?.(s, now - last);
    last = now;
  };
  fs.mkdirSync(dir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(dir, ".epoch-tmp-"));
  try {
    result.setDataHash(writeTree(result, path.join(tmp, "tree.json")));
    stage("write");
    writeProofs(result, path.join(tmp, "proofs.json"));
    stage("proofs");
    writeCsv(path.join(tmp, "scores.csv"), SCORES_HEADER, result.scoreRows(), formatScoreRow);
    writeCsv(
      path.join(tmp, "allocations.csv"),
      ALLOCATIONS_HEADER,
      result.allocationRows(),
      formatAllocationRow,
    );
    const summary = result.summary();
    fs.writeFileSync(path.join(tmp, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
    for (const f of OUTPUT_FILES) fs.renameSync(path.join(tmp, f), path.join(dir, f));
    stage("write");
    return summary;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
