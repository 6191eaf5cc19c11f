import { describe, expect, it } from "vitest";
import { OPEN_TIER } from "../mint/tiers";
import { seasonAnalytics } from "./analytics";
import { renderReportHtml, renderReportText, type SeasonReport } from "./season-report";

const report: SeasonReport = {
  title: "Season 1 <demo>",
  network: "hardhat",
  participants: 3,
  epoch: 2,
  tiers: [
    { tier: 1, ordinals: "1–2", dollars: "10,000", claims: 2 },
    { tier: 2, ordinals: "3+", dollars: "200", claims: 1 },
  ],
  scores: [10_000, 10_000, 1_200],
  ties: { sharedRanks: 1, accounts: 2, largest: { rank: 1, accounts: 2, score: "10,000" } },
  top: [
    {
      rank: 1,
      account: "0xaaa",
      score: "10000.000000",
      actionPoints: "800.000000",
      dollars: "10000",
    },
    {
      rank: 1,
      account: "0xbbb",
      score: "10000.000000",
      actionPoints: "0.000000",
      dollars: "10000",
    },
    {
      rank: 3,
      account: "0xccc",
      score: "1200.000000",
      actionPoints: "1200.000000",
      dollars: "200",
    },
  ],
  rewardCurves: [
    {
      token: "tUSDC",
      points: [
        { rank: 1, amount: 3 },
        { rank: 3, amount: 1 },
      ],
    },
  ],
  epochs: [{ epoch: 1, root: "0xroot", participants: 3, status: "accepted" }],
  rewardsPaid: [{ token: "tUSDC", amount: "7.000000", claims: 3 }],
  rewardTotals: [
    {
      token: "tUSDC",
      pool: "2,000 tUSDC",
      allocated: "2,000 tUSDC",
      funded: "2,000 tUSDC",
      claimed: "250 tUSDC",
      owed: "1,750 tUSDC",
      claimRate: "12.5%",
      claimants: 1,
      leaves: 3,
    },
  ],
  gas: [{ operation: "claim", calls: 3, averageGas: 81234.4 }],
  verification: [
    { epoch: 1, ok: true, detail: "root, dump hash and 6 proofs match" },
    { epoch: 2, ok: false, detail: "root differs" },
  ],
};

describe("season report", () => {
  it("prints every section with its rows", () => {
    const text = renderReportText(report);
    for (const heading of [
      "Mint tiers",
      "Top 10 (epoch 2)",
      "Rewards per token (pools and allocations through epoch 2)",
      "Ties",
      "Epochs",
      "Audit",
      "Rewards paid",
      "Gas per operation",
    ]) {
      expect(text).toContain(`== ${heading} ==`);
    }
    expect(text).toContain("81,234");
    expect(text).toMatch(
      /tUSDC\s+2,000 tUSDC\s+2,000 tUSDC\s+2,000 tUSDC\s+250 tUSDC\s+1,750 tUSDC\s+12\.5%/,
    );
    expect(text).toContain(
      "2 accounts share 1 rank. The largest tie: 2 accounts at rank 1 with 10,000 points",
    );
    // Every table has its header: no line of a section is an empty header row.
    for (const block of text.split("\n== ").slice(1)) {
      const lines = block.split("\n");
      expect(lines[1].trim()).not.toBe("");
    }
    expect(text).toMatch(/2\s+MISMATCH\s+root differs/);
  });

  it("writes a self-contained page: escaped text, two charts, no script or remote resource", () => {
    const html = renderReportHtml(report);
    expect(html).toContain("<title>Season 1 &lt;demo&gt;</title>");
    // Points histogram, rank curve, one reward curve; each says which epoch.
    expect(html.match(/<svg /g)).toHaveLength(3);
    for (const title of html.match(/class="chart-title">[^<]*</g)!)
      expect(title).toContain("epoch 2");
    expect(html).toContain('class="bad">epoch 2: MISMATCH');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it("ends with the extra sections it is given", () => {
    const html = renderReportHtml(report, "<h2>Riddles</h2>");
    expect(html.indexOf("<h2>Riddles</h2>")).toBeGreaterThan(html.indexOf("Gas per operation"));
    expect(html.trimEnd().endsWith("<h2>Riddles</h2>\n</body></html>")).toBe(true);
  });

  it("renders the analytics and the sybil review: charts by day, narrow console tables", () => {
    const day = 20_454 * 86_400;
    const analytics = seasonAnalytics({
      events: [
        { kind: "mint", account: "0x" + "1".repeat(40), ordinal: 1, dollars: "10", time: day },
        {
          kind: "action",
          account: "0x" + "1".repeat(40),
          action: "x.swap",
          ref: "0x" + "2".repeat(64),
          time: day + 86_400,
        },
      ],
      actions: { "x.swap": { dapp: "X", points: "10" } },
      tiers: [
        { lastOrdinal: 2n, dollars: 10n },
        { lastOrdinal: OPEN_TIER, dollars: 1n },
      ],
      transactionsPerDay: new Map([[20_454, 1_234]]),
    });
    const full: SeasonReport = {
      ...report,
      analytics,
      sybil: {
        participants: 2,
        clusters: 1,
        clustered: 3,
        flagged: 3,
        proposed: 1,
        links: { funder: 3, sweep: 3, transfer: 0, lockstep: 0 },
        hubs: [],
        top: [{ cluster: 1, accounts: 3, flagged: 3, evidence: "first gas from 0xf" }],
        decisions: [{ account: "0xa", decision: "excluded", reason: "ring", applied: false }],
        undocumented: ["0xo"],
        folder: "epochs/x/sybil",
      },
    };
    const text = renderReportText(full);
    expect(text).toContain("== Actions per dApp ==");
    expect(text).toMatch(/2026-01-01\s+1\s+1\s+1,234/);
    expect(text).not.toContain("Actions per catalog action per day");
    expect(text.indexOf("== Sybil review ==")).toBeLessThan(text.indexOf("== Sybil clusters"));
    expect(text).toMatch(/0xa\s+excluded\s+ring\s+NOT YET EXCLUDED/);
    expect(text).toMatch(/0xo\s+excluded\s+\(no decision recorded\)/);
    const html = renderReportHtml(full);
    for (const title of [
      "Tier fill",
      "Active participants per day",
      "Transactions per day",
      "Actions per dApp per day",
    ])
      expect(html).toContain(`class="chart-title">${title}`);
    expect(html).toContain("<h2>Sybil review</h2>");
    expect(html).toContain('<td class="n">1,234</td>');
    expect(html).toContain("<td>2026-01-01</td>");
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });
});
