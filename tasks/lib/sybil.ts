/**
 * The sybil review of a deployed season, read from the chain: the first account that sent each
 * address native gas (every block's transactions over the range, resumable from a checkpoint),
 * the transfers of the season's basket tokens (Transfer logs), and each participant's actions in
 * time order (the exported events). The detection itself is src/sybil/detect.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { id } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { SybilInput, TimedAction, TokenTransfer } from "../../src/sybil/detect";
import { readJsonFile } from "../../src/json-file";
import { tokenRecord } from "../../deploy/tokens";
import { logsInChunks, scanBlocks } from "./chain-scan";
import { logReadSettings } from "./export";
import { readEventsFile } from "./season-report";
import { TaskError } from "./errors";
import { exportSourcesOf, type DeployedSeason } from "./season";

export const TRANSFER_TOPIC = id("Transfer(address,address,uint256)");

interface FunderCheckpoint {
  fromBlock: number;
  /** The hash of `fromBlock`: a checkpoint of another chain (a restarted local node) is ignored. */
  fromHash: string;
  nextBlock: number;
  /** Recipient → the first account that sent it native value in the range. */
  funders: Record<string, string>;
}

/**
 * First funders of every address that received native value in `from`..`to`, resumed from
 * `checkpointFile` when it covers the same start; checkpointed after every batch of blocks.
 */
export async function firstFunders(
  hre: HardhatRuntimeEnvironment,
  from: number,
  to: number,
  checkpointFile: string,
  say: (line: string) => void,
  shouldStop: () => boolean = () => false,
): Promise<{ funders: Map<string, string>; nextBlock: number }> {
  const fromHash = (await hre.ethers.provider.getBlock(from))?.hash ?? "";
  let state: FunderCheckpoint = { fromBlock: from, fromHash, nextBlock: from, funders: {} };
  if (fs.existsSync(checkpointFile)) {
    const saved = readJsonFile(checkpointFile) as FunderCheckpoint;
    if (
      saved.fromBlock === from &&
      saved.fromHash === fromHash &&
      Number.isInteger(saved.nextBlock) &&
      saved.nextBlock <= to + 1
    ) {
      state = saved;
      if (saved.nextBlock <= to) say(`resuming the funding scan at block ${saved.nextBlock}`);
    }
  }
  const funders = new Map(Object.entries(state.funders));
  let sinceSave = 0;
  const save = (next: number) => {
    state = { fromBlock: from, fromHash, nextBlock: next, funders: Object.fromEntries(funders) };
    const tmp = `${checkpointFile}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state));
    fs.renameSync(tmp, checkpointFile);
  };
  const next = await scanBlocks(hre, state.nextBlock, to, {
    full: true,
    say,
    shouldStop,
    onBatch: (blocks) => {
      for (const b of blocks) {
        for (const tx of b.transactions) {
          if (typeof tx === "string" || tx.to === null || BigInt(tx.value) === 0n) continue;
          if (!funders.has(tx.to)) funders.set(tx.to, tx.from);
        }
      }
      sinceSave += blocks.length;
      if (sinceSave >= 1_000) {
        save(blocks[blocks.length - 1].number + 1);
        sinceSave = 0;
      }
    },
  });
  save(Math.max(next, state.nextBlock));
  return { funders, nextBlock: next };
}

export interface SybilCollection {
  input: SybilInput;
  fromBlock: number;
  toBlock: number;
  /** False when Ctrl-C stopped the funding scan (run again to resume). */
  complete: boolean;
}

/** Everything the detector needs, from the chain and the events file. */
export async function collectSybilInput(
  hre: HardhatRuntimeEnvironment,
  deployed: DeployedSeason,
  options: {
    eventsFile: string;
    dir: string;
    exportHint: string;
    fromBlock?: number;
    faucets: readonly string[];
    say: (line: string) => void;
    shouldStop?: () => boolean;
  },
): Promise<SybilCollection> {
  const events = await readEventsFile(options.eventsFile, options.exportHint);
  const { startBlock } = exportSourcesOf(deployed);
  const fromBlock = options.fromBlock ?? startBlock;
  const toBlock = await hre.ethers.provider.getBlockNumber();
  if (fromBlock > toBlock)
    throw new TaskError(`--from-block ${fromBlock} is past the chain's head ${toBlock}`);
  const { chunkSize } = logReadSettings(hre, deployed, {});

  // Sequences: mints and actions (each ref once), in time order.
  const sequences = new Map<string, TimedAction[]>();
  const refs = new Set<string>();
  for (const e of events) {
    if (e.kind === "boost") continue;
    if (e.kind === "action") {
      if (refs.has(e.ref)) continue;
      refs.add(e.ref);
    }
    const list = sequences.get(e.account) ?? [];
    list.push({ action: e.kind === "mint" ? "mint" : e.action, time: e.time });
    sequences.set(e.account, list);
  }
  for (const list of sequences.values()) list.sort((a, b) => a.time - b.time);
  const participants = [...sequences.keys()];
  for (const e of events) if (!sequences.has(e.account)) participants.push(e.account);

  options.say(`first funders: scanning blocks ${fromBlock}..${toBlock} with their transactions`);
  fs.mkdirSync(options.dir, { recursive: true });
  const scan = await firstFunders(
    hre,
    fromBlock,
    toBlock,
    path.join(options.dir, "funders.checkpoint.json"),
    options.say,
    options.shouldStop,
  );

  const basket = (deployed.file.chain?.mint.basket ?? [])
    .map((t) => deployed.address(tokenRecord(t.symbol)))
    .filter((a): a is string => a !== undefined);
  options.say(`basket transfers: ${basket.length} tokens, blocks ${fromBlock}..${toBlock}`);
  const transfers: TokenTransfer[] = [];
  if (basket.length) {
    const logs = await logsInChunks(
      hre,
      { address: basket, topics: [TRANSFER_TOPIC] },
      fromBlock,
      toBlock,
      chunkSize,
      options.say,
    );
    for (const log of logs) {
      if (log.topics.length < 3) continue;
      transfers.push({
        from: `0x${log.topics[1].slice(26)}`.toLowerCase(),
        to: `0x${log.topics[2].slice(26)}`.toLowerCase(),
        token: log.address.toLowerCase(),
      });
    }
  }
  const ignore = new Set<string>([
    ...Object.values(deployed.record.contracts).map((c) => c.address.toLowerCase()),
    ...(deployed.file.chain?.exclude ?? []).map((a) => a.toLowerCase()),
    ...options.faucets.map((a) => a.toLowerCase()),
  ]);
  return {
    input: { participants, funders: scan.funders, transfers, sequences, ignore },
    fromBlock,
    toBlock,
    complete: scan.nextBlock > toBlock,
  };
}
