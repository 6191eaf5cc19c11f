import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { computeEpoch, type EpochResult } from "./epoch";
import type { SeasonEvent } from "./events";
import { parseSeason, type Season } from "./season";

const X = `0x${"aa".repeat(20)}`;
const Y = `0x${"bb".repeat(20)}`;
const P = [1, 2, 3, 4, 5].map((i) => `0x${i.toString(16).padStart(40, "0")}`);
const ref = (i: number) => `0x${i.toString(16).padStart(64, "0")}`;

function makeSeason(curve: "rank-linear" | "score" = "rank-linear"): Season {
  return parseSeason({
    name: "test",
    actions: {
      a: { dapp: "A", points: "100" },
      b: { dapp: "B", points: "33.333333", maxRepeats: 2 },
    },
    boosts: {
      fixed: { kind: "fixed", points: "10" },
      half: { kind: "multiplier", numerator: 3, denominator: 2 },
    },
    rewards: {
      curve,
      epochs: [
        { epoch: 1, endTime: 1000, pools: { [X]: "100" } },
        { epoch: 2, endTime: 2000, pools: { [X]: "100", [Y]: "10" } },
      ],
    },
  });
}

const act = (account: string, action: string, r: number, time: number): SeasonEvent => ({
  kind: "action",
  account,
  action,
  ref: ref(r),
  time,
});

/** The hand-computed scenario of the tests below. */
const EVENTS: SeasonEvent[] = [
  act(P[0], "a", 1, 10),
  act(P[0], "a", 2, 20),
  { kind: "boost", account: P[0], boost: "half", time: 30 },
  { kind: "mint", account: P[1], ordinal: 1, dollars: "200", time: 5 },
  act(P[1], "b", 3, 40),
  act(P[1], "b", 4, 50),
  act(P[1], "b", 5, 60),
  act(P[2], "a", 6, 500),
  { kind: "boost", account: P[2], boost: "fixed", time: 1500 },
  { kind: "mint", account: P[3], ordinal: 2, dollars: "300", time: 1200 },
  act(P[4], "a", 7, 2000), // at epoch 2's endTime: not counted
];

const scores = (r: EpochResult) =>
  [...r.scoreRows()].map((s) => [
    s.rank,
    s.account,
    s.scoreUnits,
    s.actionUnits,
    s.boostedUnits,
    s.dollars,
  ]);
const allocations = (r: EpochResult) =>
  [...r.allocationRows()].map((a) => [a.account, a.token, a.allocation, a.cumulative]);

describe("epoch computation", () => {
  it("epoch 1: scores, ranks and a rank-linear split with dust", () => {
    const r = computeEpoch({ season: makeSeason(), epoch: 1, events: EVENTS });
    expect(scores(r)).toEqual([
      // 100 + 75 = 175 points × 3/2 = 262.5
      [1, P[0], 262_500_000n, 175_000_000n, 262_500_000n, 0n],
      // b capped at 2 completions: 33.333333 + 24.999999 < $200
      [2, P[1], 200_000_000n, 58_333_332n, 58_333_332n, 200n],
      [3, P[2], 100_000_000n, 100_000_000n, 100_000_000n, 0n],
    ]);
    // weights 3, 2, 1 of 6: 100·3/6 = 50, 100·2/6 = 33.3, 100/6 = 16.7
    expect(allocations(r)).toEqual([
      [P[0], X, 50n, 50n],
      [P[1], X, 33n, 33n],
      [P[2], X, 16n, 16n],
    ]);
    expect(r.summary().tokens).toEqual({
      [X]: { pool: "100", carriedIn: "0", allocated: "99", dust: "1", cumulative: "99" },
    });
    expect(r.summary().events).toEqual({ mints: 1, actions: 6, boosts: 1 });
  });

  it("epoch 2: carried dust, a second token, cumulative entitlements", () => {
    const r = computeEpoch({ season: makeSeason(), epoch: 2, events: EVENTS });
    expect(scores(r).map(([rank, account, score]) => [rank, account, score])).toEqual([
      [1, P[3], 300_000_000n],
      [2, P[0], 262_500_000n],
      [3, P[1], 200_000_000n],
      [4, P[2], 110_000_000n],
    ]);
    // X: 100 + 1 carried = 101 over weights 4, 3, 2, 1 → 40, 30, 20, 10; Y: 10 → 4, 3, 2, 1
    expect(allocations(r)).toEqual([
      [P[0], X, 30n, 80n],
      [P[0], Y, 3n, 3n],
      [P[1], X, 20n, 53n],
      [P[1], Y, 2n, 2n],
      [P[2], X, 10n, 26n],
      [P[2], Y, 1n, 1n],
      [P[3], X, 40n, 40n],
      [P[3], Y, 4n, 4n],
    ]);
    const s = r.summary();
    expect(s.tokens).toEqual({
      [X]: { pool: "100", carriedIn: "1", allocated: "100", dust: "1", cumulative: "199" },
      [Y]: { pool: "10", carriedIn: "0", allocated: "10", dust: "0", cumulative: "10" },
    });
    expect(s.participants).toBe(4);
    expect(s.leaves).toBe(8);
    expect(r.proofs().accounts[P[0]].map((c) => [c.token, c.amount])).toEqual([
      [X, "80"],
      [Y, "3"],
    ]);
  });

  it("the score curve splits pro rata", () => {
    const r = computeEpoch({ season: makeSeason("score"), epoch: 1, events: EVENTS });
    // 100 × (262.5, 200, 100) / 562.5 = 46.7, 35.6, 17.8
    expect(allocations(r).map(([, , a]) => a)).toEqual([46n, 35n, 17n]);
    expect(r.summary().tokens[X].dust).toBe("2");
  });

  it("ties share a rank and an allocation; zero scores are listed unranked", () => {
    const events: SeasonEvent[] = [
      { kind: "mint", account: P[2], ordinal: 1, dollars: "200", time: 1 },
      { kind: "mint", account: P[0], ordinal: 2, dollars: "200", time: 2 },
      act(P[1], "a", 1, 3),
      { kind: "boost", account: P[3], boost: "half", time: 4 },
    ];
    const r = computeEpoch({ season: makeSeason(), epoch: 1, events });
    expect(scores(r).map(([rank, account]) => [rank, account])).toEqual([
      [1, P[0]],
      [1, P[2]],
      [3, P[1]],
      [0, P[3]],
    ]);
    // weights 3, 3, 1 of 7: 42, 42, 14
    expect(allocations(r).map(([account, , a]) => [account, a])).toEqual([
      [P[0], 42n],
      [P[1], 14n],
      [P[2], 42n],
    ]);
  });

  it("refuses an epoch the season does not have, and an epoch with nothing to distribute", () => {
    expect(() => computeEpoch({ season: makeSeason(), epoch: 3, events: EVENTS })).toThrow(
      "epoch 3 is not in the season",
    );
    expect(() =>
      computeEpoch({ season: makeSeason(), epoch: 1, events: [act(P[0], "a", 1, 1500)] }),
    ).toThrow(/no account has a positive cumulative entitlement/);
  });
});

// ---- properties -------------------------------------------------------------------------------

const eventsArb = fc
  .tuple(
    fc.array(
      fc.record({
        who: fc.nat(4),
        action: fc.constantFrom("a", "b"),
        time: fc.nat(2200),
        repeat: fc.boolean(),
        repeatTime: fc.nat(2200),
      }),
      { maxLength: 30 },
    ),
    fc.array(
      fc.record({ who: fc.nat(4), boost: fc.constantFrom("fixed", "half"), time: fc.nat(2200) }),
      {
        maxLength: 8,
      },
    ),
    fc.uniqueArray(fc.record({ who: fc.nat(4), dollars: fc.nat(500), time: fc.nat(2200) }), {
      selector: (m) => m.who,
      maxLength: 5,
    }),
  )
  .map(([actions, boosts, mints]) => {
    const out: SeasonEvent[] = [
      { kind: "mint", account: `0x${"ff".repeat(20)}`, ordinal: 99, dollars: "1", time: 0 },
    ];
    actions.forEach((a, i) => {
      out.push(act(P[a.who], a.action, i + 1, a.time));
      if (a.repeat) out.push(act(P[a.who], a.action, i + 1, a.repeatTime)); // relayed twice
    });
    for (const b of boosts)
      out.push({ kind: "boost", account: P[b.who], boost: b.boost, time: b.time });
    mints.forEach((m, i) =>
      out.push({
        kind: "mint",
        account: P[m.who],
        ordinal: i + 1,
        dollars: String(m.dollars),
        time: m.time,
      }),
    );
    return out;
  });

function outputs(r: EpochResult) {
  return { scores: scores(r), allocations: allocations(r), root: r.root, dataHash: r.dataHash };
}

describe("epoch properties", () => {
  it("event order never changes the outputs", () => {
    fc.assert(
      fc.property(eventsArb, fc.func(fc.integer()), fc.constantFrom(1, 2), (events, key, epoch) => {
        const shuffled = events
          .map((e, i) => [key(i), i, e] as const)
          .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        const season = makeSeason();
        expect(
          outputs(computeEpoch({ season, epoch, events: shuffled.map(([, , e]) => e) })),
        ).toEqual(outputs(computeEpoch({ season, epoch, events })));
      }),
      { numRuns: 60 },
    );
  });

  it("a participant's score never drops when they add an action", () => {
    fc.assert(
      fc.property(
        eventsArb,
        fc.nat(4),
        fc.constantFrom("a", "b"),
        fc.nat(999),
        (events, who, action, time) => {
          const season = makeSeason();
          const score = (evs: SeasonEvent[]) =>
            [...computeEpoch({ season, epoch: 1, events: evs }).scoreRows()].find(
              (s) => s.account === P[who],
            )?.scoreUnits ?? 0n;
          const before = score(events);
          const after = score([...events, act(P[who], action, 10_000, time)]);
          expect(after >= before).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("keepPrevious gives epoch 1's cumulative entitlements from epoch 2's replay", () => {
    fc.assert(
      fc.property(
        eventsArb,
        fc.constantFrom("rank-linear" as const, "score" as const),
        (events, curve) => {
          const season = makeSeason(curve);
          let e1: EpochResult | undefined;
          try {
            e1 = computeEpoch({ season, epoch: 1, events });
          } catch {
            e1 = undefined; // nothing owed after epoch 1
          }
          const e2 = computeEpoch({ season, epoch: 2, events, keepPrevious: true });
          const key = (l: { account: string; token: string; amount: bigint }) =>
            `${l.account}/${l.token}/${l.amount}`;
          const expected = e1
            ? allocations(e1).map(([account, token, , amount]) =>
                key({
                  account: account as string,
                  token: token as string,
                  amount: amount as bigint,
                }),
              )
            : [];
          expect(e2.previous?.epoch).toBe(1);
          expect(e2.previous!.leaves.map(key).sort()).toEqual(expected.sort());
          expect(computeEpoch({ season, epoch: 2, events }).previous).toBeUndefined();
        },
      ),
      { numRuns: 60 },
    );
  });

  it("cumulative entitlements never decrease and allocations never exceed the pool", () => {
    fc.assert(
      fc.property(
        eventsArb,
        fc.constantFrom("rank-linear" as const, "score" as const),
        (events, curve) => {
          const season = makeSeason(curve);
          const e1 = computeEpoch({ season, epoch: 1, events });
          const e2 = computeEpoch({ season, epoch: 2, events });
          const before = new Map(allocations(e1).map(([a, t, , c]) => [`${a}/${t}`, c as bigint]));
          const after = new Map(allocations(e2).map(([a, t, , c]) => [`${a}/${t}`, c as bigint]));
          for (const [key, c] of before) expect((after.get(key) ?? 0n) >= c).toBe(true);
          for (const r of [e1, e2]) {
            for (const [token, t] of Object.entries(r.summary().tokens)) {
              const sum = allocations(r)
                .filter(([, tok]) => tok === token)
                .reduce((s, [, , a]) => s + (a as bigint), 0n);
              expect(BigInt(t.allocated)).toBe(sum);
              expect(sum <= BigInt(t.pool) + BigInt(t.carriedIn)).toBe(true);
              expect(BigInt(t.dust)).toBe(BigInt(t.pool) + BigInt(t.carriedIn) - sum);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("ref conflicts (anomalies)", () => {
  it("drops a squat of another account's ref, lists it, counts it in epochs that reach it, and stops nothing", () => {
    const season = makeSeason();
    const clean = computeEpoch({ season, epoch: 2, events: EVENTS });
    const squats: SeasonEvent[] = [
      act(P[4], "a", 1, 700), // P[0]'s ref 1 of dApp A, for P[4], in epoch 1: dropped
      act(P[4], "b", 1, 800), // the same ref in dApp B: its own record, counted
      act(P[3], "a", 6, 1500), // P[2]'s ref 6, in epoch 2: dropped
    ];
    const one = computeEpoch({ season, epoch: 1, events: [...squats, ...EVENTS] });
    expect(one.summary().anomalies).toBe(1);
    expect(one.anomalies[0]).toMatchObject({
      ref: ref(1),
      dapp: "A",
      kept: { account: P[0], action: "a", time: 10 },
      dropped: { account: P[4], action: "a", time: 700 },
    });
    const two = computeEpoch({ season, epoch: 2, events: [...squats, ...EVENTS] });
    expect(two.anomalies.map((a) => a.dropped.time)).toEqual([700, 1500]);
    expect(two.summary().anomalies).toBe(2);
    // The victims keep their scores; the squatter only gets its dApp-B record.
    const score = (r: EpochResult, a: string) =>
      [...r.scoreRows()].find((s) => s.account === a)?.scoreUnits;
    expect(score(two, P[0])).toBe(score(clean, P[0]));
    expect(score(two, P[2])).toBe(score(clean, P[2]));
    expect(score(two, P[4])).toBe(33_333_333n);
    expect(clean.summary().anomalies).toBe(0);
  });
});
