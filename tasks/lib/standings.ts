/**
 * leaderboard and points:me: an epoch folder's scores and allocations (and, for one account, the
 * events behind its score and what it can claim on chain), for humans or as JSON.
 */
import fs from "node:fs";
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { pointsToUnits, unitsToPoints } from "../../src/engine/units";
import { formatTable } from "../../src/format/table";
import { formatPoints } from "../../src/engine/units";
import { readAccountEvents } from "../../src/season/account-events";
import {
  droppedRecords,
  isCounted,
  matchesScoreRow,
  pointsBreakdown,
  type PointsBreakdown,
} from "../../src/season/breakdown";
import {
  EpochFileError,
  findAllocationLines,
  findScoreLines,
  topScoreLines,
  type AllocationLine,
  type ScoreLine,
} from "../../src/season/epoch-files";
import { distributorAt, publishedRoot } from "./distributor";
import { TaskError, withContext } from "./errors";
import { eventsFileOf } from "./epochs";
import { isoTime } from "../../src/format/time";
import { addressArg, toJson } from "./cli";
import { closedEpoch, tokenInfo, type ClosedEpoch, type TokenInfo } from "./season-ops";
import { loadDeployedSeason, type DeployedSeason } from "./season";

/** Runs a folder read, turning a malformed file into one TaskError line naming it. */
async function reading<T>(closed: ClosedEpoch, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof EpochFileError) throw new TaskError(`${closed.dir}/${e.message}`);
    throw new TaskError(`reading ${closed.dir}: ${(e as Error).message}`);
  }
}

/** Points as scores.csv writes them (six fraction digits). */
export interface ScoreJson {
  rank: number | null;
  account: string;
  score: string;
  actionPoints: string;
  boosted: string;
  dollars: string;
}

/** A scores.csv points decimal as a human reads it ("562.5"). */
const pts = (points: string): string => formatPoints(pointsToUnits(points));

function scoreJson(row: ScoreLine): ScoreJson {
  return {
    rank: row.rank === 0 ? null : row.rank,
    account: row.account,
    score: unitsToPoints(row.scoreUnits),
    actionPoints: unitsToPoints(row.actionUnits),
    boosted: unitsToPoints(row.boostedUnits),
    dollars: row.dollars.toString(),
  };
}

export interface RewardJson {
  token: string;
  symbol: string;
  /** This epoch's allocation. */
  allocation: bigint;
  cumulative: bigint;
  /** Only with --account: paid so far (on chain) and cumulative − claimed. */
  claimed?: bigint;
  claimable?: bigint;
}

export interface LeaderboardRow extends ScoreJson {
  rewards: RewardJson[];
}

export interface Leaderboard {
  epoch: number;
  endTime: number;
  participants: number;
  /** The epoch's root on chain: accepted, pending, revoked or unpublished. */
  rootStatus: string;
  rows: LeaderboardRow[];
}

async function tokensOf(
  hre: HardhatRuntimeEnvironment,
  deployed: DeployedSeason,
  closed: ClosedEpoch,
): Promise<TokenInfo[]> {
  return Promise.all(Object.keys(closed.summary.tokens).map((t) => tokenInfo(hre, deployed, t)));
}

function rewardsOf(tokens: TokenInfo[], rows: AllocationLine[] | undefined): RewardJson[] {
  return tokens.map((t) => {
    const row = rows?.find((r) => r.token === t.address.toLowerCase());
    return {
      token: t.address,
      symbol: t.symbol,
      allocation: row?.allocation ?? 0n,
      cumulative: row?.cumulative ?? 0n,
    };
  });
}

export async function leaderboard(
  hre: HardhatRuntimeEnvironment,
  args: { season: string; epoch?: number; top?: number; account?: string; json: boolean },
): Promise<Leaderboard> {
  if (args.top !== undefined && args.account !== undefined)
    throw new TaskError("give --top N or --account A, not both");
  const top = args.top ?? 10;
  if (!Number.isSafeInteger(top) || top < 1)
    throw new TaskError(`--top must be a positive integer, got ${top}`);
  const account =
    args.account === undefined ? undefined : addressArg(hre, "account", args.account).toLowerCase();
  const deployed = await loadDeployedSeason(hre, args.season);
  const closed = closedEpoch(hre, deployed, args.epoch);
  const distributor = await distributorAt(hre, undefined, deployed);
  const tokens = await tokensOf(hre, deployed, closed);
  const file = (f: string) => path.join(closed.dir, f);

  const scores = await reading(closed, async () =>
    account === undefined
      ? topScoreLines(file("scores.csv"), top)
      : [...(await findScoreLines(file("scores.csv"), [account])).values()],
  );
  const accounts = account === undefined ? scores.map((s) => s.account) : [account];
  const allocations = await reading(closed, () =>
    findAllocationLines(file("allocations.csv"), accounts),
  );
  const onChain = await publishedRoot(distributor, closed.epoch);
  const rootStatus = onChain?.status ?? "unpublished";

  const rows: LeaderboardRow[] = [];
  for (const a of accounts) {
    const score = scores.find((s) => s.account === a);
    const base: ScoreJson = score
      ? scoreJson(score)
      : {
          rank: null,
          account: a,
          score: "0.000000",
          actionPoints: "0.000000",
          boosted: "0.000000",
          dollars: "0",
        };
    const rewards = rewardsOf(tokens, allocations.get(a));
    if (account !== undefined) {
      for (const r of rewards) {
        r.claimed = await distributor.claimed(a, r.token);
        r.claimable = r.cumulative > r.claimed ? r.cumulative - r.claimed : 0n;
      }
    }
    rows.push({ ...base, account: hre.ethers.getAddress(a), rewards });
  }
  const result: Leaderboard = {
    epoch: closed.epoch,
    endTime: closed.summary.endTime,
    participants: closed.summary.participants,
    rootStatus,
    rows,
  };
  if (args.json) {
    console.log(toJson(result));
    return result;
  }
  const title = `Epoch ${closed.epoch} of '${closed.summary.season}' (events before ${isoTime(closed.summary.endTime)}), ${closed.summary.participants} ranked; root ${rootStatus}`;
  console.log(title);
  if (account === undefined) {
    console.log(
      formatTable(
        [
          "rank",
          "account",
          "score",
          "actions",
          "boosted",
          "dollars",
          ...tokens.flatMap((t) => [`epoch ${t.symbol}`, `total ${t.symbol}`]),
        ],
        rows.map((r) => [
          r.rank ?? "",
          r.account,
          pts(r.score),
          pts(r.actionPoints),
          pts(r.boosted),
          r.dollars,
          ...r.rewards.flatMap((w, i) => [
            tokens[i].amount(w.allocation),
            tokens[i].amount(w.cumulative),
          ]),
        ]),
      ),
    );
    return result;
  }
  const r = rows[0];
  console.log(
    r.rank === null
      ? `${r.account}: no rank (no score before the epoch's end)`
      : `${r.account}: rank ${r.rank} of ${closed.summary.participants}`,
  );
  console.log(
    formatTable(
      ["score", "action points", "boosted", "dollars minted"],
      [[pts(r.score), pts(r.actionPoints), pts(r.boosted), r.dollars]],
    ),
  );
  console.log(
    formatTable(
      ["token", "this epoch", "cumulative", "claimed", "claimable"],
      r.rewards.map((w, i) => [
        w.symbol,
        tokens[i].amount(w.allocation),
        tokens[i].amount(w.cumulative),
        tokens[i].amount(w.claimed ?? 0n),
        tokens[i].amount(w.claimable ?? 0n),
      ]),
    ),
  );
  if (rootStatus !== "accepted" && r.rewards.some((w) => (w.claimable ?? 0n) > 0n))
    console.log(`(claimable once epoch ${closed.epoch}'s root is accepted; it is ${rootStatus})`);
  return result;
}

/** What points:me returns. */
export interface PointsMe {
  account: string;
  epoch: number;
  endTime: number;
  rank: number | null;
  participants: number;
  actions: {
    action: string;
    dapp: string;
    completions: number;
    counted: number;
    cap: number;
    perCompletion: string[];
    points: string;
  }[];
  boosts: { boost: string; kind: string; effect: string; time: number }[];
  mint: { ordinal: number; dollars: string; time: number } | null;
  actionPoints: string;
  boosted: string;
  dollars: string;
  score: string;
}

function describeBoost(b: PointsBreakdown["boosts"][number]["definition"]): string {
  return b.kind === "fixed" ? `+${b.points} points` : `×${b.numerator}/${b.denominator}`;
}

export async function pointsMe(
  hre: HardhatRuntimeEnvironment,
  args: { season: string; account: string; epoch?: number; json: boolean },
): Promise<PointsMe> {
  const account = addressArg(hre, "account", args.account).toLowerCase();
  const deployed = await loadDeployedSeason(hre, args.season);
  const closed = closedEpoch(hre, deployed, args.epoch);
  const eventsFile = eventsFileOf(hre);
  if (!fs.existsSync(eventsFile))
    throw new TaskError(`${eventsFile} is missing: run epoch:close (it exports the events) first`);
  const row = (
    await reading(closed, () => findScoreLines(path.join(closed.dir, "scores.csv"), [account]))
  ).get(account);
  const anomaliesFile = path.join(closed.dir, "anomalies.json");
  const dropped = await reading(closed, async () =>
    droppedRecords(
      fs.existsSync(anomaliesFile) ? fs.readFileSync(anomaliesFile, "utf8") : undefined,
    ),
  );
  const b = await withContext(eventsFile, async () =>
    pointsBreakdown(
      deployed.season,
      closed.epoch,
      account,
      (await readAccountEvents(eventsFile, account)).filter((e) => isCounted(e, dropped)),
    ),
  );
  const expected = row ?? { scoreUnits: 0n, actionUnits: 0n, boostedUnits: 0n, dollars: 0n };
  if (!matchesScoreRow(b, expected))
    throw new TaskError(
      `${eventsFile} gives ${hre.ethers.getAddress(account)} a score of ${formatPoints(b.scoreUnits)} in epoch ${closed.epoch} but ` +
        `${closed.dir}/scores.csv says ${formatPoints(expected.scoreUnits)}: the events changed since the epoch was closed (run epoch:close --epoch ${closed.epoch} again)`,
    );

  const result: PointsMe = {
    account: hre.ethers.getAddress(account),
    epoch: closed.epoch,
    endTime: b.endTime,
    rank: row && row.rank > 0 ? row.rank : null,
    participants: closed.summary.participants,
    actions: b.actions.map((a) => ({
      action: a.action,
      dapp: a.dapp,
      completions: a.completions,
      counted: a.counted,
      cap: a.cap,
      perCompletion: a.perCompletion.map(unitsToPoints),
      points: unitsToPoints(a.units),
    })),
    boosts: b.boosts.map((x) => ({
      boost: x.boost,
      kind: x.definition.kind,
      effect: describeBoost(x.definition),
      time: x.time,
    })),
    mint: b.mint
      ? { ordinal: b.mint.ordinal, dollars: b.mint.dollars.toString(), time: b.mint.time }
      : null,
    actionPoints: unitsToPoints(b.actionUnits),
    boosted: unitsToPoints(b.boostedUnits),
    dollars: b.dollars.toString(),
    score: unitsToPoints(b.scoreUnits),
  };
  if (args.json) {
    console.log(toJson(result));
    return result;
  }
  console.log(
    `${result.account} in epoch ${closed.epoch} of '${closed.summary.season}' (events before ${isoTime(b.endTime)})`,
  );
  if (b.actions.length === 0) console.log("no action counted");
  else {
    const perCompletion = (list: bigint[]) => {
      const shown = list.slice(0, 6).map(formatPoints).join(", ");
      return list.length > 6 ? `${shown}, … (${list.length})` : shown;
    };
    console.log(
      formatTable(
        ["action", "dApp", "done", "counted", "cap", "points per completion", "points"],
        b.actions.map((a) => [
          a.action,
          a.dapp,
          a.completions,
          a.counted,
          a.cap,
          perCompletion(a.perCompletion),
          formatPoints(a.units),
        ]),
      ),
    );
  }
  if (b.boosts.length > 0)
    console.log(
      formatTable(
        ["boost", "effect", "earned"],
        b.boosts.map((x) => [x.boost, describeBoost(x.definition), isoTime(x.time)]),
      ),
    );
  const lines: [string, string][] = [
    ["action points", formatPoints(b.actionUnits)],
    [
      "boosted",
      `${formatPoints(b.boostedUnits)}${b.boosts.length > 0 ? ` (×${b.effect.numerator}/${b.effect.denominator}, +${formatPoints(b.effect.fixedUnits)})` : ""}`,
    ],
    [
      "dollar floor",
      b.mint ? `${b.dollars} (mint #${b.mint.ordinal} at ${isoTime(b.mint.time)})` : "0 (no mint)",
    ],
    [
      "score",
      `${formatPoints(b.scoreUnits)} = max(boosted, dollars)${b.scoreUnits > b.boostedUnits ? ": the dollar floor wins" : ""}`,
    ],
    ["rank", result.rank === null ? "unranked" : `${result.rank} of ${result.participants}`],
  ];
  const width = Math.max(...lines.map(([k]) => k.length));
  for (const [k, v] of lines) console.log(`${k.padEnd(width)}  ${v}`);
  return result;
}
