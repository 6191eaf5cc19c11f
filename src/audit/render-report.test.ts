import { describe, expect, it } from "vitest";
import type { AuditReport } from "./audit-epoch";
import { renderAuditJson, renderAuditText, TEXT_LISTED_PER_CODE } from "./render-report";

const base: AuditReport = {
  version: 1,
  ok: true,
  season: "Season 1",
  network: "localhost",
  chainId: "31337",
  epoch: 2,
  endTime: 1_700_000_000,
  distributor: "0xd15d15d15d15d15d15d15d15d15d15d15d15d15d",
  exportedTo: { block: 99, time: 1_700_000_100 },
  onChain: {
    status: "pending",
    root: "0xr",
    dataHash: "0xh",
    validAt: 1_700_003_600,
    publishedInBlock: 90,
    acceptedEpoch: 1,
  },
  dump: {
    source: "https://x/tree.json",
    bytes: 1234,
    dataHash: "0xh",
    root: "0xr",
    leaves: 3,
    proofsChecked: 3,
    proofsVerifiedPlainly: 3,
  },
  recomputed: {
    root: "0xr",
    dataHash: "0xh",
    leaves: 3,
    participants: 3,
    anomalies: 1,
    folder: "/tmp/w/epoch-2",
  },
  checks: [{ name: "published", result: "ok", detail: "pending" }],
  totals: [
    {
      token: "0x11",
      symbol: "tREWARD",
      cumulative: "10",
      claimed: "0",
      outstanding: "10",
      balance: "10",
      fits: true,
    },
  ],
  differences: [],
  differenceCounts: {},
  notes: ["the root is pending"],
};

describe("renderAuditText", () => {
  it("shows the sources, the checks, the totals and VERIFIED", () => {
    const text = renderAuditText(base);
    expect(text).toContain("Audit of Season 1, epoch 2, on network 'localhost' (chain 31337)");
    expect(text).toContain("on chain     pending root 0xr, dataHash 0xh");
    expect(text).toMatch(/published\s+ok\s+pending/);
    expect(text).toMatch(/tREWARD\s+10\s+0\s+10\s+10\s+yes/);
    expect(text).toContain("Notes:\n  the root is pending");
    expect(text.split("\n").at(-1)).toBe(
      "VERIFIED: epoch 2 recomputes to the published root and every check passed",
    );
  });

  it("shows the totals in whole tokens with the symbol and grouped digits when decimals are known", () => {
    const report: AuditReport = {
      ...base,
      totals: [
        {
          ...base.totals[0],
          cumulative: "1234567500000000000000000",
          claimed: "250000000000000000",
          outstanding: "1234567250000000000000000",
          balance: "1000000000000000000000000",
          fits: false,
        },
      ],
    };
    const text = renderAuditText(report, { "0x11": 18 });
    expect(text).toMatch(
      /tREWARD\s+1,234,567\.5 tREWARD\s+0\.25 tREWARD\s+1,234,567\.25 tREWARD\s+1,000,000 tREWARD\s+NO/,
    );
    // The JSON report keeps base units.
    expect(renderAuditJson(report)).toContain('"cumulative": "1234567500000000000000000"');
  });

  it("lists differences by code, a few of each, and NOT VERIFIED", () => {
    const n = TEXT_LISTED_PER_CODE + 5;
    const report: AuditReport = {
      ...base,
      ok: false,
      onChain: { status: "unpublished", acceptedEpoch: 0 },
      differences: [
        { code: "not-published", message: "epoch 2 was never published" },
        ...Array.from({ length: n }, (_, i) => ({
          code: "leaf-missing" as const,
          message: `leaf ${i}`,
        })),
      ],
      differenceCounts: { "not-published": 1, "leaf-missing": n + 100 },
    };
    const text = renderAuditText(report);
    expect(text).toContain("on chain     nothing published");
    expect(text).toContain(
      `Differences (${n + 101}):\n  [not-published] epoch 2 was never published\n  [leaf-missing] leaf 0`,
    );
    expect(text).toContain(
      `  [leaf-missing] leaf ${TEXT_LISTED_PER_CODE - 1}\n  [leaf-missing] … and 105 more`,
    );
    expect(text).not.toContain(`leaf ${TEXT_LISTED_PER_CODE}\n`);
    expect(text.split("\n").at(-1)).toBe(`NOT VERIFIED: ${n + 101} differences`);
  });
});

describe("renderAuditJson", () => {
  it("round-trips and is deterministic", () => {
    const json = renderAuditJson(base);
    expect(JSON.parse(json)).toEqual(base);
    expect(renderAuditJson(JSON.parse(json) as AuditReport)).toBe(json);
    expect(json.endsWith("}\n")).toBe(true);
  });

  it("names the excluded accounts and their reasons, or says no decisions were given", () => {
    const A = "0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const withDecisions = renderAuditText({
      ...base,
      exclusions: {
        excluded: 1_200,
        decisionsSource: "decisions.csv",
        decisions: [{ account: A, decision: "excluded", reason: "one funder", applied: true }],
        undocumented: [],
      },
    });
    expect(withDecisions).toContain(
      "  excluded     1,200 accounts by the season file; decisions from decisions.csv: 1 excluded, 0 cleared, 0 excluded without a recorded decision",
    );
    expect(withDecisions).toContain(`               ${A} excluded: one funder`);
    const without = renderAuditText({
      ...base,
      exclusions: { excluded: 3, decisions: [], undocumented: [] },
    });
    expect(without).toContain(
      "  excluded     3 accounts by the season file (no sybil decisions given: pass --decisions <decisions.csv>)",
    );
  });
});
