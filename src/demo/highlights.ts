/**
 * What the demo shows beside the season report: the run at a glance (transactions, relayed
 * events, the "twist"), the points distribution as numbers and a text histogram, activity per
 * catalog action, the riddles, and where the time went. Rendered as text sections for the console
 * and as HTML sections added to the report page (src/report renders the rest).
 */
import { dollarsToUnits } from "../engine/units";
import { formatTable } from "../format/table";
import { htmlTable, keyValues, section } from "../report/season-report";
import { histogram } from "../report/svg-chart";
import type { ScoreLine } from "../season/epoch-files";
import { formatPointsShort } from "../report/build";

/** One riddle of the run: its boost, the commitments made, right and wrong, and boosts earned. */
export interface RiddleStats {
  key: string;
  boost: string;
  committed: number;
  right: number;
  wrong: number;
  earned: number;
}

export interface DemoHighlights {
  glance: { label: string; value: string }[];
  /** Score percentiles of ranked participants. */
  distribution: { statistic: string; points: string }[];
  /** Ranked participants' scores in points (for the histogram; display only). */
  scores: number[];
  activity: { action: string; records: number; participants: number }[];
  riddles: RiddleStats[];
  timings: { phase: string; seconds: number }[];
}

/**
 * Nearest-rank percentiles of exact values: for each p in [0, 100], the smallest value with at
 * least p% of the values at or below it (p = 0 gives the minimum).
 */
export function percentiles(values: readonly bigint[], ps: readonly number[]): bigint[] {
  if (values.length === 0) throw new Error("percentiles of an empty list");
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return ps.map((p) => {
    if (!(p >= 0 && p <= 100)) throw new Error(`percentile ${p} is not between 0 and 100`);
    const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
    return sorted[rank - 1];
  });
}

const STATISTICS: readonly [string, number][] = [
  ["minimum", 0],
  ["25th percentile", 25],
  ["median", 50],
  ["75th percentile", 75],
  ["90th percentile", 90],
  ["99th percentile", 99],
  ["maximum", 100],
];

/** The distribution rows of ranked participants' scores. */
export function scoreDistribution(scores: readonly ScoreLine[]): DemoHighlights["distribution"] {
  const ranked = scores.filter((s) => s.rank > 0).map((s) => s.scoreUnits);
  if (ranked.length === 0) return [];
  const values = percentiles(
    ranked,
    STATISTICS.map(([, p]) => p),
  );
  const mean = ranked.reduce((a, b) => a + b, 0n) / BigInt(ranked.length);
  return [
    ...STATISTICS.map(([statistic], i) => ({ statistic, points: formatPointsShort(values[i], 2) })),
    { statistic: "mean", points: formatPointsShort(mean, 2) },
  ];
}

/**
 * Participants whose score is their minted dollars because those exceed their boosted points
 * (SPEC §2's "twist": $1 = 1 point replaces smaller points).
 */
export function dollarFloorCount(scores: readonly ScoreLine[]): number {
  return scores.filter((s) => s.rank > 0 && s.boostedUnits < dollarsToUnits(s.dollars)).length;
}

/** Counts action lines of events.ndjson per catalog key (distinct refs) and distinct accounts. */
export function activityOf(eventsNdjson: string): DemoHighlights["activity"] {
  const refs = new Set<string>();
  const byAction = new Map<string, { records: number; accounts: Set<string> }>();
  for (const line of eventsNdjson.split("\n")) {
    if (line === "") continue;
    const e = JSON.parse(line) as { kind: string; action?: string; account: string; ref?: string };
    if (e.kind !== "action" || e.action === undefined || e.ref === undefined) continue;
    if (refs.has(e.ref)) continue; // counted once, as the engine does
    refs.add(e.ref);
    const row = byAction.get(e.action) ?? { records: 0, accounts: new Set<string>() };
    row.records++;
    row.accounts.add(e.account.toLowerCase());
    byAction.set(e.action, row);
  }
  return [...byAction.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([action, r]) => ({ action, records: r.records, participants: r.accounts.size }));
}

/** A text histogram: one line per bucket, bars scaled to `width` characters. */
export function textHistogram(values: readonly number[], buckets = 10, width = 40): string {
  const bars = histogram([...values], buckets);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const labelWidth = Math.max(...bars.map((b) => b.label.length));
  return bars
    .map(
      (b) =>
        `${b.label.padStart(labelWidth)} | ${"#".repeat(Math.round((b.value / max) * width)).padEnd(width)} ${b.value}`,
    )
    .join("\n");
}

/**
 * The console sections the demo adds to the season report (activity and riddles are the report's
 * own sections, from the chain; the simulation's tallies stay in the JSON).
 */
export function renderHighlightsText(h: DemoHighlights): string {
  return [
    section("At a glance", keyValues(h.glance.map((g) => [g.label, g.value]))),
    section(
      "Points distribution (ranked participants)",
      `${formatTable(
        ["statistic", "points"],
        h.distribution.map((d) => [d.statistic, d.points]),
      )}\n\n${textHistogram(h.scores)}`,
    ),
    section(
      "Time per phase",
      formatTable(
        ["phase", "seconds"],
        h.timings.map((t) => [t.phase, t.seconds.toFixed(1)]),
      ),
    ),
  ].join("");
}

/** The same sections as HTML. */
export function renderHighlightsHtml(h: DemoHighlights): string {
  return [
    `<h2>At a glance</h2>`,
    htmlTable(
      undefined,
      h.glance.map((g) => [g.label, g.value]),
    ),
    `<h2>Score statistics</h2>`,
    htmlTable(
      ["statistic", "points"],
      h.distribution.map((d) => [d.statistic, d.points]),
    ),
    `<h2>Time per phase</h2>`,
    htmlTable(
      ["phase", "seconds"],
      h.timings.map((t) => [t.phase, t.seconds.toFixed(1)]),
    ),
  ].join("\n");
}
