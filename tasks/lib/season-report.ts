/**
 * Collecting the season report of a deployed season: the exported events (events.ndjson), the
 * closed epochs' folders, the sybil folder, and what only the chain knows (mint claims per tier,
 * riddle answers, funding and claims of the distributor, transactions per day). `season:report`
 * and the demo both call `collectSeasonReport`, then `writeSeasonReport`.
 */
import fs from "node:fs";
import path from "node:path";
import { Interface } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { parseEventLine, type SeasonEvent } from "../../src/engine/events";
import { readJsonFile } from "../../src/json-file";
import type { EpochSummary } from "../../src/engine/epoch";
import { tierIndexOf } from "../../src/mint/tiers";
import { seasonAnalytics, type RiddleChainStats } from "../../src/report/analytics";
import { buildSeasonReport, type ReportInputs, type TokenInfo } from "../../src/report/build";
import {
  renderReportHtml,
  renderReportText,
  type SeasonReport,
  type SybilSection,
} from "../../src/report/season-report";
import { parseAllocationsCsv, parseScoresCsv, readLines } from "../../src/season/epoch-files";
import { parseClustersCsv, parseDecisionsCsv } from "../../src/sybil/files";
import { sybilSection, type SybilSummary } from "../../src/sybil/section";
import { MINT_EVENTS, RIDDLE_EVENTS } from "../../src/export/season-abi";
import { MINT_RECORD } from "../../deploy/mint";
import { RIDDLE_BOARD_RECORD } from "../../deploy/points";
import { REWARD_DISTRIBUTOR } from "../../deploy/rewards";
import { distributorAt, publishedRoot } from "./distributor";
import { latestClosedEpoch, readEpochSummary } from "./epochs";
import { logsInChunks, scanBlocks } from "./chain-scan";
import { logReadSettings } from "./export";
import { TaskError } from "./errors";
import { exportSourcesOf, type DeployedSeason } from "./season";

/** The sybil review's folder: next to the epoch folders. */
export function sybilDir(epochsRoot: string): string {
  return path.join(epochsRoot, "sybil");
}

/** The report's folder: next to the epoch folders. */
export function reportDir(epochsRoot: string): string {
  return path.join(epochsRoot, "report");
}

const DISTRIBUTOR_EVENTS = new Interface([
  "event Claimed(address indexed account, address indexed token, uint256 amount)",
  "event Funded(address indexed token, address indexed from, uint256 amount)",
]);
const RIDDLES = new Interface([
  ...RIDDLE_EVENTS,
  "event AnswerCommitted(uint32 indexed riddle, address indexed participant, bytes32 commitment)",
]);
const MINT = new Interface(MINT_EVENTS);

/** Reads and validates an events file line by line, or a TaskError naming the line. */
export async function readEventsFile(file: string, hint: string): Promise<SeasonEvent[]> {
  if (!fs.existsSync(file)) throw new TaskError(`no events file at ${file}: ${hint}`);
  const events: SeasonEvent[] = [];
  let n = 0;
  for await (const line of readLines(file)) {
    n++;
    if (line === "") continue;
    try {
      events.push(parseEventLine(line, n));
    } catch (e) {
      throw new TaskError(`${file}: ${(e as Error).message}`);
    }
  }
  return events;
}

export interface CollectOptions {
  epochsRoot: string;
  eventsFile: string;
  title?: string;
  /** The command that exports the events (for the hint when the file is missing). */
  exportHint: string;
  say?: (line: string) => void;
  /** Where the count of transactions per day is kept between runs (none: count every time). */
  checkpointFile?: string;
  /** What the demo adds: its gas tally, its audits and the claims it paid. */
  extra?: Partial<Pick<ReportInputs, "gas" | "verification" | "paid">>;
}

/** The sybil section, when a review was run (sybil/clusters.csv and summary.json exist). */
export function readSybilSection(
  deployed: DeployedSeason,
  epochsRoot: string,
): SybilSection | undefined {
  const dir = sybilDir(epochsRoot);
  const clusters = path.join(dir, "clusters.csv");
  const summary = path.join(dir, "summary.json");
  if (!fs.existsSync(clusters) || !fs.existsSync(summary)) return undefined;
  const decisionsFile = path.join(dir, "decisions.csv");
  try {
    return sybilSection(
      parseClustersCsv(fs.readFileSync(clusters, "utf8"), clusters),
      readJsonFile(summary) as SybilSummary,
      fs.existsSync(decisionsFile)
        ? parseDecisionsCsv(fs.readFileSync(decisionsFile, "utf8"), decisionsFile)
        : [],
      deployed.file.chain?.exclude ?? [],
      dir,
    );
  } catch (e) {
    throw new TaskError((e as Error).message);
  }
}

interface BlocksCheckpoint {
  fromBlock: number;
  /** The hash of `fromBlock`: a checkpoint of another chain (a restarted local node) is ignored. */
  fromHash: string;
  nextBlock: number;
  /** UTC day number → transactions. */
  perDay: Record<string, number>;
}

/**
 * Transactions per UTC day in blocks `from`..`to`: blocks already counted in `checkpointFile`
 * (same first block) are not read again; the file is updated after every 1,000 blocks.
 */
export async function transactionsPerDayOf(
  hre: HardhatRuntimeEnvironment,
  from: number,
  to: number,
  checkpointFile: string | undefined,
  say: (line: string) => void,
): Promise<Map<number, number>> {
  const fromHash = (await hre.ethers.provider.getBlock(from))?.hash ?? "";
  let state: BlocksCheckpoint = { fromBlock: from, fromHash, nextBlock: from, perDay: {} };
  if (checkpointFile && fs.existsSync(checkpointFile)) {
    const saved = readJsonFile(checkpointFile) as BlocksCheckpoint;
    if (
      saved.fromBlock === from &&
      saved.fromHash === fromHash &&
      Number.isInteger(saved.nextBlock) &&
      saved.nextBlock <= to + 1
    )
      state = saved;
  }
  const perDay = new Map(Object.entries(state.perDay).map(([d, n]) => [Number(d), n]));
  const save = (next: number) => {
    if (!checkpointFile) return;
    fs.mkdirSync(path.dirname(checkpointFile), { recursive: true });
    const value: BlocksCheckpoint = {
      fromBlock: from,
      fromHash,
      nextBlock: next,
      perDay: Object.fromEntries(perDay),
    };
    fs.writeFileSync(`${checkpointFile}.tmp`, JSON.stringify(value));
    fs.renameSync(`${checkpointFile}.tmp`, checkpointFile);
  };
  if (state.nextBlock <= to) say(`counting transactions per day, blocks ${state.nextBlock}..${to}`);
  let since = 0;
  const next = await scanBlocks(hre, state.nextBlock, to, {
    full: false,
    say,
    onBatch: (blocks) => {
      for (const b of blocks) {
        const day = Math.floor(b.timestamp / 86_400);
        perDay.set(day, (perDay.get(day) ?? 0) + b.transactions.length);
      }
      since += blocks.length;
      if (since >= 1_000) {
        save(blocks[blocks.length - 1].number + 1);
        since = 0;
      }
    },
  });
  save(next);
  return perDay;
}

/** The report of the season as the chain and the folders hold it now. */
export async function collectSeasonReport(
  hre: HardhatRuntimeEnvironment,
  deployed: DeployedSeason,
  options: CollectOptions,
): Promise<SeasonReport> {
  const say = options.say ?? (() => undefined);
  const events = await readEventsFile(options.eventsFile, options.exportHint);
  const { startBlock } = exportSourcesOf(deployed);
  const { chunkSize } = logReadSettings(hre, deployed, {});
  const head = await hre.ethers.provider.getBlockNumber();
  const mintConfig = deployed.file.chain?.mint;
  if (!mintConfig) throw new TaskError(`${deployed.file.source} has no 'chain' section`);
  const tiers = mintConfig.tiers;

  // The closed epochs.
  const epoch = latestClosedEpoch(options.epochsRoot) ?? 0;
  const summaries: EpochSummary[] = [];
  for (let k = 1; k <= epoch; k++) {
    const dir = path.join(options.epochsRoot, `epoch-${k}`);
    if (fs.existsSync(path.join(dir, "summary.json"))) summaries.push(readEpochSummary(dir));
  }
  const last = path.join(options.epochsRoot, `epoch-${epoch}`);
  const read = (f: string) => fs.readFileSync(path.join(last, f), "utf8");
  const scores = epoch ? parseScoresCsv(read("scores.csv")) : [];
  const allocations = epoch ? parseAllocationsCsv(read("allocations.csv")) : [];

  // The chain's logs.
  say(
    `reading the mint's, the riddle board's and the distributor's logs, blocks ${startBlock}..${head}`,
  );
  const logs = (address: string | undefined) =>
    address
      ? logsInChunks(hre, { address }, startBlock, head, chunkSize, say)
      : Promise.resolve([]);
  const claimsPerTier = tiers.map(() => 0);
  for (const log of await logs(deployed.address(MINT_RECORD))) {
    const e = MINT.parseLog(log);
    if (e?.name === "Claimed") claimsPerTier[tierIndexOf(BigInt(e.args.ordinal), tiers)]++;
  }
  const riddleKeys = new Map<string, string>();
  const answers = new Map<string, number>();
  const right = new Map<string, number>();
  const answerers = new Set<string>();
  for (const log of await logs(deployed.address(RIDDLE_BOARD_RECORD))) {
    const e = RIDDLES.parseLog(log);
    if (!e) continue;
    const id = String(e.args.riddle);
    if (e.name === "RiddlePublished") riddleKeys.set(id, e.args.key as string);
    else if (e.name === "AnswerCommitted") {
      answers.set(id, (answers.get(id) ?? 0) + 1);
      answerers.add((e.args.participant as string).toLowerCase());
    } else if (e.name === "BoostEarned") right.set(id, (right.get(id) ?? 0) + 1);
  }
  const riddles: RiddleChainStats[] = [...riddleKeys.entries()].map(([id, key]) => ({
    key,
    answers: answers.get(id) ?? 0,
    right: right.get(id) ?? 0,
  }));
  const funded = new Map<string, bigint>();
  const claimed = new Map<string, { amount: bigint; accounts: Set<string>; claims: number }>();
  for (const log of await logs(deployed.address(REWARD_DISTRIBUTOR))) {
    const e = DISTRIBUTOR_EVENTS.parseLog(log);
    if (!e) continue;
    const token = (e.args.token as string).toLowerCase();
    if (e.name === "Funded")
      funded.set(token, (funded.get(token) ?? 0n) + (e.args.amount as bigint));
    else if (e.name === "Claimed") {
      const c = claimed.get(token) ?? { amount: 0n, accounts: new Set<string>(), claims: 0 };
      c.amount += e.args.amount as bigint;
      c.accounts.add((e.args.account as string).toLowerCase());
      c.claims++;
      claimed.set(token, c);
    }
  }
  const claimants = new Set([...claimed.values()].flatMap((c) => [...c.accounts]));

  // Transactions per day, from every block of the season's range (resumed from the checkpoint).
  const transactionsPerDay = await transactionsPerDayOf(
    hre,
    startBlock,
    head,
    options.checkpointFile,
    say,
  );

  // Reward tokens.
  const rewardTokens = [
    ...new Set(
      deployed.season.rewards.epochs.flatMap((e) =>
        Object.keys(e.pools).map((t) => t.toLowerCase()),
      ),
    ),
  ].sort();
  const tokens = new Map<string, TokenInfo>();
  for (const token of rewardTokens) {
    const erc20 = await hre.ethers.getContractAt("TestnetToken", token);
    tokens.set(token, {
      symbol: deployed.symbolOf(token),
      decimals: Number(await erc20.decimals()),
    });
  }
  const lastSummary = summaries.at(-1);
  const rewardTotals = rewardTokens.map((token) => {
    const pool = deployed.season.rewards.epochs.slice(0, epoch).reduce((sum, e) => {
      const entry = Object.entries(e.pools).find(([t]) => t.toLowerCase() === token);
      return sum + BigInt(entry?.[1] ?? 0);
    }, 0n);
    const c = claimed.get(token);
    return {
      token,
      pool,
      allocated: BigInt(lastSummary?.tokens[token]?.cumulative ?? 0),
      funded: funded.get(token) ?? 0n,
      claimed: c?.amount ?? 0n,
      claimants: c?.accounts.size ?? 0,
      leaves: allocations.filter((a) => a.token === token && a.cumulative > 0n).length,
    };
  });

  const distributor = await distributorAt(hre, undefined, deployed);
  const epochs: SeasonReport["epochs"] = [];
  for (const s of summaries) {
    const onChain = await publishedRoot(distributor, s.epoch);
    epochs.push({
      epoch: s.epoch,
      root: s.root,
      participants: s.participants,
      status: onChain?.status ?? "unpublished",
    });
  }

  const analytics = seasonAnalytics({
    events,
    actions: deployed.season.actions,
    tiers,
    joinAction: "join" in deployed.season.actions ? "join" : undefined,
    claimants,
    answerers,
    transactionsPerDay,
    riddles,
    ...(lastSummary
      ? { lastEpoch: { epoch: lastSummary.epoch, endTime: lastSummary.endTime } }
      : {}),
  });
  const sybil = readSybilSection(deployed, options.epochsRoot);
  return buildSeasonReport({
    title: options.title ?? String(deployed.file.raw.name),
    network: hre.network.name,
    participants: new Set(events.map((e) => e.account)).size,
    epoch,
    tiers,
    claimsPerTier,
    scores,
    allocations,
    tokens,
    epochs,
    paid:
      options.extra?.paid ??
      rewardTokens.map((token) => ({
        token,
        amount: claimed.get(token)?.amount ?? 0n,
        claims: claimed.get(token)?.claims ?? 0,
      })),
    rewardTotals,
    gas: options.extra?.gas ?? [],
    verification: options.extra?.verification ?? [],
    analytics,
    ...(sybil ? { sybil } : {}),
  });
}

/** Writes index.html and report.json into `dir`; returns their paths. */
export function writeSeasonReport(
  report: SeasonReport,
  dir: string,
  extra: { html?: string; json?: Record<string, unknown> } = {},
): { html: string; json: string; text: string } {
  fs.mkdirSync(dir, { recursive: true });
  const html = path.join(dir, "index.html");
  const json = path.join(dir, "report.json");
  fs.writeFileSync(html, renderReportHtml(report, extra.html ?? ""));
  fs.writeFileSync(json, `${JSON.stringify({ report, ...(extra.json ?? {}) }, null, 2)}\n`);
  return { html, json, text: renderReportText(report) };
}
