/**
 * Building the season report (src/report's `SeasonReport`) from what a season leaves behind: the
 * last closed epoch's scores.csv and allocations.csv, the mint's claims per tier, the roots, the
 * audit results, the claims paid and the gas tally. Pure: text and numbers in, the model out.
 */
import { formatUnits } from "ethers";
import { POINT_DECIMALS, UNITS_PER_POINT } from "../engine/units";
import { formatDecimalShort } from "../format/number";
import { formatDollars, formatOrdinalRange } from "../mint/format";
import type { Tier } from "../mint/tiers";
import type { SeasonReport } from "../report/season-report";
import type { AllocationLine, ScoreLine } from "../season/epoch-files";
import type { GasRow } from "./gas";

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
  gas: readonly GasRow[];
  verification: SeasonReport["verification"];
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
    tiers: inputs.tiers.map((t, i) => ({
      tier: i + 1,
      ordinals: formatOrdinalRange(i, inputs.tiers),
      dollars: formatDollars(t.dollars),
      claims: inputs.claimsPerTier[i] ?? 0,
    })),
    scores: ranked.map((s) => Number(s.scoreUnits) / Number(UNITS_PER_POINT)),
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
    gas: inputs.gas.map((g) => ({
      operation: g.operation,
      calls: g.calls,
      averageGas: g.averageGas,
    })),
    verification: inputs.verification,
  };
}
