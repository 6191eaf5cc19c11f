import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { computeEpoch, writeEpochOutputs, type SeasonEvent } from "../engine";
import { SEASON1_TIERS } from "../mint/season1";
import { renderReportHtml, renderReportText } from "./season-report";
import { parseSeasonFile, resolveSeason } from "../season/season-file";
import { season1SeasonFile } from "../season/season1-template";
import {
  buildSeasonReport,
  formatPointsShort,
  formatTokenAmountShort,
  rewardTotalsRow,
  type ReportInputs,
} from "./build";
import { parseAllocationsCsv, parseScoresCsv } from "../season/epoch-files";

const START = 1_767_225_600;
const REWARD = "0x00000000000000000000000000000000000000f1";
const account = (i: number) => `0x${(i + 1).toString(16).padStart(40, "0")}`;
const ref = (i: number) => `0x${(i + 1).toString(16).padStart(64, "0")}`;

/** A real epoch folder: 12 participants, the first 3 with the top tier's dollars. */
function epochFolder(): { dir: string } {
  const file = parseSeasonFile(
    season1SeasonFile({ start: START, epochSeconds: 86_400, epochs: 2, mintMode: "open" }),
  );
  const season = resolveSeason(file, () => REWARD);
  const events: SeasonEvent[] = [];
  for (let i = 0; i < 12; i++) {
    events.push({
      kind: "mint",
      account: account(i),
      ordinal: i + 1,
      dollars: i < 3 ? "10000" : "200",
      time: START + 10,
    });
    for (let k = 0; k < i; k++)
      events.push({
        kind: "action",
        account: account(i),
        action: "midas.buy-ticket",
        ref: ref(i * 100 + k),
        time: START + 20,
      });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "demo-report-"));
  writeEpochOutputs(computeEpoch({ season, epoch: 1, events }), dir);
  return { dir };
}

const { dir } = epochFolder();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const read = (f: string) => fs.readFileSync(path.join(dir, f), "utf8");

function inputs(): ReportInputs {
  return {
    title: "Season 1 demo",
    network: "hardhat",
    participants: 12,
    epoch: 1,
    tiers: SEASON1_TIERS,
    claimsPerTier: [12],
    scores: parseScoresCsv(read("scores.csv")),
    allocations: parseAllocationsCsv(read("allocations.csv")),
    tokens: new Map([[REWARD, { symbol: "tREWARD", decimals: 18 }]]),
    epochs: [{ epoch: 1, root: "0xroot", participants: 12, status: "accepted" }],
    paid: [{ token: REWARD, amount: 1_234_567_890_000_000_000_000n, claims: 3 }],
    gas: [
      {
        operation: "TieredMint.claim",
        calls: 2,
        totalGas: 3n,
        averageGas: 1.5,
        minGas: 1n,
        maxGas: 2n,
      },
    ],
    verification: [{ epoch: 1, ok: true, detail: "ok" }],
  };
}

describe("buildSeasonReport", () => {
  it("takes tiers, top 10, scores and the reward curve from the epoch's files", () => {
    const report = buildSeasonReport(inputs());
    expect(report.tiers.map((t) => [t.tier, t.ordinals, t.dollars, t.claims])).toEqual([
      [1, "1–100", "$10,000", 12],
      [2, "101–500", "$5,000", 0],
      [3, "501–2,000", "$2,000", 0],
      [4, "2,001–10,000", "$500", 0],
      [5, "10,001+", "$200", 0],
    ]);
    expect(report.scores).toHaveLength(12);
    expect(report.top).toHaveLength(10);
    // The three $10,000 minters share rank 1 (the dollar floor is their score).
    expect(report.top.slice(0, 3).map((r) => [r.rank, r.score, r.dollars])).toEqual([
      [1, "10,000", "$10,000"],
      [1, "10,000", "$10,000"],
      [1, "10,000", "$10,000"],
    ]);
    expect(report.top[3].rank).toBe(4);
    const curve = report.rewardCurves[0];
    expect(curve.token).toBe("tREWARD");
    expect(curve.points.map((p) => p.rank)).toEqual(
      [...curve.points.map((p) => p.rank)].sort((a, b) => a - b),
    );
    // Rank-linear: a better rank never gets less.
    for (let i = 1; i < curve.points.length; i++)
      expect(curve.points[i].amount).toBeLessThanOrEqual(curve.points[i - 1].amount);
    const total = curve.points.reduce((s, p) => s + p.amount, 0);
    expect(total).toBeGreaterThan(99_999);
    expect(total).toBeLessThanOrEqual(100_000.0001);
    expect(report.rewardsPaid).toEqual([{ token: "tREWARD", amount: "1,234.5678", claims: 3 }]);
    expect(report.epoch).toBe(1);
    expect(report.ties).toEqual({
      sharedRanks: 1,
      accounts: 3,
      largest: { rank: 1, accounts: 3, score: "10,000" },
    });
    expect(report.gas).toEqual([{ operation: "TieredMint.claim", calls: 2, averageGas: 1.5 }]);
  });

  it("renders through src/report (text and page)", () => {
    const report = buildSeasonReport(inputs());
    expect(renderReportText(report)).toContain("$10,000");
    expect(renderReportHtml(report)).toContain("Reward curve, epoch 1: tREWARD allocated by rank");
  });

  it("refuses a reward token it cannot name, and more tiers of claims than the table has", () => {
    expect(() => buildSeasonReport({ ...inputs(), tokens: new Map() })).toThrow(
      /no symbol and decimals/,
    );
    expect(() => buildSeasonReport({ ...inputs(), claimsPerTier: [1, 1, 1, 1, 1, 1] })).toThrow(
      /claims for 6 tiers/,
    );
  });
});

describe("reward totals", () => {
  it("gives pool, allocated, funded, claimed, owed and the claim rate in whole tokens", () => {
    const row = rewardTotalsRow(
      {
        token: REWARD,
        pool: 3_000n * 10n ** 18n,
        allocated: 2_000n * 10n ** 18n,
        funded: 2_000n * 10n ** 18n,
        claimed: 333n * 10n ** 18n,
        claimants: 4,
        leaves: 12,
      },
      { symbol: "tREWARD", decimals: 18 },
    );
    expect(row).toEqual({
      token: "tREWARD",
      pool: "3,000 tREWARD",
      allocated: "2,000 tREWARD",
      funded: "2,000 tREWARD",
      claimed: "333 tREWARD",
      owed: "1,667 tREWARD",
      claimRate: "16.6%",
      claimants: 4,
      leaves: 12,
    });
    const none = rewardTotalsRow(
      { token: REWARD, pool: 0n, allocated: 0n, funded: 0n, claimed: 0n, claimants: 0, leaves: 0 },
      { symbol: "tREWARD", decimals: 18 },
    );
    expect(none.claimRate).toBe("–");
  });

  it("reaches the report through buildSeasonReport", () => {
    const report = buildSeasonReport({
      ...inputs(),
      rewardTotals: [
        {
          token: REWARD,
          pool: 1n,
          allocated: 1n,
          funded: 1n,
          claimed: 1n,
          claimants: 1,
          leaves: 1,
        },
      ],
    });
    expect(report.rewardTotals[0].claimRate).toBe("100%");
  });
});

describe("formatting", () => {
  it("shows points exactly without trailing zeros, and token amounts rounded down", () => {
    expect(formatPointsShort(12_345_500_000n)).toBe("12,345.5");
    expect(formatPointsShort(500_000_000n)).toBe("500");
    expect(formatPointsShort(1n)).toBe("0.000001");
    expect(formatPointsShort(29_098_016_410n, 2)).toBe("29,098.01");
    expect(formatPointsShort(1n, 2)).toBe("0");
    expect(formatTokenAmountShort(1_999_999n, 6, 2)).toBe("1.99");
    expect(formatTokenAmountShort(10n ** 24n, 18)).toBe("1,000,000");
  });
});
