import { describe, expect, it } from "vitest";
import { DEFAULT_SYBIL_OPTIONS, detectSybils, inLockstep, type SybilInput } from "./detect";
import { groupNumber as n } from "../report/svg-chart";
import { measure, simulateSybilSeason } from "./simulate";

const A = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
const seq = (start: number, keys: string[]) =>
  keys.map((action, i) => ({ action, time: start + i * 600 }));

function ring(): SybilInput {
  // a1..a4: funded by f, sweep to s; a1..a3 act in lockstep; a5, a6: honest (own funders).
  const f = A(100);
  const s = A(200);
  const keys = ["mint", "join", "x.swap", "y.bet", "z.buy"];
  return {
    participants: [A(1), A(2), A(3), A(4), A(5), A(6)],
    funders: new Map([
      [A(1), f],
      [A(2), f],
      [A(3), f],
      [A(4), f],
      [A(5), A(101)],
      [A(6), A(102)],
    ]),
    transfers: [1, 2, 3, 4].map((i) => ({ from: A(i), to: s, token: A(300) })),
    sequences: new Map([
      [A(1), seq(1000, keys)],
      [A(2), seq(1003, keys)],
      [A(3), seq(1010, keys)],
      [A(4), seq(90_000, keys)],
      [A(5), seq(1001, keys.slice(0, 3))],
      [A(6), seq(1002, ["mint", "join", "y.bet", "x.swap", "z.buy"])],
    ]),
  };
}

describe("detectSybils", () => {
  it("clusters a ring with its evidence and flags members linked by two kinds", () => {
    const r = detectSybils(ring());
    expect(r.clusters).toHaveLength(1);
    const members = r.clusters[0].members;
    expect(members.map((m) => m.account)).toEqual([A(1), A(2), A(3), A(4)]);
    expect(members.map((m) => m.kinds)).toEqual([
      ["funder", "sweep", "lockstep"],
      ["funder", "sweep", "lockstep"],
      ["funder", "sweep", "lockstep"],
      ["funder", "sweep"],
    ]);
    expect(members[0].evidence[0]).toBe(`first gas from ${A(100)} (as 4 participants)`);
    expect(members[0].evidence[1]).toBe(`tokens sent to ${A(200)} (as 4 participants)`);
    expect(members[0].evidence[2]).toMatch(/^same actions within 30 s as 2 members/);
    expect(r.flagged).toEqual([A(1), A(2), A(3), A(4)]);
    expect(r.links).toEqual({ funder: 6, sweep: 6, transfer: 0, lockstep: 3 });
  });

  it("ignores the season's contracts and hubs shared by more than maxGroup participants", () => {
    const input = ring();
    const r = detectSybils({ ...input, ignore: new Set([A(200)]) });
    expect(r.clusters[0].members[3].kinds).toEqual(["funder"]);
    expect(r.clusters[0].members[3].flagged).toBe(false);
    const hub = detectSybils(input, { ...DEFAULT_SYBIL_OPTIONS, maxGroup: 3 });
    expect(hub.hubs).toEqual([
      { address: A(100), kind: "funder", participants: 4 },
      { address: A(200), kind: "sweep", participants: 4 },
    ]);
    // Lockstep alone is one kind: a cluster, nobody flagged.
    expect(hub.flagged).toEqual([]);
    expect(hub.clusters[0].members.map((m) => m.account)).toEqual([A(1), A(2), A(3)]);
  });

  it("counts a participant funding or paying another as a transfer chain", () => {
    const input = ring();
    const funders = new Map(input.funders);
    funders.set(A(5), A(6));
    const r = detectSybils({
      ...input,
      funders,
      transfers: [{ from: A(6), to: A(5), token: A(300) }],
    });
    const pair = r.clusters.find((c) => c.members.some((m) => m.account === A(5)))!;
    expect(pair.members.map((m) => m.kinds)).toEqual([["transfer"], ["transfer"]]);
    expect(pair.members.some((m) => m.flagged)).toBe(false); // two accounts: below minCluster
  });

  it("is deterministic and refuses bad options", () => {
    const s = simulateSybilSeason({ participants: 500, sybilShare: 0.2, seed: "d" });
    expect(JSON.stringify(detectSybils(s.input))).toBe(JSON.stringify(detectSybils(s.input)));
    expect(() => detectSybils(ring(), { ...DEFAULT_SYBIL_OPTIONS, minScore: 0 })).toThrow(
      "sybil option minScore must be a positive integer, got 0",
    );
  });

  it("lockstep needs the same first actions, each within the window", () => {
    const a = seq(0, ["a", "b", "c", "d"]);
    expect(inLockstep(a, seq(30, ["a", "b", "c", "d"]), 4, 30)).toBe(true);
    expect(inLockstep(a, seq(31, ["a", "b", "c", "d"]), 4, 30)).toBe(false);
    expect(inLockstep(a, seq(0, ["a", "b", "d", "c"]), 4, 30)).toBe(false);
    expect(inLockstep(a, seq(0, ["a", "b", "c"]), 4, 30)).toBe(false);
  });

  it("flags >= 90% of planted sybils and <= 2% of honest participants (seeded simulations)", () => {
    for (const [seed, participants] of [
      ["t1", 10_000],
      ["t2", 2_000],
    ] as const) {
      const season = simulateSybilSeason({ participants, sybilShare: 0.15, seed });
      const m = measure(season, detectSybils(season.input).flagged);
      console.log(
        `sybil detection, ${n(participants)} participants, seed ${seed}: ${n(m.sybilsFlagged)} of ${n(season.sybils.size)} planted sybils flagged (${(m.sybilRate * 100).toFixed(1)}%), ${n(m.honestFlagged)} of ${n(season.honest.size)} honest (${(m.honestRate * 100).toFixed(2)}%)`,
      );
      expect(season.sybils.size).toBe(participants * 0.15);
      expect(m.sybilRate).toBeGreaterThanOrEqual(0.9);
      expect(m.honestRate).toBeLessThanOrEqual(0.02);
    }
  });
});
