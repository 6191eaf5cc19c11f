import { describe, expect, it } from "vitest";
import { measure, simulateSybilSeason } from "./simulate";

describe("simulateSybilSeason", () => {
  it("plants the asked share of sybils in rings beside honest participants, deterministically", () => {
    const a = simulateSybilSeason({ participants: 1_000, sybilShare: 0.2, seed: "s" });
    const b = simulateSybilSeason({ participants: 1_000, sybilShare: 0.2, seed: "s" });
    expect(a.sybils.size).toBe(200);
    expect(a.honest.size).toBe(800);
    expect(a.input.participants).toHaveLength(1_000);
    expect([...a.sybils]).toEqual([...b.sybils]);
    expect(a.input.transfers).toEqual(b.input.transfers);
    expect(a.rings).toBeGreaterThanOrEqual(5);
    // Every participant has an action sequence in time order, starting with its mint.
    for (const p of a.input.participants) {
      const seq = a.input.sequences.get(p)!;
      expect(seq[0].action).toBe("mint");
      for (let i = 1; i < seq.length; i++)
        expect(seq[i].time).toBeGreaterThanOrEqual(seq[i - 1].time);
    }
    const other = simulateSybilSeason({ participants: 1_000, sybilShare: 0.2, seed: "t" });
    expect([...other.sybils]).not.toEqual([...a.sybils]);
  });

  it("measures the flagged shares and refuses bad settings", () => {
    const s = simulateSybilSeason({ participants: 100, sybilShare: 0.1, seed: "m" });
    const sybil = [...s.sybils][0];
    const honest = [...s.honest][0];
    expect(measure(s, [sybil, honest])).toEqual({
      sybilsFlagged: 1,
      honestFlagged: 1,
      sybilRate: 0.1,
      honestRate: 1 / 90,
    });
    expect(() => simulateSybilSeason({ participants: 5, sybilShare: 0.1, seed: "x" })).toThrow(
      "participants must be an integer >= 10, got 5",
    );
    expect(() => simulateSybilSeason({ participants: 100, sybilShare: 1, seed: "x" })).toThrow(
      "sybilShare must be in [0, 1), got 1",
    );
  });
});
