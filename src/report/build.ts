/**
 * Building the season report (`SeasonReport`) from what a season leaves behind: the last closed
 * epoch's scores.csv and allocations.csv, the mint's claims per tier, the roots, the reward
 * totals, the analytics of the exported events, the sybil review, the audit results, the claims
 * paid and (the demo) the gas tally. Pure: text and numbers in, the model out. `season:report`
 * and the demo both build their report here.
 */
import { formatUnits } from "ethers";
import { POINT_DECIMALS, UNITS_PER_POINT } from "../engine/units";
import { formatDecimalShort } from "../format/number";
import { formatDollars, formatOrdinalRange } from "../mint/format";
import type { Tier } from "../mint/tiers";
import type { SeasonAnalytics } from "./analytics";
import type { RewardTotalsRow, SeasonReport, SybilSection, TieStats } from "./season-report";
import type { AllocationLine, ScoreLine } from "../season/epoch-files";
import type { GasRow } from "../demo/gas";

/**
 * Points for people: "12,345.5", "500"; at most `places` decimals (default: all six, exact),
 * rounded down, trailing zeros dropped.
 */
export function formatPointsShort(units: bigint, places = POINT_DECIMALS): string {
  return formatDecimalShort(units, POINT_DECIMALS, places);
}

/** A token amount for people: whole tokens, digits grouped, at most `places` decimals (rounded down). */
export function formatTokenAmountShort(amount: bigint, decimals: number, places = 4): string {
  return formatDecimalShort(amount, decimals, places);
}

export interface TokenInfo {
  symbol: string;
  decimals: number;
}

export interface ReportInputs {
  title: string;
  network: string;
  participants: number;
  /** The epoch of `scores` and `allocations` (0: none closed yet). */
  epoch: number;
  tiers: readonly Tier[];
  /** Claims per tier index, from the mint's Claimed events. */
  claimsPerTier: readonly number[];
  /** The last closed epoch's files. */
  scores: readonly ScoreLine[];
  allocations: readonly AllocationLine[];
  /** Reward tokens by lowercase address. */
  tokens: ReadonlyMap<string, TokenInfo>;
  epochs: SeasonReport["epochs"];
  /** Paid by the distributor's claims, per token address. */
  paid: readonly { token: string; amount: bigint; claims: number }[];
  /** Per reward token, in its smallest unit: pools and allocations through `epoch`, funding and claims. */
  rewardTotals?: readonly RewardTotalsInput[];
  gas: readonly GasRow[];
  verification: SeasonReport["verification"];
  analytics?: SeasonAnalytics;
  sybil?: SybilSection;
}

export interface RewardTotalsInput {
  token: string;
  pool: bigint;
  allocated: bigint;
  funded: bigint;
  claimed: bigint;
  claimants: number;
  leaves: number;
}

/** Shared ranks of a ranking (scores.csv rows, ranked, in rank order). */
export function tieStats(ranked: readonly ScoreLine[]): TieStats {
  const byRank = new Map<number, ScoreLine[]>();
  for (const s of ranked) {
    const list = byRank.get(s.rank);
    if (list) list.push(s);
    else byRank.set(s.rank, [s]);
  }
  const shared = [...byRank.entries()].filter(([, l]) => l.length > 1);
  const largest = shared.reduce<[number, ScoreLine[]] | undefined>(
    (best, e) => (!best || e[1].length > best[1].length ? e : best),
    undefined,
  );
  return {
    sharedRanks: shared.length,
    accounts: shared.reduce((n, [, l]) => n + l.length, 0),
    ...(largest
      ? {
          largest: {
            rank: largest[0],
            accounts: largest[1].length,
            score: formatPointsShort(largest[1][0].scoreUnits, 2),
          },
        }
      : {}),
  };
}

/** A reward token's row: amounts in whole tokens, still owed = allocated − claimed. */
export function rewardTotalsRow(t: RewardTotalsInput, info: TokenInfo): RewardTotalsRow {
  const amount = (x: bigint) => `${formatTokenAmountShort(x, info.decimals)} ${info.symbol}`;
  const owed = t.allocated > t.claimed ? t.allocated - t.claimed : 0n;
  // One decimal of a percentage, rounded down, exactly.
  const rate =
    t.allocated === 0n ? "–" : `${formatDecimalShort((t.claimed * 1000n) / t.allocated, 1, 1)}%`;
  return {
    token: info.symbol,
    pool: amount(t.pool),
    allocated: amount(t.allocated),
    funded: amount(t.funded),
    claimed: amount(t.claimed),
    owed: amount(owed),
    claimRate: rate,
    claimants: t.claimants,
    leaves: t.leaves,
  };
}

function tokenInfo(tokens: ReadonlyMap<string, TokenInfo>, token: string): TokenInfo {
  const info = tokens.get(token.toLowerCase());
  if (!info) throw new Error(`no symbol and decimals for reward token ${token}`);
  return info;
}

/** The season report's model. */
export function buildSeasonReport(inputs: ReportInputs): SeasonReport {
  if (inputs.claimsPerTier.length > inputs.tiers.length) {
    throw new Error(
      `claims for ${inputs.claimsPerTier.length} tiers, but the table has ${inputs.tiers.length}`,
    );
  }
  const ranked = inputs.scores.filter((s) => s.rank > 0);
  const rankOf = new Map(ranked.map((s) => [s.account, s.rank]));
  const byToken = new Map<string, { rank: number; amount: number }[]>();
  for (const a of inputs.allocations) {
    const rank = rankOf.get(a.account);
    if (rank === undefined || a.allocation === 0n) continue;
    const { decimals } = tokenInfo(inputs.tokens, a.token);
    const points = byToken.get(a.token) ?? [];
    points.push({ rank, amount: Number(formatUnits(a.allocation, decimals)) });
    byToken.set(a.token, points);
  }
  return {
    title: inputs.title,
    network: inputs.network,
    participants: inputs.participants,
    epoch: inputs.epoch,
    tiers: inputs.tiers.map((t, i) => ({
      tier: i + 1,
      ordinals: formatOrdinalRange(i, inputs.tiers),
      dollars: formatDollars(t.dollars),
      claims: inputs.claimsPerTier[i] ?? 0,
    })),
    scores: ranked.map((s) => Number(s.scoreUnits) / Number(UNITS_PER_POINT)),
    ties: tieStats(ranked),
    top: ranked.slice(0, 10).map((s) => ({
      rank: s.rank,
      account: s.account,
      score: formatPointsShort(s.scoreUnits, 2),
      actionPoints: formatPointsShort(s.actionUnits, 2),
      dollars: formatDollars(s.dollars),
    })),
    rewardCurves: [...byToken.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([token, points]) => ({
        token: tokenInfo(inputs.tokens, token).symbol,
        points: points.sort((x, y) => x.rank - y.rank || y.amount - x.amount),
      })),
    epochs: inputs.epochs,
    rewardsPaid: inputs.paid.map((p) => {
      const info = tokenInfo(inputs.tokens, p.token);
      return {
        token: info.symbol,
        amount: formatTokenAmountShort(p.amount, info.decimals),
        claims: p.claims,
      };
    }),
    rewardTotals: (inputs.rewardTotals ?? []).map((t) =>
      rewardTotalsRow(t, tokenInfo(inputs.tokens, t.token)),
    ),
    gas: inputs.gas.map((g) => ({
      operation: g.operation,
      calls: g.calls,
      averageGas: g.averageGas,
    })),
    verification: inputs.verification,
    ...(inputs.analytics ? { analytics: inputs.analytics } : {}),
    ...(inputs.sybil ? { sybil: inputs.sybil } : {}),
  };
}
