/**
 * The exporter's and the relayer's view of a node over JSON-RPC: `eth_getLogs` read raw (no
 * provider objects per log), block timestamps taken from the logs when the node includes
 * `blockTimestamp` (anvil, recent geth and Erigon, and several providers do), else requested in
 * JSON-RPC batches of block headers, never one request per event.
 */
import type { ChainLog } from "./decode-logs";
import type { JsonRpcCall, RpcTransport } from "../indexer/json-rpc";

/** A log as read from the node: a ChainLog, with its block's timestamp when the node gave it. */
export interface ReadLog extends ChainLog {
  blockTimestamp?: number;
}

export interface LogFilter {
  address: string[];
  topics: string[][];
  fromBlock: number;
  toBlock: number;
}

/** What the exporter needs from a node. */
export interface ChainReader {
  getLogs(filter: LogFilter): Promise<readonly ReadLog[]>;
  /** The timestamps of `blocks` (headers requested in batches where the node allows). */
  getBlockTimestamps(blocks: readonly number[]): Promise<ReadonlyMap<number, number>>;
  /** The chain's latest block. */
  getBlockNumber(): Promise<number>;
}

export interface RpcReaderOptions {
  /** Block headers per JSON-RPC batch (default 100). */
  headerBatch?: number;
  /** Batches in flight at once (default 4). */
  headerConcurrency?: number;
  /** Use the logs' `blockTimestamp` when present (default true). */
  logTimestamps?: boolean;
}

const hex = (n: number) => `0x${n.toString(16)}`;

function quantity(value: unknown, what: string): number {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]+$/.test(value)) {
    throw new Error(`the node gave ${what} ${JSON.stringify(value)}, not a hex quantity`);
  }
  return Number.parseInt(value, 16);
}

/** A raw `eth_getLogs` entry as a ReadLog; throws naming the field the node got wrong. */
export function parseRawLog(raw: unknown, logTimestamps = true): ReadLog {
  const r = (raw ?? {}) as Record<string, unknown>;
  if (typeof r.address !== "string" || !Array.isArray(r.topics) || typeof r.data !== "string") {
    throw new Error(`the node gave a malformed log: ${JSON.stringify(raw)?.slice(0, 200)}`);
  }
  if (typeof r.transactionHash !== "string") {
    throw new Error(`the node gave a log without its transactionHash (a pending log?)`);
  }
  const log: ReadLog = {
    address: r.address,
    topics: r.topics as string[],
    data: r.data,
    blockNumber: quantity(r.blockNumber, "a log's blockNumber"),
    transactionHash: r.transactionHash,
    index: quantity(r.logIndex, "a log's logIndex"),
  };
  if (logTimestamps && r.blockTimestamp !== undefined && r.blockTimestamp !== null) {
    log.blockTimestamp = quantity(r.blockTimestamp, "a log's blockTimestamp");
  }
  return log;
}

/** Runs `tasks` with at most `limit` in flight; results in order. */
async function limited<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return out;
}

/** A ChainReader over a JSON-RPC transport. */
export function rpcChainReader(
  transport: RpcTransport,
  options: RpcReaderOptions = {},
): ChainReader {
  const headerBatch = options.headerBatch ?? 100;
  const concurrency = options.headerConcurrency ?? 4;
  const logTimestamps = options.logTimestamps ?? true;
  if (!Number.isInteger(headerBatch) || headerBatch < 1)
    throw new Error(`headerBatch must be a positive integer, got ${headerBatch}`);
  /** Set once a node refuses a batch: its headers are then asked one by one. */
  let batchesRefused = false;

  const timestampOf = (block: number, header: unknown): number => {
    if (header === null || typeof header !== "object")
      throw new Error(`the node has no block ${block}`);
    return quantity((header as { timestamp?: unknown }).timestamp, `block ${block}'s timestamp`);
  };

  const headers = async (blocks: readonly number[]): Promise<unknown[]> => {
    const calls: JsonRpcCall[] = blocks.map((b) => ({
      method: "eth_getBlockByNumber",
      params: [hex(b), false],
    }));
    if (!batchesRefused && calls.length > 1) {
      try {
        return await transport.batch(calls);
      } catch (e) {
        // A node that takes no batches says so with a JSON-RPC error for the whole request.
        const message = e instanceof Error ? e.message : String(e);
        if (!/batch/i.test(message)) throw e;
        batchesRefused = true;
      }
    }
    return limited(
      calls.map((c) => () => transport.call(c.method, c.params)),
      concurrency,
    );
  };

  return {
    async getLogs(filter) {
      const raw = await transport.call("eth_getLogs", [
        {
          address: filter.address,
          topics: filter.topics,
          fromBlock: hex(filter.fromBlock),
          toBlock: hex(filter.toBlock),
        },
      ]);
      if (!Array.isArray(raw)) {
        throw new Error(`the node answered eth_getLogs with ${JSON.stringify(raw)?.slice(0, 100)}`);
      }
      return raw.map((r) => parseRawLog(r, logTimestamps));
    },

    async getBlockTimestamps(blocks) {
      const unique = [...new Set(blocks)];
      const groups: number[][] = [];
      for (let i = 0; i < unique.length; i += headerBatch)
        groups.push(unique.slice(i, i + headerBatch));
      const answers = await limited(
        groups.map((g) => () => headers(g)),
        concurrency,
      );
      const times = new Map<number, number>();
      groups.forEach((g, i) => g.forEach((b, j) => times.set(b, timestampOf(b, answers[i][j]))));
      return times;
    },

    async getBlockNumber() {
      return quantity(await transport.call("eth_blockNumber", []), "the head block number");
    },
  };
}
