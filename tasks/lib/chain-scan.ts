/**
 * Reading a block range for the season report and the sybil review: blocks in batches of parallel
 * requests (headers or full transactions), logs in chunks, both with retries and progress lines,
 * and a checkpoint callback after each batch so a long scan of a real chain can resume.
 */
import type { Log } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { describeError, withRetry } from "../../src/indexer/retry";
import { loggedRetry } from "./export";

export interface ScannedTx {
  from: string;
  to: string | null;
  /** Wei, hex. */
  value: string;
}

export interface ScannedBlock {
  number: number;
  timestamp: number;
  /** Hashes only (headers scan) or the transactions (full scan). */
  transactions: (string | ScannedTx)[];
}

interface RpcBlock {
  number: string;
  timestamp: string;
  transactions: (string | { from: string; to: string | null; value: string })[];
}

export interface ScanOptions {
  /** Full transactions (from, to, value), or hashes only. */
  full: boolean;
  /** Blocks requested at once. */
  batch?: number;
  say?: (line: string) => void;
  /** Called after each batch, in block order: keep what is needed and checkpoint. */
  onBatch: (blocks: ScannedBlock[]) => void;
  shouldStop?: () => boolean;
}

/** Reads blocks `from`..`to` (inclusive) in order; returns the next block not read. */
export async function scanBlocks(
  hre: HardhatRuntimeEnvironment,
  from: number,
  to: number,
  options: ScanOptions,
): Promise<number> {
  const batch = options.batch ?? 50;
  const say = options.say ?? (() => undefined);
  const retry = loggedRetry(say);
  const total = Math.max(1, to - from + 1);
  let lastSaid = 0;
  let next = from;
  while (next <= to) {
    if (options.shouldStop?.()) break;
    const end = Math.min(to, next + batch - 1);
    const numbers = Array.from({ length: end - next + 1 }, (_, i) => next + i);
    const blocks = await Promise.all(
      numbers.map((n) =>
        withRetry(
          `reading block ${n}`,
          async () => {
            const b = (await hre.network.provider.request({
              method: "eth_getBlockByNumber",
              params: [`0x${n.toString(16)}`, options.full],
            })) as RpcBlock | null;
            if (!b) throw new Error(`the node has no block ${n}`);
            return {
              number: n,
              timestamp: Number(b.timestamp),
              transactions: b.transactions.map((t) =>
                typeof t === "string"
                  ? t
                  : { from: t.from.toLowerCase(), to: t.to?.toLowerCase() ?? null, value: t.value },
              ),
            };
          },
          retry,
        ),
      ),
    );
    options.onBatch(blocks);
    next = end + 1;
    const now = Date.now();
    if (now - lastSaid > 2_000 || next > to) {
      lastSaid = now;
      say(`blocks ${from}..${end} of ${to} (${Math.floor(((end - from + 1) * 100) / total)}%)`);
    }
  }
  return next;
}

/** Logs of `filter` over `from`..`to`, `chunk` blocks per request. */
export async function logsInChunks(
  hre: HardhatRuntimeEnvironment,
  filter: { address?: string | string[]; topics?: (string | string[] | null)[] },
  from: number,
  to: number,
  chunk: number,
  say: (line: string) => void = () => undefined,
): Promise<Log[]> {
  const out: Log[] = [];
  const retry = loggedRetry(say);
  for (let start = from; start <= to; start += chunk) {
    const end = Math.min(to, start + chunk - 1);
    try {
      out.push(
        ...(await withRetry(
          `reading logs of blocks ${start}..${end}`,
          () => hre.ethers.provider.getLogs({ ...filter, fromBlock: start, toBlock: end }),
          retry,
        )),
      );
    } catch (e) {
      throw new Error(`reading logs of blocks ${start}..${end}: ${describeError(e)}`);
    }
  }
  return out;
}
