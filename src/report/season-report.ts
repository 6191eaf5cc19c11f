/**
 * The season report: its model, its console form and its HTML form (inline SVG charts, no script,
 * no network: viewable offline). `season:report` and the demo build the same model
 * (src/report/build.ts) and render it here. Every number meant for people has its digits grouped
 * (1,000); every chart built from an epoch's files says which epoch.
 */
import { formatTable } from "../format/table";
import type { SeasonAnalytics } from "./analytics";
import { barChart, escapeXml, groupNumber, histogram, lineChart } from "./svg-chart";

export interface TieStats {
  /** Ranks shared by two or more accounts. */
  sharedRanks: number;
  /** Accounts on a shared rank. */
  accounts: number;
  /** The largest group of equal scores. */
  largest?: { rank: number; accounts: number; score: string };
}

export interface RewardTotalsRow {
  token: string;
  pool: string;
  allocated: string;
  funded: string;
  claimed: string;
  owed: string;
  /** claimed / allocated, "12.5%". */
  claimRate: string;
  claimants: number;
  leaves: number;
}

export interface SybilSection {
  participants: number;
  clusters: number;
  clustered: number;
  flagged: number;
  /** Flagged, not yet decided, not yet excluded. */
  proposed: number;
  links: Record<string, number>;
  hubs: { address: string; kind: string; participants: number }[];
  /** The biggest clusters: their size, flagged members and one member's evidence. */
  top: { cluster: number; accounts: number; flagged: number; evidence: string }[];
  decisions: { account: string; decision: string; reason: string; applied: boolean }[];
  /** In the season file's exclude without a recorded decision. */
  undocumented: string[];
  /** Where the files are. */
  folder: string;
}

export interface SeasonReport {
  title: string;
  network: string;
  participants: number;
  /** The epoch whose files give the scores, top 10 and curves (0: none closed yet). */
  epoch: number;
  tiers: { tier: number; ordinals: string; dollars: string; claims: number }[];
  /** Every ranked participant's score, in points, best first (display only). */
  scores: number[];
  ties: TieStats;
  top: { rank: number; account: string; score: string; actionPoints: string; dollars: string }[];
  /** Per reward token: the epoch's allocation by rank (display units). */
  rewardCurves: { token: string; points: { rank: number; amount: number }[] }[];
  epochs: { epoch: number; root: string; participants: number; status: string }[];
  rewardsPaid: { token: string; amount: string; claims: number }[];
  rewardTotals: RewardTotalsRow[];
  gas: { operation: string; calls: number; averageGas: number }[];
  verification: { epoch: number; ok: boolean; detail: string }[];
  analytics?: SeasonAnalytics;
  sybil?: SybilSection;
}

/** A console section: its title between `==` marks, then its body. */
export function section(title: string, body: string): string {
  return `\n== ${title} ==\n${body}\n`;
}

/** `label: value` lines, labels aligned (a table without a header). */
export function keyValues(rows: readonly [string, string][]): string {
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${`${k}:`.padEnd(width + 1)}  ${v}`).join("\n");
}

const g = (n: number) => groupNumber(n);
const pct = (part: number, whole: number) =>
  whole === 0 ? "–" : `${groupNumber((part * 100) / whole, 1)}%`;
const epochLabel = (r: SeasonReport) => (r.epoch > 0 ? `epoch ${r.epoch}` : "no epoch closed");

/** Why right answers, exported boosts and counted boosts can differ. */
export const RIDDLE_NOTE =
  "Answers are commitments on the riddle board; right = boosts the board granted (a correct answer revealed in time); " +
  "wrong = answers − right (a wrong answer, or one never revealed); exported = boosts of accounts the season counts " +
  "(the season file's exclude list is never exported); counted = exported boosts earned before the report's epoch ended. " +
  "A boost counts once per account.";

export function tieNote(r: SeasonReport): string {
  const t = r.ties;
  const base =
    "Equal scores share a competition rank (1, 2, 2, 4) and, on the rank-linear curve, the same reward; address order only breaks ties for display.";
  if (r.epoch === 0) return `${base} No epoch is closed yet.`;
  if (t.sharedRanks === 0) return `${base} In ${epochLabel(r)} no two ranked accounts tie.`;
  const largest = t.largest
    ? ` The largest tie: ${g(t.largest.accounts)} accounts at rank ${g(t.largest.rank)} with ${t.largest.score} points.`
    : "";
  return `${base} In ${epochLabel(r)}, ${g(t.accounts)} accounts share ${g(t.sharedRanks)} rank${t.sharedRanks === 1 ? "" : "s"}.${largest}`;
}

interface Table {
  title: string;
  header: string[];
  rows: (string | number)[][];
}

const cell = (c: string | number) => (typeof c === "number" ? g(c) : c);

/** The report's tables, in order (both forms render them). */
function tables(r: SeasonReport): Table[] {
  const a = r.analytics;
  const out: Table[] = [];
  out.push({
    title: "Mint tiers",
    header: ["tier", "ordinals", "dollars", "claims"],
    rows: r.tiers.map((t) => [t.tier, t.ordinals, t.dollars, t.claims]),
  });
  if (a) {
    out.push({
      title: "Joins per tier per day",
      header: ["day", ...a.mint.tiers.map((t) => `tier ${t.tier}`), "all"],
      rows: a.days.map((d, i) => [
        d,
        ...a.mint.tiers.map((t) => t.joins.perDay[i]),
        a.mint.tiers.reduce((s, t) => s + t.joins.perDay[i], 0),
      ]),
    });
    out.push({
      title: "Activity per day",
      header: [
        "day",
        "active",
        "active in 7 days",
        "transactions",
        ...a.activity.perDapp.map((p) => `${p.dapp} actions (participants)`),
      ],
      rows: a.days.map((d, i) => [
        d,
        a.activity.dau[i],
        a.activity.wau[i],
        a.activity.transactions ? a.activity.transactions.perDay[i] : "–",
        ...a.activity.perDapp.map((p) => `${g(p.actions.perDay[i])} (${g(p.participants[i])})`),
      ]),
    });
    out.push({
      title: "Actions per catalog action per day",
      header: ["action", "dApp", "actions", "participants", ...a.days.map((d) => d.slice(5))],
      rows: a.activity.perAction.map((p) => [
        p.action,
        p.dapp,
        p.actions.total,
        p.unique,
        ...p.actions.perDay,
      ]),
    });
    out.push({
      title: "Retention by join day",
      header: ["joined on", "joined", "active day 1", "active day 7"],
      rows: a.retention.cohorts.map((c) => [
        c.day,
        c.joined,
        c.day1 === null ? "not yet" : `${g(c.day1)} (${pct(c.day1, c.joined)})`,
        c.day7 === null ? "not yet" : `${g(c.day7)} (${pct(c.day7, c.joined)})`,
      ]),
    });
    out.push({
      title: "Funnel",
      header: ["step", "participants", "of joined"],
      rows: a.retention.funnel.map((f) => [
        f.step,
        f.participants,
        pct(f.participants, a.retention.funnel[0]?.participants ?? 0),
      ]),
    });
    out.push({
      title: "Decay and caps (every completion exported)",
      header: [
        "action",
        "earning completions",
        "completions",
        "past the 5th repeat",
        "past the cap (worth 0)",
        "participants at the cap",
      ],
      rows: a.decay.actions.map((d) => [
        d.action,
        d.cap,
        d.completions,
        d.pastFifth,
        d.pastCap,
        d.atCap,
      ]),
    });
  }
  out.push({
    title: `Top 10 (${epochLabel(r)})`,
    header: ["rank", "account", "score", "action points", "dollars"],
    rows: r.top.slice(0, 10).map((t) => [t.rank, t.account, t.score, t.actionPoints, t.dollars]),
  });
  out.push({
    title: "Epochs",
    header: ["epoch", "ranked", "status", "root"],
    rows: r.epochs.map((e) => [e.epoch, e.participants, e.status, e.root]),
  });
  if (r.rewardTotals.length)
    out.push({
      title: `Rewards per token (pools and allocations through ${epochLabel(r)})`,
      header: [
        "token",
        "pool",
        "allocated",
        "funded",
        "claimed",
        "still owed",
        "claim rate",
        "claimants",
        "leaves",
      ],
      rows: r.rewardTotals.map((t) => [
        t.token,
        t.pool,
        t.allocated,
        t.funded,
        t.claimed,
        t.owed,
        t.claimRate,
        t.claimants,
        t.leaves,
      ]),
    });
  if (r.rewardsPaid.length)
    out.push({
      title: "Rewards paid",
      header: ["token", "paid", "claims"],
      rows: r.rewardsPaid.map((p) => [p.token, p.amount, p.claims]),
    });
  if (a && a.riddles.length)
    out.push({
      title: "Riddles",
      header: [
        "riddle",
        "answers",
        "right",
        "wrong or unrevealed",
        "boosts exported",
        `boosts counted (${epochLabel(r)})`,
      ],
      rows: a.riddles.map((q) => [
        q.key,
        q.answers ?? "–",
        q.right ?? "–",
        q.wrong ?? "–",
        q.exported,
        q.counted,
      ]),
    });
  if (r.sybil) {
    out.push({
      title: "Sybil clusters (largest first)",
      header: ["cluster", "accounts", "flagged", "evidence (one member)"],
      rows: r.sybil.top.map((c) => [c.cluster, c.accounts, c.flagged, c.evidence]),
    });
    out.push({
      title: "Exclusion decisions",
      header: ["account", "decision", "reason", "in the season file"],
      rows: [
        ...r.sybil.decisions.map((d) => [
          d.account,
          d.decision,
          d.reason,
          d.applied
            ? d.decision === "excluded"
              ? "excluded"
              : "not excluded"
            : d.decision === "excluded"
              ? "NOT YET EXCLUDED"
              : "STILL EXCLUDED",
        ]),
        ...r.sybil.undocumented.map((a) => [a, "excluded", "(no decision recorded)", "excluded"]),
      ],
    });
  }
  if (r.verification.length)
    out.push({
      title: "Audit",
      header: ["epoch", "result", "detail"],
      rows: r.verification.map((v) => [v.epoch, v.ok ? "verified" : "MISMATCH", v.detail]),
    });
  if (r.gas.length)
    out.push({
      title: "Gas per operation",
      header: ["operation", "calls", "average gas"],
      rows: r.gas.map((x) => [x.operation, x.calls, Math.round(x.averageGas)]),
    });
  return out;
}

function sybilSummary(s: SybilSection): [string, string][] {
  return [
    ["participants examined", g(s.participants)],
    ["clusters", `${g(s.clusters)} (${g(s.clustered)} accounts)`],
    [
      "flagged for review",
      `${g(s.flagged)} (${pct(s.flagged, s.participants)}); ${g(s.proposed)} still to decide`,
    ],
    [
      "evidence links",
      Object.entries(s.links)
        .map(([k, v]) => `${k} ${g(v)}`)
        .join(", "),
    ],
    [
      "hubs not used as evidence",
      s.hubs.length
        ? s.hubs
            .map((h) => `${h.address} (${h.kind}, ${g(h.participants)} participants)`)
            .join("; ")
        : "none",
    ],
    ["files", s.folder],
  ];
}

/** The console form: the tables (the per-action-per-day one left to the page and the JSON). */
export function renderReportText(report: SeasonReport): string {
  const head = `${report.title} — network ${report.network}, ${g(report.participants)} participants, scores of ${epochLabel(report)}`;
  const out = [head];
  const a = report.analytics;
  for (const t of tables(report)) {
    if (t.title === "Actions per catalog action per day") continue;
    if (t.title === "Activity per day" && a) {
      // The console is narrow: the days, then the dApps' totals.
      out.push(
        section(
          t.title,
          formatTable(
            t.header.slice(0, 4),
            t.rows.map((row) => row.slice(0, 4).map(cell)),
          ),
        ),
        section(
          "Actions per dApp",
          formatTable(
            ["dApp", "actions", "participants"],
            a.activity.perDapp.map((p) => [p.dapp, g(p.actions.total), g(p.unique)]),
          ),
        ),
      );
      continue;
    }
    if (t.title.startsWith("Sybil clusters") && report.sybil)
      out.push(section("Sybil review", keyValues(sybilSummary(report.sybil))));
    out.push(
      section(
        t.title,
        formatTable(
          t.header,
          t.rows.map((row) => row.map(cell)),
        ),
      ),
    );
    if (t.title.startsWith("Top 10")) out.push(section("Ties", tieNote(report)));
    if (t.title === "Riddles") out.push(section("Riddles: why the counts differ", RIDDLE_NOTE));
  }
  return out.join("");
}

/** Cells aligned right on the page: grouped numbers, percentages. */
const NUMERIC_CELL = /^[-+]?[\d,.]+%?$|^\d[\d,]* \(\d[\d,.]*%?\)$/;

/** An HTML table, every cell escaped, numbers aligned right; no `<thead>` without a header. */
export function htmlTable(header: string[] | undefined, rows: (string | number)[][]): string {
  const head = header
    ? `<thead><tr>${header.map((h) => `<th>${escapeXml(h)}</th>`).join("")}</tr></thead>`
    : "";
  const body = rows
    .map(
      (r) =>
        `<tr>${r
          .map((c) => {
            const text = String(cell(c));
            return `<td${NUMERIC_CELL.test(text) ? ' class="n"' : ""}>${escapeXml(text)}</td>`;
          })
          .join("")}</tr>`,
    )
    .join("\n");
  return `<table>${head}<tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:980px;color:#1d2330;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2.2rem;border-bottom:1px solid #dde;padding-bottom:.2rem}h3{font-size:1rem;margin:1.2rem 0 .3rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.2rem .7rem;border-bottom:1px solid #eef;text-align:left}
td{font-variant-numeric:tabular-nums}td.n{text-align:right}.ok{color:#17803d}.bad{color:#b42318;font-weight:600}.note{color:#4a5263;max-width:52rem}
.wide{overflow-x:auto}.wide table{font-size:12px}
.chart text{font-size:11px;fill:#556}.chart .chart-title{font-size:12px;font-weight:600;fill:#1d2330}.chart .axis-title{font-size:12px;fill:#1d2330}
.chart .grid{stroke:#e6e8ef}.chart .bar{fill:#4f6bed}
.chart .line{fill:none;stroke-width:2}.s0{stroke:#e8590c;fill:#e8590c}.s1{stroke:#4f6bed;fill:#4f6bed}.s2{stroke:#17803d;fill:#17803d}
.s3{stroke:#9c36b5;fill:#9c36b5}.s4{stroke:#c2255c;fill:#c2255c}.s5{stroke:#0b7285;fill:#0b7285}.chart path.line{fill:none}figure{margin:1rem 0}`;

const SIZE = { width: 900, height: 300 };

function dayTicks(days: string[]) {
  return days.map((d, i) => ({ x: i, label: d.slice(5) }));
}

function charts(r: SeasonReport): Record<string, string> {
  const a = r.analytics;
  const out: Record<string, string> = {};
  const span = a && a.days.length ? `${a.days[0]} to ${a.days[a.days.length - 1]}` : "";
  if (a && a.days.length) {
    const capped = a.mint.tiers.filter((t) => t.cap !== null);
    out.fill = lineChart(
      capped.map((t) => {
        let sum = 0;
        return {
          name: `tier ${t.tier} (${g(t.cap!)} places)`,
          points: t.joins.perDay.map((c, i) => {
            sum += c;
            return { x: i, y: (sum * 100) / t.cap! };
          }),
        };
      }),
      {
        ...SIZE,
        title: `Tier fill: share of each tier's places claimed, ${span}`,
        xLabel: "day (UTC, month-day)",
        yLabel: "% of the tier claimed",
        xTicks: dayTicks(a.days),
        yMax: 100,
      },
    );
    out.active = lineChart(
      [
        { name: "active that day", points: a.activity.dau.map((y, x) => ({ x, y })) },
        {
          name: "active in the 7 days to that day",
          points: a.activity.wau.map((y, x) => ({ x, y })),
        },
      ],
      {
        ...SIZE,
        title: `Active participants per day, ${span}`,
        xLabel: "day (UTC, month-day)",
        yLabel: "participants",
        xTicks: dayTicks(a.days),
      },
    );
    if (a.activity.transactions)
      out.transactions = barChart(
        a.activity.transactions.perDay.map((value, i) => ({ label: a.days[i].slice(5), value })),
        {
          ...SIZE,
          title: `Transactions per day on the network, ${span}`,
          xLabel: "day (UTC, month-day)",
          yLabel: "transactions",
        },
      );
    out.dapps = lineChart(
      a.activity.perDapp.map((p) => ({
        name: p.dapp,
        points: p.actions.perDay.map((y, x) => ({ x, y })),
      })),
      {
        ...SIZE,
        title: `Actions per dApp per day, ${span}`,
        xLabel: "day (UTC, month-day)",
        yLabel: "actions",
        xTicks: dayTicks(a.days),
      },
    );
  }
  const label = epochLabel(r);
  out.histogram = barChart(histogram(r.scores, 20), {
    ...SIZE,
    title: `Points distribution, ${label}: ranked participants per score bucket`,
    xLabel: "score (points, bucket's lower bound)",
    yLabel: "participants",
  });
  out.rank = lineChart(
    r.scores.map((y, i) => ({ x: i + 1, y })),
    {
      ...SIZE,
      title: `Score by position in the ranking, ${label}`,
      xLabel: "position (equal scores share a rank)",
      yLabel: "score (points)",
    },
  );
  out.curves = r.rewardCurves
    .map((c) =>
      lineChart(
        c.points.map((p) => ({ x: p.rank, y: p.amount })),
        {
          ...SIZE,
          title: `Reward curve, ${label}: ${c.token} allocated by rank`,
          xLabel: "rank",
          yLabel: `${c.token} (whole tokens)`,
        },
      ),
    )
    .join("\n");
  return out;
}

const fig = (svg: string | undefined, caption = "") =>
  svg
    ? `<figure>${svg}${caption ? `<figcaption class="note">${escapeXml(caption)}</figcaption>` : ""}</figure>`
    : "";

/**
 * The static page: every section, then `extraHtml` (further sections, already escaped) before
 * the page ends.
 */
export function renderReportHtml(report: SeasonReport, extraHtml = ""): string {
  const t = new Map(tables(report).map((x) => [x.title.replace(/ \(.*$/, ""), x]));
  const tbl = (name: string, wide = false) => {
    const x = t.get(name);
    if (!x) return "";
    const html = htmlTable(x.header, x.rows);
    return wide ? `<div class="wide">${html}</div>` : html;
  };
  const h3 = (name: string) => (t.has(name) ? `<h3>${escapeXml(t.get(name)!.title)}</h3>` : "");
  const c = charts(report);
  const a = report.analytics;
  const verification = report.verification
    .map(
      (v) =>
        `<li class="${v.ok ? "ok" : "bad"}">epoch ${v.epoch}: ${v.ok ? "verified" : "MISMATCH"} — ${escapeXml(v.detail)}</li>`,
    )
    .join("");
  const parts = [
    `<h1>${escapeXml(report.title)}</h1>`,
    `<p>Network <code>${escapeXml(report.network)}</code> · ${g(report.participants)} participants · scores, top 10 and curves of ${escapeXml(epochLabel(report))}${a && a.days.length ? ` · activity ${a.days[0]} to ${a.days[a.days.length - 1]} (UTC)` : ""}</p>`,
  ];
  if (report.verification.length) parts.push(`<h2>Audit</h2><ul>${verification}</ul>`);
  parts.push(`<h2>Mint</h2>`, tbl("Mint tiers"));
  if (a) parts.push(fig(c.fill), h3("Joins per tier per day"), tbl("Joins per tier per day", true));
  if (a) {
    parts.push(
      `<h2>Activity</h2>`,
      fig(c.active),
      fig(
        c.transactions,
        "Every transaction in the network's blocks over these days (the sequencer load, the season's and others').",
      ),
      fig(c.dapps),
      h3("Activity per day"),
      tbl("Activity per day", true),
      h3("Actions per catalog action per day"),
      tbl("Actions per catalog action per day", true),
      `<h2>Retention and funnel</h2>`,
      `<p class="note">A cohort is the participants who minted on a day; day 1 and day 7 count those with any season event one and seven days later.</p>`,
      tbl("Retention by join day"),
      h3("Funnel"),
      tbl("Funnel"),
      `<h2>Decay and caps</h2>`,
      `<p class="note">The k-th completion of an action earns base × (3/4)^(k−1); an action's cap (maxRepeats, or the completion where decay reaches zero) ends what it can earn. Counted over every exported completion.</p>`,
      tbl("Decay and caps"),
    );
  }
  parts.push(
    `<h2>Points (${escapeXml(epochLabel(report))})</h2>`,
    fig(c.histogram),
    fig(c.rank),
    `<p class="note">${escapeXml(tieNote(report))}</p>`,
    h3("Top 10"),
    tbl("Top 10"),
    `<h2>Rewards</h2>`,
    c.curves,
    tbl("Rewards per token"),
    tbl("Epochs"),
    tbl("Rewards paid"),
  );
  if (t.has("Riddles"))
    parts.push(`<h2>Riddles</h2>`, tbl("Riddles"), `<p class="note">${escapeXml(RIDDLE_NOTE)}</p>`);
  if (report.sybil) {
    parts.push(
      `<h2>Sybil review</h2>`,
      `<p class="note">Clusters of participants linked by a shared first funder, a shared sweep destination, transfers between them, or near-identical action sequences within seconds. Flagged accounts are proposals for the operator's review, never excluded automatically; decisions (excluded, cleared on appeal) are recorded with their reason.</p>`,
      htmlTable(undefined, sybilSummary(report.sybil)),
      h3("Sybil clusters"),
      tbl("Sybil clusters"),
      h3("Exclusion decisions"),
      tbl("Exclusion decisions"),
    );
  }
  if (report.gas.length) parts.push(`<h2>Gas per operation</h2>`, tbl("Gas per operation"));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(report.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body>
${parts.filter((p) => p !== "").join("\n")}
${extraHtml}
</body></html>
`;
}
