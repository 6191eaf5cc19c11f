import { describe, expect, it } from "vitest";
import { sybilSection } from "./section";

const A = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;

describe("sybilSection", () => {
  it("totals clusters, flagged and still-undecided accounts, largest cluster first", () => {
    const line = (cluster: number, n: number, score: number, flagged: boolean) => ({
      cluster,
      account: A(n),
      evidence: `e${n}`,
      score,
      flagged,
    });
    const s = sybilSection(
      [
        line(1, 1, 1, false),
        line(1, 2, 2, true),
        line(2, 3, 3, true),
        line(2, 4, 2, true),
        line(2, 5, 2, true),
      ],
      {
        participants: 50,
        links: { funder: 3, sweep: 1, transfer: 0, lockstep: 2 },
        hubs: [],
        fromBlock: 1,
        toBlock: 9,
      },
      [{ account: A(3), decision: "cleared", reason: "appeal" }],
      [A(4), A(9)],
      "epochs/x/sybil",
    );
    expect(s.clusters).toBe(2);
    expect(s.flagged).toBe(4);
    expect(s.proposed).toBe(2); // A(2), A(5): A(3) cleared, A(4) excluded already
    expect(s.top).toEqual([
      { cluster: 2, accounts: 3, flagged: 3, evidence: "e3" },
      { cluster: 1, accounts: 2, flagged: 1, evidence: "e2" },
    ]);
    expect(s.decisions).toEqual([
      { account: A(3), decision: "cleared", reason: "appeal", applied: true },
    ]);
    expect(s.undocumented).toEqual([A(4), A(9)]);
  });
});
