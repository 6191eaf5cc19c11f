/** Running the season export for a task: progress on stderr, Ctrl-C stops after the current chunk. */
import { chunkBlocksFor, readRpcLimits, rpcLimitsPath } from "../../src/preflight/rpc-limits";
import { deploymentsDir } from "./deployments";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { exportSeasonEvents } from "../../src/export/export-season";
import { rpcChainReader, type ChainReader } from "../../src/export/rpc-reader";
import { eip1193Transport, httpTransport } from "../../src/indexer/json-rpc";
import {
  DEFAULT_RETRY,
  describeError,
  withRetry,
  type RetryOptions,
} from "../../src/indexer/retry";
import type { DeployedSeason } from "./season";
import { exportSourcesOf } from "./season";
import { TaskError } from "./errors";

export interface ExportRun {
  eventsFile: string;
  /** The last block exported (the head minus the confirmations). */
  lastBlock: number;
  /** That block's timestamp: every event before it is in the file. */
  lastBlockTime: number;
  lines: number;
  /** True when Ctrl-C stopped the export early. */
  stopped: boolean;
}

/**
 * The log-reading settings of a task that follows the chain: the given --confirmations and --chunk,
 * else the season file's, else none and 5,000 blocks; the range is lowered to the largest one
 * `season:preflight` saw the network's node accept (`<deployments>/<network>.rpc.json`).
 */
export function logReadSettings(
  hre: HardhatRuntimeEnvironment,
  deployed: DeployedSeason,
  given: { confirmations?: number; chunk?: number },
): { confirmations: number; chunkSize: number } {
  const chain = deployed.file.chain;
  const limits = readRpcLimits(rpcLimitsPath(deploymentsDir(hre), hre.network.name));
  return {
    confirmations: given.confirmations ?? chain?.confirmations ?? 0,
    chunkSize:
      given.chunk ??
      chunkBlocksFor(chain?.exportChunkBlocks ?? 5_000, limits, Number(deployed.chainId)),
  };
}

/** The default retries of a log read, each failed attempt told through `say`. */
export function loggedRetry(say: (line: string) => void): RetryOptions {
  return {
    ...DEFAULT_RETRY,
    onRetry: (attempt, delay, e) =>
      say(`attempt ${attempt} failed (${describeError(e)}); retrying in ${delay} ms`),
  };
}

/**
 * Runs `fn`, a walk over block ranges that stops once `stopped()` is true: the first Ctrl-C makes
 * it true (told through `say`), a second one exits with status 130. The handler is removed after.
 */
export async function untilCtrlC<T>(
  say: (line: string) => void,
  fn: (stopped: () => boolean) => Promise<T>,
): Promise<T> {
  let stopRequested = false;
  const onSigint = () => {
    if (stopRequested) process.exit(130);
    stopRequested = true;
    say("Ctrl-C: stopping after the current block range (Ctrl-C again to quit at once)");
  };
  process.on("SIGINT", onSigint);
  try {
    return await fn(() => stopRequested);
  } finally {
    process.off("SIGINT", onSigint);
  }
}

/**
 * The node as the exporter and the relayer see it: over HTTP, the network's URL read with the
 * project's JSON-RPC client (batched headers, errors that keep the node's words); the in-process
 * network through its provider.
 */
export function chainReader(hre: HardhatRuntimeEnvironment): ChainReader {
  const config = hre.network.config as { url?: unknown; httpHeaders?: Record<string, string> };
  const transport =
    typeof config.url === "string"
      ? httpTransport({ url: config.url, headers: config.httpHeaders })
      : eip1193Transport(hre.network.provider);
  return rpcChainReader(transport);
}

/** Told when the node refused a block range as too large and the walk goes on in smaller ones. */
export function splitLine(split: {
  fromBlock: number;
  toBlock: number;
  blocks: number;
  error: unknown;
}): string {
  return `the node refused blocks ${split.fromBlock}..${split.toBlock} (${describeError(split.error)}); reading ${split.blocks} block${split.blocks === 1 ? "" : "s"} at a time`;
}

/**
 * Exports (or resumes exporting) the season's events into `eventsFile` up to the confirmed head.
 * `reader` and `retry` are injectable for fault tests.
 */
export async function runSeasonExport(
  hre: HardhatRuntimeEnvironment,
  deployed: DeployedSeason,
  options: {
    eventsFile: string;
    confirmations?: number;
    chunkBlocks?: number;
    quiet?: boolean;
    reader?: ChainReader;
    retry?: RetryOptions;
  },
): Promise<ExportRun> {
  const { confirmations, chunkSize } = logReadSettings(hre, deployed, {
    confirmations: options.confirmations,
    chunk: options.chunkBlocks,
  });
  const { sources, startBlock } = exportSourcesOf(deployed);
  const reader = options.reader ?? chainReader(hre);
  const say = (line: string) => {
    if (!options.quiet) process.stderr.write(`[export] ${line}\n`);
  };
  const retry = options.retry ?? loggedRetry(say);

  try {
    const head = await withRetry("reading the head block", () => reader.getBlockNumber(), retry);
    return await untilCtrlC(say, async (stopped) => {
      const result = await exportSeasonEvents({
        reader,
        sources,
        head,
        confirmations,
        startBlock,
        chunkSize,
        eventsFile: options.eventsFile,
        checkpointFile: `${options.eventsFile}.checkpoint.json`,
        retry,
        onSplit: (split) => say(splitLine(split)),
        onProgress: (p) => {
          const total = Math.max(1, p.targetBlock - startBlock + 1);
          const done = Math.min(100, Math.floor(((p.toBlock - startBlock + 1) * 100) / total));
          say(
            `blocks ${p.fromBlock}..${p.toBlock} of ${p.targetBlock} (${done}%): ${p.chunkLines} events, ${p.totalLines} in all`,
          );
        },
        shouldStop: stopped,
      });
      if (result.resumedFrom !== undefined) say(`resumed from block ${result.resumedFrom}`);
      const lastBlock = result.nextBlock - 1;
      const block = Math.max(0, lastBlock);
      const times = await withRetry(
        `reading block ${block}'s timestamp`,
        () => reader.getBlockTimestamps([block]),
        retry,
      );
      return {
        eventsFile: options.eventsFile,
        lastBlock,
        lastBlockTime: times.get(block) ?? 0,
        lines: result.totalLines,
        stopped: result.stopped,
      };
    });
  } catch (e) {
    throw new TaskError(
      `exporting the season's events into ${options.eventsFile}: ${describeError(e)}`,
    );
  }
}
