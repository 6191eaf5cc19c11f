/**
 * Reads an events file into an EventLog: large chunks, lines decoded from bytes by LineDecoder
 * into RecordBatches, batches applied to the log strictly in line order (so the first error in
 * file order is the one reported, and nothing depends on how the work was split). A large file is
 * decoded by worker threads, each reading its own byte range, while this thread applies the
 * batches; every result is the same as reading it alone (a test checks).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  MessageChannel,
  Worker,
  receiveMessageOnPort,
  type MessagePort,
} from "node:worker_threads";
import { EventLineError, parseEvent, parseEventLine, type SeasonEvent } from "./events";
import { ADDRESS_WORDS, REF_WORDS, type EventLog } from "./event-log";
import { hexStringToWords } from "./hex";
import { LineDecoder } from "./line-decoder";
import { ACTION, BOOST, MINT, RecordBatch, type RecordBatchParts } from "./record-batch";

export interface ReadProgress {
  bytes: number;
  totalBytes: number;
  lines: number;
}

export interface ReadOptions {
  onProgress?: (p: ReadProgress) => void;
  /**
   * Worker threads decoding the file (0: none). Default: one per CPU (at most 4) for files over
   * 64 MiB, none otherwise.
   */
  workers?: number;
}

const CHUNK_BYTES = 1 << 24;
const MAX_LINE_BYTES = 1 << 26;
const PARALLEL_FROM_BYTES = 64 * 2 ** 20;

/**
 * Reads lines of fd from `start` to `end` (byte offsets; `start` is a line start) into batches,
 * calling `onBatch` with each full batch and the last one. Returns the number of lines.
 */
export function scanRange(
  fd: number,
  start: number,
  end: number,
  decoder: LineDecoder,
  onBatch: (batch: RecordBatch) => RecordBatch,
): number {
  let buf = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(4096, end - start + 1)));
  let batch = new RecordBatch();
  let filled = 0;
  let line = 0;
  let position = start;
  for (;;) {
    if (filled === buf.length) {
      if (buf.length >= MAX_LINE_BYTES) {
        throw new EventLineError(line + 1, `longer than ${MAX_LINE_BYTES} bytes`);
      }
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, filled);
      buf = bigger;
    }
    const want = Math.min(buf.length - filled, end - position);
    const n = want > 0 ? fs.readSync(fd, buf, filled, want, position) : 0;
    position += n;
    const stop = filled + n;
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf(10, pos);
      if (nl < 0 || nl >= stop) break;
      decoder.decode(batch, buf, pos, nl, ++line);
      pos = nl + 1;
      if (batch.full) {
        batch.bytesEnd = position - (stop - pos);
        batch = onBatch(batch);
      }
    }
    if (n === 0) {
      if (pos < stop) decoder.decode(batch, buf, pos, stop, ++line);
      break;
    }
    buf.copy(buf, 0, pos, stop);
    filled = stop - pos;
  }
  batch.bytesEnd = end;
  onBatch(batch);
  return line;
}

/** Applies batches to a log, in order. */
class BatchApplier {
  private idBuffer = new Uint32Array(0);

  constructor(private readonly log: EventLog) {}

  /** Applies `batch`, whose line numbers are offset by `lineOffset`. */
  apply(batch: RecordBatch, lineOffset: number): void {
    const log = this.log;
    // 1. the lines left to the reference path: parse them; stop at the first error
    let cut = batch.count;
    let error: unknown;
    const bigDollars = new Map<number, bigint>();
    for (const [i, text] of batch.slow) {
      if (i >= cut) break;
      try {
        this.fill(
          batch,
          i,
          parseEventLine(text, lineOffset + batch.line[i]),
          lineOffset + batch.line[i],
          bigDollars,
        );
      } catch (e) {
        cut = i;
        error = e;
      }
    }
    // 2. accounts, in one sweep of the table
    if (this.idBuffer.length < cut) this.idBuffer = new Uint32Array(batch.capacity);
    const ids = this.idBuffer;
    log.accountsMany(batch.account, cut, ids);
    // 3. the records, in line order
    for (let i = 0; i < cut; i++) {
      const line = lineOffset + batch.line[i];
      switch (batch.kind[i]) {
        case ACTION:
          log.addAction(ids[i], batch.key[i], batch.ref, i * REF_WORDS, batch.time[i], line);
          break;
        case MINT:
          log.addMint(
            ids[i],
            batch.ordinal[i],
            bigDollars.get(i) ?? BigInt(batch.dollars[i]),
            batch.time[i],
            line,
          );
          break;
        case BOOST:
          log.addBoost(ids[i], batch.key[i], batch.time[i]);
          break;
      }
    }
    if (error !== undefined) throw error;
  }

  /** Writes a parsed event into record i of the batch. */
  private fill(
    batch: RecordBatch,
    i: number,
    e: SeasonEvent,
    line: number,
    bigDollars: Map<number, bigint>,
  ): void {
    const log = this.log;
    if (!hexStringToWords(e.account, ADDRESS_WORDS, batch.account, i * ADDRESS_WORDS)) {
      throw new EventLineError(line, `account: '${e.account}' is not a 20-byte hex address`);
    }
    batch.time[i] = e.time;
    switch (e.kind) {
      case "mint":
        batch.kind[i] = MINT;
        batch.ordinal[i] = e.ordinal;
        bigDollars.set(i, BigInt(e.dollars));
        return;
      case "action":
        batch.kind[i] = ACTION;
        batch.key[i] = log.actionId(e.action, line);
        if (!hexStringToWords(e.ref, REF_WORDS, batch.ref, i * REF_WORDS)) {
          throw new EventLineError(line, `ref: '${e.ref}' is not 32 bytes of hex`);
        }
        return;
      case "boost":
        batch.kind[i] = BOOST;
        batch.key[i] = log.boostId(e.boost, line);
        return;
    }
  }
}

function defaultWorkers(bytes: number): number {
  if (bytes < PARALLEL_FROM_BYTES) return 0;
  const cpus =
    typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(0, Math.min(4, cpus));
}

export interface ReadStats {
  lines: number;
  /** Byte ranges decoded by worker threads. */
  threadRanges: number;
}

/** Reads a whole events file into `log` and seals it; errors name the file and line. */
export function readEventsFile(file: string, log: EventLog, options: ReadOptions = {}): ReadStats {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (e) {
    throw new Error(
      `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  try {
    const totalBytes = fs.fstatSync(fd).size;
    const applier = new BatchApplier(log);
    const workers = options.workers ?? defaultWorkers(totalBytes);
    let lines = 0;
    const stats = { threadRanges: 0 };
    const progress = (batch: RecordBatch, base: number) =>
      options.onProgress?.({
        bytes: batch.bytesEnd,
        totalBytes,
        lines: base + (batch.count ? batch.line[batch.count - 1] : 0),
      });
    if (workers > 0) {
      lines = readInWorkers(file, fd, totalBytes, log, workers, stats, (batch, offset) => {
        applier.apply(batch, offset);
        progress(batch, offset);
      });
    } else {
      const decoder = new LineDecoder(log.catalog.actionKeys, log.catalog.boostKeys);
      lines = scanRange(fd, 0, totalBytes, decoder, (batch) => {
        applier.apply(batch, 0);
        progress(batch, 0);
        batch.count = 0;
        batch.slow.clear();
        return batch;
      });
    }
    log.seal();
    options.onProgress?.({ bytes: totalBytes, totalBytes, lines });
    return { lines, threadRanges: stats.threadRanges };
  } catch (e) {
    if (e instanceof EventLineError) throw new Error(`${file} ${e.message}`);
    throw e;
  } finally {
    fs.closeSync(fd);
  }
}

/** Start offsets of `parts` ranges of the file, each at the start of a line. */
function splitAtLines(fd: number, size: number, parts: number): number[] {
  const starts = [0];
  const probe = Buffer.allocUnsafe(1 << 16);
  for (let k = 1; k < parts; k++) {
    let at = Math.max(Math.floor((size * k) / parts), starts[starts.length - 1]);
    for (;;) {
      const n = fs.readSync(fd, probe, 0, probe.length, at);
      if (n === 0) {
        at = size;
        break;
      }
      const nl = probe.subarray(0, n).indexOf(10);
      if (nl >= 0) {
        at += nl + 1;
        break;
      }
      at += n;
    }
    if (at < size && at > starts[starts.length - 1]) starts.push(at);
  }
  return starts;
}

/**
 * Worker threads load the TypeScript worker module through tsx's require hook (whatever loads
 * TypeScript in this thread — tsx, ts-node under Hardhat, vitest — does not reach workers). A
 * failure to start is reported like any other, so the main thread never waits for nothing.
 */
const WORKER_BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
try {
  require("tsx/cjs/api").register();
  require(workerData.module).runEventsWorker(workerData);
} catch (e) {
  workerData.port.postMessage({ type: "error", message: "the worker did not start: " + (e && e.message || e), startup: true });
  Atomics.add(workerData.signal, 0, 1);
  Atomics.notify(workerData.signal, 0);
}
`;

const MAX_IN_FLIGHT = 6;

interface WorkerLink {
  start: number;
  end: number;
  worker: Worker;
  port: MessagePort;
  /** [batches posted, batches consumed] */
  signal: Int32Array;
}

type WorkerMessage =
  | { type: "batch"; parts: RecordBatchParts }
  | { type: "done"; lines: number }
  | { type: "error"; message: string; line?: number; startup?: boolean };

/** Decodes the file in `workers` threads, applying their batches in line order. */
function readInWorkers(
  file: string,
  fd: number,
  size: number,
  log: EventLog,
  workers: number,
  stats: { threadRanges: number },
  apply: (batch: RecordBatch, lineOffset: number) => void,
): number {
  const starts = splitAtLines(fd, size, workers);
  const links: WorkerLink[] = starts.map((start, k) => {
    const end = k + 1 < starts.length ? starts[k + 1] : size;
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(8));
    const worker = new Worker(WORKER_BOOTSTRAP, {
      eval: true,
      workerData: {
        module: path.join(__dirname, "event-reader-worker"),
        file,
        start,
        end,
        actionKeys: log.catalog.actionKeys,
        boostKeys: log.catalog.boostKeys,
        port: port2,
        signal,
        maxInFlight: MAX_IN_FLIGHT,
      },
      transferList: [port2],
    });
    worker.unref();
    return { start, end, worker, port: port1, signal };
  });
  let offset = 0;
  try {
    for (const link of links) {
      for (;;) {
        const message = receive(link);
        if (message.type === "batch") {
          apply(new RecordBatch(0, message.parts), offset);
          Atomics.add(link.signal, 1, 1);
          Atomics.notify(link.signal, 1);
        } else if (message.type === "done") {
          offset += message.lines;
          stats.threadRanges++;
          break;
        } else {
          if (message.line !== undefined)
            throw new EventLineError(offset + message.line, message.message);
          if (!message.startup)
            throw new Error(`reading ${file} in a worker thread: ${message.message}`);
          // the thread could not start (no tsx, no threads): read its range here
          const decoder = new LineDecoder(log.catalog.actionKeys, log.catalog.boostKeys);
          offset += scanRange(fd, link.start, link.end, decoder, (batch) => {
            apply(batch, offset);
            return new RecordBatch();
          });
          break;
        }
      }
    }
    return offset;
  } finally {
    for (const link of links) {
      link.port.close();
      void link.worker.terminate();
    }
  }
}

/** The next message of a worker, waiting for it without leaving this (synchronous) call. */
function receive(link: WorkerLink): WorkerMessage {
  for (;;) {
    const received = receiveMessageOnPort(link.port);
    if (received) return received.message as WorkerMessage;
    const posted = Atomics.load(link.signal, 0);
    // nothing to take yet: sleep until the worker posts (re-checking every second)
    Atomics.wait(link.signal, 0, posted, 1000);
  }
}

/**
 * Reads the lines of an events text (tests, small inputs) into `log` and seals it; returns how
 * many lines took the reference path.
 */
export function readEventsText(text: string, log: EventLog, forceReferencePath = false): number {
  const buf = Buffer.from(text, "utf8");
  const decoder = new LineDecoder(
    log.catalog.actionKeys,
    log.catalog.boostKeys,
    forceReferencePath,
  );
  const applier = new BatchApplier(log);
  let batch = new RecordBatch();
  let pos = 0;
  let line = 0;
  while (pos <= buf.length) {
    let nl = buf.indexOf(10, pos);
    if (nl < 0) nl = buf.length;
    if (nl > pos || nl < buf.length) decoder.decode(batch, buf, pos, nl, ++line);
    pos = nl + 1;
    if (batch.full) {
      applier.apply(batch, 0);
      batch = new RecordBatch();
    }
  }
  applier.apply(batch, 0);
  log.seal();
  return decoder.slowLines;
}

/** Adds event objects (validated as lines 1, 2, 3…) to `log` and seals it. */
export function addEvents(events: Iterable<SeasonEvent>, log: EventLog): void {
  let line = 0;
  for (const e of events) {
    line++;
    log.addEvent(parseEvent(e, line), line);
  }
  log.seal();
}
