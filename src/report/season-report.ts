/**
 * The season report the demo prints and writes as a static page: the model, its console form and
 * its HTML form (inline SVG charts, no script, no network: viewable offline).
 */
import { formatTable } from "../format/table";
import { barChart, escapeXml, histogram, lineChart } from "./svg-chart";

export interface SeasonReport {
  title: string;
  network: string;
  participants: number;
  tiers: { tier: number; ordinals: string; dollars: string; claims: number }[];
  /** Every ranked participant's score, in points (display only). */
  scores: number[];
  top: { rank: number; account: string; score: string; actionPoints: string; dollars: string }[];
  /** Per reward token: the last epoch's allocation by rank (display units). */
  rewardCurves: { token: string; points: { rank: number; amount: number }[] }[];
  epochs: { epoch: number; root: string; participants: number; status: string }[];
  rewardsPaid: { token: string; amount: string; claims: number }[];
  gas: { operation: string; calls: number; averageGas: number }[];
  verification: { epoch: number; ok: boolean; detail: string }[];
}

/** A console section: its title between `==` marks, then its body. */
export function section(title: string, body: string): string {
  return `\n== ${title} ==\n${body}\n`;
}

/** The console form: short tables. */
export function renderReportText(report: SeasonReport): string {
  return [
    `${report.title} — network ${report.network}, ${report.participants} participants`,
    section(
      "Mint tiers",
      formatTable(
        ["tier", "ordinals", "dollars", "claims"],
        report.tiers.map((t) => [t.tier, t.ordinals, t.dollars, t.claims]),
      ),
    ),
    section(
      "Top 10",
      formatTable(
        ["rank", "account", "score", "actionPoints", "dollars"],
        report.top.slice(0, 10).map((r) => [r.rank, r.account, r.score, r.actionPoints, r.dollars]),
      ),
    ),
    section(
      "Epochs",
      formatTable(
        ["epoch", "participants", "status", "root"],
        report.epochs.map((e) => [e.epoch, e.participants, e.status, e.root]),
      ),
    ),
    section(
      "Audit",
      formatTable(
        ["epoch", "result", "detail"],
        report.verification.map((v) => [v.epoch, v.ok ? "verified" : "MISMATCH", v.detail]),
      ),
    ),
    section(
      "Rewards paid",
      formatTable(
        ["token", "amount", "claims"],
        report.rewardsPaid.map((r) => [r.token, r.amount, r.claims]),
      ),
    ),
    section(
      "Gas per operation",
      formatTable(
        ["operation", "calls", "average gas"],
        report.gas.map((g) => [
          g.operation,
          g.calls,
          Math.round(g.averageGas).toLocaleString("en-US"),
        ]),
      ),
    ),
  ].join("");
}

/** An HTML table, every cell escaped; no `<thead>` without a header. */
export function htmlTable(header: string[] | undefined, rows: (string | number)[][]): string {
  const head = header
    ? `<thead><tr>${header.map((h) => `<th>${escapeXml(h)}</th>`).join("")}</tr></thead>`
    : "";
  const body = rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeXml(String(c))}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table>${head}<tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:980px;color:#1d2330;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #dde;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.2rem .7rem;border-bottom:1px solid #eef;text-align:left}
td{font-variant-numeric:tabular-nums}.ok{color:#17803d}.bad{color:#b42318;font-weight:600}
.chart text{font-size:11px;fill:#556}.chart .grid{stroke:#e6e8ef}.chart .bar{fill:#4f6bed}
.chart .line{fill:none;stroke:#e8590c;stroke-width:2}figure{margin:1rem 0}`;

/**
 * The static page: tables, a points histogram and one reward curve per token, then `extraHtml`
 * (further sections, already escaped) before the page ends.
 */
export function renderReportHtml(report: SeasonReport, extraHtml = ""): string {
  const size = { width: 900, height: 300 };
  const pointsChart = barChart(histogram(report.scores, 20), {
    ...size,
    title: "Points distribution (participants per score bucket)",
    yLabel: "participants",
  });
  const curves = report.rewardCurves
    .map(
      (c) =>
        `<figure>${lineChart(
          c.points.map((p) => ({ x: p.rank, y: p.amount })),
          { ...size, title: `Reward curve — ${c.token}`, xLabel: "rank", yLabel: c.token },
        )}<figcaption>Last epoch's allocation of ${escapeXml(c.token)} by rank</figcaption></figure>`,
    )
    .join("\n");
  const verification = report.verification
    .map(
      (v) =>
        `<li class="${v.ok ? "ok" : "bad"}">epoch ${v.epoch}: ${v.ok ? "verified" : "MISMATCH"} — ${escapeXml(v.detail)}</li>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(report.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body>
<h1>${escapeXml(report.title)}</h1>
<p>Network <code>${escapeXml(report.network)}</code> · ${report.participants} participants</p>
<h2>Audit</h2><ul>${verification}</ul>
<h2>Mint tiers</h2>
${htmlTable(
  ["tier", "ordinals", "dollars", "claims"],
  report.tiers.map((t) => [t.tier, t.ordinals, t.dollars, t.claims]),
)}
<h2>Points distribution</h2>
<figure>${pointsChart}</figure>
<h2>Top 10</h2>
${htmlTable(
  ["rank", "account", "score", "action points", "dollars"],
  report.top.slice(0, 10).map((r) => [r.rank, r.account, r.score, r.actionPoints, r.dollars]),
)}
<h2>Rewards</h2>
${curves}
${htmlTable(
  ["epoch", "participants", "status", "root"],
  report.epochs.map((e) => [e.epoch, e.participants, e.status, e.root]),
)}
${htmlTable(
  ["token", "paid", "claims"],
  report.rewardsPaid.map((r) => [r.token, r.amount, r.claims]),
)}
<h2>Gas per operation</h2>
${htmlTable(
  ["operation", "calls", "average gas"],
  report.gas.map((g) => [g.operation, g.calls, Math.round(g.averageGas).toLocaleString("en-US")]),
)}
${extraHtml}
</body></html>
`;
}
