/**
 * Exporting a season's events from a chain into events.ndjson: the sources' logs, block range by
 * block range, decoded into engine lines, resumable through runIndexer's checkpoint.
 */
import { keccak256, toUtf8Bytes } from "ethers";
import { formatEvent } from "../engine/events";
import {
  confirmedTarget,
  runIndexer,
  type Chunk,
  type IndexerOptions,
  type IndexerResult,
} from "../indexer/run-indexer";
import {
  decodeSeasonLogs,
  EMPTY_EXPORT_STATE,
  exportAddresses,
  exportStateSchema,
  exportTopics,
  type ExportSources,
  type ExportState,
} from "./decode-logs";
import type { ChainReader, ReadLog } from "./rpc-reader";

export type { ChainReader, ReadLog } from "./rpc-reader";

/**
 * The timestamps of the blocks holding `logs`: the node's `blockTimestamp` where it gave one,
 * else the headers of the remaining blocks (one batched request for all of them).
 */
export async function logTimes(
  reader: Pick<ChainReader, "getBlockTimestamps">,
  logs: readonly ReadLog[],
): Promise<Map<number, number>> {
  const times = new Map<number, number>();
  const missing = new Set<number>();
  for (const log of logs) {
    if (log.blockTimestamp !== undefined) times.set(log.blockNumber, log.blockTimestamp);
    else missing.add(log.blockNumber);
  }
  for (const b of times.keys()) missing.delete(b);
  if (missing.size > 0) {
    for (const [b, t] of await reader.getBlockTimestamps([...missing])) times.set(b, t);
  }
  return times;
}

/** Reads and decodes one block range. */
export function chunkReader(
  reader: ChainReader,
  sources: ExportSources,
): (from: number, to: number, state: ExportState) => Promise<Chunk<ExportState>> {
  const address = exportAddresses(sources);
  const topics = [exportTopics(sources)];
  return async (fromBlock, toBlock, state) => {
    if (address.length === 0) return { lines: [], state };
    const logs = await reader.getLogs({ address, topics, fromBlock, toBlock });
    const times = await logTimes(reader, logs);
    const decoded = decodeSeasonLogs(logs, (b) => times.get(b)!, sources, state);
    return { lines: decoded.events.map(formatEvent), state: decoded.state };
  };
}

/** A fingerprint of the sources: a checkpoint of other sources is not resumed. */
export function exportIdentity(sources: ExportSources): string {
  const relay = sources.relay
    .map((r) => `${r.address}:${r.fragment.format("sighash")}:${r.account}:${r.action}`)
    .join(",");
  const text = [
    sources.chainId,
    sources.mint,
    sources.registry,
    sources.riddles,
    sources.joinAction,
    relay,
    [...(sources.exclude ?? [])].sort().join(","),
  ].join("|");
  return `chain ${sources.chainId}, sources ${keccak256(toUtf8Bytes(text)).slice(0, 18)}`;
}

export interface ExportOptions extends Pick<
  IndexerOptions<ExportState>,
  "eventsFile" | "checkpointFile" | "chunkSize" | "retry" | "onProgress" | "onSplit" | "shouldStop"
> {
  reader: ChainReader;
  sources: ExportSources;
  /** The chain's latest block. */
  head: number;
  /** Blocks younger than this many confirmations are left for a later export. */
  confirmations: number;
  /** The first block that can hold a season event (the earliest deployment). */
  startBlock: number;
}

/** Exports (or resumes exporting) every season event up to `head − confirmations`. */
export async function exportSeasonEvents(
  options: ExportOptions,
): Promise<IndexerResult<ExportState> & { targetBlock: number }> {
  const targetBlock = confirmedTarget(options.head, options.confirmations);
  const result = await runIndexer<ExportState>({
    eventsFile: options.eventsFile,
    checkpointFile: options.checkpointFile,
    identity: exportIdentity(options.sources),
    startBlock: options.startBlock,
    targetBlock,
    chunkSize: options.chunkSize,
    initialState: EMPTY_EXPORT_STATE,
    parseState: (raw) => exportStateSchema.parse(raw),
    fetchChunk: chunkReader(options.reader, options.sources),
    retry: options.retry,
    onProgress: options.onProgress,
    onSplit: options.onSplit,
    shouldStop: options.shouldStop,
  });
  return { ...result, targetBlock };
}
