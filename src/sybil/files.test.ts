import { describe, expect, it } from "vitest";
import { detectSybils } from "./detect";
import {
  auditExclusions,
  formatClustersCsv,
  formatDecisionsCsv,
  parseClustersCsv,
  parseDecisionsCsv,
  proposedExclusions,
  recordDecisions,
  splitCsvLine,
} from "./files";

const A = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;

function result() {
  const f = A(100);
  return detectSybils({
    participants: [A(1), A(2), A(3)],
    funders: new Map([1, 2, 3].map((i) => [A(i), f])),
    transfers: [1, 2, 3].map((i) => ({ from: A(i), to: A(200), token: A(300) })),
    sequences: new Map(),
  });
}

describe("sybil files", () => {
  it("clusters.csv round-trips, evidence in one quoted cell when needed", () => {
    const text = formatClustersCsv(result());
    expect(text.split("\n")[0]).toBe("cluster,account,evidence,score,flagged");
    expect(text.split("\n")[1]).toBe(
      `1,${A(1)},first gas from ${A(100)} (as 3 participants); tokens sent to ${A(200)} (as 3 participants),2,yes`,
    );
    const lines = parseClustersCsv(text);
    expect(lines.map((l) => [l.cluster, l.account, l.score, l.flagged])).toEqual([
      [1, A(1), 2, true],
      [1, A(2), 2, true],
      [1, A(3), 2, true],
    ]);
    expect(() => parseClustersCsv(`${text}1,0xABC,x,2,yes\n`)).toThrow(
      "clusters.csv line 5: '0xABC' is not a lowercase address",
    );
  });

  it("splits quoted cells", () => {
    expect(splitCsvLine('a,"b, ""c""",d')).toEqual(["a", 'b, "c"', "d"]);
    expect(() => splitCsvLine('a,"b')).toThrow("a quoted cell is not closed");
  });

  it("decisions: recorded, replaced by a later decision, read back, bad lines refused", () => {
    const first = recordDecisions(
      [],
      [
        { account: A(2), decision: "excluded", reason: "ring 1, same funder, sweeps" },
        { account: A(1), decision: "excluded", reason: "ring 1" },
      ],
    );
    const later = recordDecisions(first, [
      { account: A(2), decision: "cleared", reason: 'appeal: "family wallet", KYC seen' },
    ]);
    expect(later.map((d) => [d.account, d.decision])).toEqual([
      [A(1), "excluded"],
      [A(2), "cleared"],
    ]);
    expect(parseDecisionsCsv(formatDecisionsCsv(later))).toEqual(later);
    expect(() => parseDecisionsCsv(`account,decision,reason\n${A(1)},banned,x\n`)).toThrow(
      "decisions.csv line 2: decision must be excluded or cleared, not 'banned'",
    );
    expect(() => parseDecisionsCsv(`account,decision,reason\n${A(1)},cleared,\n`)).toThrow(
      "decisions.csv line 2: the reason is empty",
    );
    expect(() =>
      recordDecisions([], [{ account: A(1), decision: "cleared", reason: " " }]),
    ).toThrow(`the reason for ${A(1)} is empty`);
  });

  it("proposes only the undecided, not yet excluded flagged accounts", () => {
    const decisions = [{ account: A(1), decision: "cleared" as const, reason: "appeal" }];
    expect(
      proposedExclusions(result(), decisions, [A(2).toUpperCase().replace("0X", "0x")]),
    ).toEqual([A(3)]);
  });

  it("audits the decisions against the season file's exclude", () => {
    const audit = auditExclusions(
      [
        { account: A(1), decision: "excluded", reason: "ring" },
        { account: A(2), decision: "excluded", reason: "ring" },
        { account: A(3), decision: "cleared", reason: "appeal" },
      ],
      [A(1), A(3), A(9)],
    );
    expect(audit.decisions.map((d) => d.applied)).toEqual([true, false, false]);
    expect(audit.undocumented).toEqual([A(9)]);
  });
});
