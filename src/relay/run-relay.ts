/**
 * The relay loop: walks the relay rules' block range in chunks (the indexer's runIndexer, with
 * its checkpoint), turns each chunk's matching logs into registry records, sends them in packed
 * batches, and appends one line per relayed record to the relay log. Reading the chain is
 * retried with backoff; sending is not (a failed batch stops the run, and running again resumes
 * at the chunk that failed: a batch sent twice is harmless because the engine counts a ref once).
 * A block range the node refuses as too large is halved before anything of it is sent, as the
 * exporter does (runIndexer); a failed send is never taken for such a refusal.
 */
import { z } from "zod";
import { exportAddresses, exportTopics } from "../export/decode-logs";
import type { ChainReader } from "../export/export-season";
import { exportIdentity } from "../export/export-season";
import type { CompiledRelayRule } from "../export/relay-rules";
import {
  confirmedTarget,
  runIndexer,
  type IndexerOptions,
  type IndexerProgress,
} from "../indexer/run-indexer";
import { isRangeLimitError } from "../indexer/provider-errors";
import { DEFAULT_RETRY, withRetry, type RetryOptions } from "../indexer/retry";
import { chunk, packRecords } from "../points/batch";
import { formatRelayLine, relayRecords, type RelayRecord, type SkippedLog } from "./relay-records";

/** A sent batch. */
export interface SentBatch {
  readonly txHash: string;
  readonly gasUsed: bigint;
  readonly records: number;
}

export interface RelayOptions {
  readonly reader: Pick<ChainReader, "getLogs">;
  readonly rules: readonly CompiledRelayRule[];
  readonly chainId: bigint;
  /** The registry the records go to (part of the checkpoint's identity). */
  readonly registry: string;
  /** Registry id of each rule's catalog key. */
  readonly actionIds: ReadonlyMap<string, number>;
  /** Accounts (lowercase) the season file excludes: their events are not relayed. */
  readonly exclude?: ReadonlySet<string>;
  /** First block to read when there is no checkpoint. */
  readonly startBlock: number;
  /** The chain's latest block. */
  readonly head: number;
  /** Blocks younger than this are left for a later run. */
  readonly confirmations: number;
  /** Blocks per log request. */
  readonly chunkSize: number;
  /** Records per `recordPacked` transaction. */
  readonly batchSize: number;
  /** The relay log (ndjson); its checkpoint is `<logFile>.checkpoint.json`. */
  readonly logFile: string;
  /** Sends one packed batch and waits for it. */
  readonly sendBatch: (
    packed: string,
    records: readonly RelayRecord[],
  ) => Promise<Omit<SentBatch, "records">>;
  /** Backoff of the log reads. */
  readonly retry?: RetryOptions;
  readonly onProgress?: (progress: IndexerProgress) => void;
  /** Told when the node refused a block range as too large (see runIndexer). */
  readonly onSplit?: IndexerOptions<Record<string, never>>["onSplit"];
  readonly onBatch?: (batch: SentBatch, fromBlock: number, toBlock: number) => void;
  readonly onSkip?: (skipped: SkippedLog) => void;
  readonly shouldStop?: () => boolean;
}

export interface RelayResult {
  readonly resumedFrom?: number;
  /** The first block not relayed. */
  readonly nextBlock: number;
  readonly targetBlock: number;
  /** Records relayed by this run, per catalog key. */
  readonly relayed: ReadonlyMap<string, number>;
  readonly batches: readonly SentBatch[];
  /** Lines of the relay log (all runs). */
  readonly totalLines: number;
  readonly stopped: boolean;
}

/** The checkpoint's identity: the chain, the registry, the rules and the excluded accounts. */
export function relayIdentity(
  chainId: bigint,
  registry: string,
  rules: readonly CompiledRelayRule[],
  exclude?: ReadonlySet<string>,
): string {
  return `relay to ${registry.toLowerCase()}, ${exportIdentity({ chainId, relay: rules, exclude })}`;
}

/** A batch that could not be sent: never a range refusal, whatever its message says. */
export class RelaySendError extends Error {
  override name = "RelaySendError";
}

/** Whether a relay chunk's failure is the node refusing its block range (nothing was sent yet). */
export function isRelayRangeError(e: unknown): boolean {
  return !(e instanceof RelaySendError) && isRangeLimitError(e);
}

/** Upper bound of --batch: a batch must fit in a block. */
export const MAX_RELAY_BATCH = 1_000;

/** Relays (or resumes relaying) every matching event up to `head − confirmations`. */
export async function runRelay(options: RelayOptions): Promise<RelayResult> {
  const { rules, chainId, batchSize } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_RELAY_BATCH) {
    throw new Error(
      `the batch size must be an integer from 1 to ${MAX_RELAY_BATCH}, got ${batchSize}`,
    );
  }
  const targetBlock = confirmedTarget(options.head, options.confirmations);
  if (rules.length === 0) throw new Error("there is no relay rule");
  // What the exporter asks the node for, for these rules alone.
  const address = exportAddresses({ chainId, relay: rules });
  const topics = [exportTopics({ chainId, relay: rules })];
  const relayed = new Map<string, number>();
  const batches: SentBatch[] = [];

  const fetchChunk = async (from: number, to: number, state: Record<string, never>) => {
    const logs = await withRetry(
      `reading blocks ${from}..${to}`,
      () => options.reader.getLogs({ address, topics, fromBlock: from, toBlock: to }),
      { ...(options.retry ?? DEFAULT_RETRY), stopOn: isRangeLimitError },
    );
    const { records, skipped } = relayRecords(
      logs,
      rules,
      chainId,
      options.actionIds,
      options.exclude,
    );
    skipped.forEach((s) => options.onSkip?.(s));
    const lines: string[] = [];
    const parts = chunk(records, batchSize);
    for (const [i, batch] of parts.entries()) {
      let sent: Omit<SentBatch, "records">;
      try {
        sent = await options.sendBatch(packRecords(batch), batch);
      } catch (e) {
        const why = (e instanceof Error ? e.message : String(e)).split("\n")[0];
        throw new RelaySendError(
          `relaying blocks ${from}..${to}: batch ${i + 1} of ${parts.length} (${batch.length} record${batch.length === 1 ? "" : "s"}) failed: ${why}; ` +
            `run again to resume from block ${from} (a record sent twice is counted once)`,
        );
      }
      const done = { ...sent, records: batch.length };
      batches.push(done);
      for (const r of batch) relayed.set(r.key, (relayed.get(r.key) ?? 0) + 1);
      options.onBatch?.(done, from, to);
      lines.push(...batch.map((r) => formatRelayLine(r, sent.txHash)));
    }
    return { lines, state };
  };

  const result = await runIndexer<Record<string, never>>({
    eventsFile: options.logFile,
    checkpointFile: `${options.logFile}.checkpoint.json`,
    identity: relayIdentity(chainId, options.registry, rules, options.exclude),
    startBlock: options.startBlock,
    targetBlock,
    chunkSize: options.chunkSize,
    initialState: {},
    parseState: (raw) => z.strictObject({}).parse(raw) as Record<string, never>,
    fetchChunk,
    // Reads retry inside fetchChunk; a failed send must not be blindly repeated.
    retry: false,
    isRangeError: isRelayRangeError,
    onSplit: options.onSplit,
    onProgress: options.onProgress,
    shouldStop: options.shouldStop,
  });
  return {
    resumedFrom: result.resumedFrom,
    nextBlock: result.nextBlock,
    targetBlock,
    relayed,
    batches,
    totalLines: result.totalLines,
    stopped: result.stopped,
  };
}
