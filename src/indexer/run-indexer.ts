/**
 * The export loop: walks a block range in chunks, turns each chunk's logs into ndjson lines with a
 * caller-supplied decoder, appends them, and checkpoints. Resumable after a crash or Ctrl-C with no
 * event lost or duplicated: on resume the events file is cut back to the length the checkpoint
 * recorded, and the walk restarts at the checkpoint's next block.
 *
 * The block range of a request adapts to the node: when the node refuses a range as too large or
 * its answer as too many results, the range is halved and asked again (nothing was appended, so
 * nothing is lost or doubled); after a few successes in a row it doubles again, up to `chunkSize`.
 */
import fs from "node:fs";
import path from "node:path";
import { readCheckpoint, writeCheckpoint, type Checkpoint } from "./checkpoint";
import { isRangeLimitError } from "./provider-errors";
import { DEFAULT_RETRY, describeError, withRetry, type RetryOptions } from "./retry";

/** Successes in a row after which a shrunk range doubles again. */
export const GROW_AFTER_SUCCESSES = 4;

export interface Chunk<S> {
  /** Complete ndjson lines (no trailing newline), in chain order. */
  lines: string[];
  /** The decoder's state after this chunk; must be JSON-serialisable. */
  state: S;
}

export interface IndexerProgress {
  fromBlock: number;
  toBlock: number;
  targetBlock: number;
  chunkLines: number;
  totalLines: number;
}

export interface IndexerOptions<S> {
  eventsFile: string;
  checkpointFile: string;
  /** Identifies what is exported; a checkpoint with another identity is refused. */
  identity: string;
  /** First block to export when there is no checkpoint. */
  startBlock: number;
  /** Last block to export (the head minus the confirmation depth). */
  targetBlock: number;
  /** Blocks per request (≥ 1): the first range, and the largest. */
  chunkSize: number;
  initialState: S;
  /** Validates a state read back from a checkpoint. */
  parseState: (raw: unknown) => S;
  /** Reads and decodes blocks `from..to` (inclusive). Retried on failure, unless `retry` is false. */
  fetchChunk: (from: number, to: number, state: S) => Promise<Chunk<S>>;
  /**
   * Backoff of `fetchChunk` (default DEFAULT_RETRY); false calls it once and throws its error as
   * is, for a `fetchChunk` that must not be repeated blindly (it retries its own reads).
   */
  retry?: RetryOptions | false;
  onProgress?: (progress: IndexerProgress) => void;
  /**
   * Whether a failure of `fetchChunk` is the node refusing the range as too large (default:
   * isRangeLimitError); such a failure halves the range instead of being retried as it is.
   */
  isRangeError?: (error: unknown) => boolean;
  /** Told when the node refused blocks `from..to` and the walk goes on `blocks` at a time. */
  onSplit?: (split: { fromBlock: number; toBlock: number; blocks: number; error: unknown }) => void;
  /** Polled between chunks: true stops cleanly after the current chunk (Ctrl-C). */
  shouldStop?: () => boolean;
}

export interface IndexerResult<S> {
  /** The block the export resumed from, when a checkpoint was found. */
  resumedFrom?: number;
  /** The first block not exported. */
  nextBlock: number;
  totalLines: number;
  /** True when `shouldStop` interrupted the walk before `targetBlock`. */
  stopped: boolean;
  state: S;
}

/** Cuts the events file back to what the checkpoint covers (or creates it empty). */
function alignEventsFile(file: string, checkpoint: Checkpoint | undefined): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
  const keep = checkpoint?.eventsBytes ?? 0;
  if (size < keep) {
    throw new Error(
      `${file} holds ${size} bytes but its checkpoint covers ${keep}: the file was changed by hand; ` +
        `delete it and its checkpoint to export from scratch`,
    );
  }
  if (!fs.existsSync(file)) fs.writeFileSync(file, "");
  else if (size > keep) fs.truncateSync(file, keep);
}

function appendDurably(file: string, text: string): number {
  const fd = fs.openSync(file, "a");
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
    return fs.fstatSync(fd).size;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The last block to read: `head − confirmations`, so blocks younger than `confirmations` are left
 * for a later run. Throws unless `confirmations` is a non-negative integer.
 */
export function confirmedTarget(head: number, confirmations: number): number {
  if (!Number.isInteger(confirmations) || confirmations < 0) {
    throw new Error(`confirmations must be a non-negative integer, got ${confirmations}`);
  }
  return head - confirmations;
}

/** Runs (or resumes) an export up to `targetBlock`. */
export async function runIndexer<S>(options: IndexerOptions<S>): Promise<IndexerResult<S>> {
  const { eventsFile, checkpointFile, identity, targetBlock } = options;
  if (!Number.isInteger(options.chunkSize) || options.chunkSize < 1) {
    throw new Error(`chunk size must be a positive integer, got ${options.chunkSize}`);
  }
  const previous = readCheckpoint(checkpointFile);
  if (previous && previous.identity !== identity) {
    throw new Error(
      `checkpoint ${checkpointFile} belongs to another export (${previous.identity}), not ${identity}; ` +
        `use another output folder or delete the checkpoint`,
    );
  }
  alignEventsFile(eventsFile, previous);

  let state = previous ? options.parseState(previous.state) : options.initialState;
  let nextBlock = previous ? previous.nextBlock : options.startBlock;
  let totalLines = previous ? previous.eventsLines : 0;
  let bytes = previous ? previous.eventsBytes : 0;
  let stopped = false;
  const isRangeError = options.isRangeError ?? isRangeLimitError;
  let span = options.chunkSize;
  let successes = 0;

  while (nextBlock <= targetBlock) {
    if (options.shouldStop?.()) {
      stopped = true;
      break;
    }
    const from = nextBlock;
    const to = Math.min(targetBlock, from + span - 1);
    let chunk: Chunk<S>;
    try {
      chunk =
        options.retry === false
          ? await options.fetchChunk(from, to, state)
          : await withRetry(
              `reading blocks ${from}..${to}`,
              () => options.fetchChunk(from, to, state),
              { ...(options.retry ?? DEFAULT_RETRY), stopOn: isRangeError },
            );
    } catch (e) {
      if (!isRangeError(e)) throw e;
      if (to === from) {
        throw new Error(
          `the node refuses block ${from} alone as too large (${describeError(e)}): ` +
            `export from a node without this limit`,
        );
      }
      span = Math.max(1, Math.floor((to - from + 1) / 2));
      successes = 0;
      options.onSplit?.({ fromBlock: from, toBlock: to, blocks: span, error: e });
      continue;
    }
    if (span < options.chunkSize && ++successes >= GROW_AFTER_SUCCESSES) {
      span = Math.min(options.chunkSize, span * 2);
      successes = 0;
    }
    if (chunk.lines.length > 0) bytes = appendDurably(eventsFile, `${chunk.lines.join("\n")}\n`);
    totalLines += chunk.lines.length;
    state = chunk.state;
    nextBlock = to + 1;
    writeCheckpoint(checkpointFile, {
      version: 1,
      identity,
      startBlock: previous?.startBlock ?? options.startBlock,
      nextBlock,
      eventsBytes: bytes,
      eventsLines: totalLines,
      state,
    });
    options.onProgress?.({
      fromBlock: from,
      toBlock: to,
      targetBlock,
      chunkLines: chunk.lines.length,
      totalLines,
    });
  }
  return { resumedFrom: previous?.nextBlock, nextBlock, totalLines, stopped, state };
}
