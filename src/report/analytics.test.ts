import { describe, expect, it } from "vitest";
import type { SeasonEvent } from "../engine/events";
import { OPEN_TIER } from "../mint/tiers";
import { seasonAnalytics } from "./analytics";

const DAY = 86_400;
const D0 = 20_454 * DAY; // 2026-01-01
const A = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
let refs = 0;
const ref = () => `0x${(++refs).toString(16).padStart(64, "0")}`;
const mint = (a: number, ordinal: number, day: number): SeasonEvent[] => [
  { kind: "mint", account: A(a), ordinal, dollars: "10", time: D0 + day * DAY + 5 },
  { kind: "action", account: A(a), action: "join", ref: ref(), time: D0 + day * DAY + 5 },
];
const act = (a: number, action: string, day: number, r = ref()): SeasonEvent => ({
  kind: "action",
  account: A(a),
  action,
  ref: r,
  time: D0 + day * DAY + 100,
});

const actions = {
  join: { dapp: "Season", points: "500" },
  "x.swap": { dapp: "X", points: "100", maxRepeats: 3 },
  "y.bet": { dapp: "Y", points: "1" },
  "z.buy": { dapp: "Z", points: "10" },
};
const tiers = [
  { lastOrdinal: 2n, dollars: 10n },
  { lastOrdinal: OPEN_TIER, dollars: 1n },
];

function events(): SeasonEvent[] {
  const dup = ref();
  return [
    ...mint(1, 1, 0),
    ...mint(2, 2, 0),
    ...mint(3, 3, 1),
    act(1, "x.swap", 1),
    act(1, "y.bet", 1),
    act(1, "z.buy", 7),
    act(2, "x.swap", 0, dup),
    act(2, "x.swap", 0, dup), // the same ref: counted once
    ...Array.from({ length: 6 }, () => act(3, "x.swap", 2)),
    { kind: "boost", account: A(1), boost: "riddle-01", time: D0 + 2 * DAY },
    { kind: "boost", account: A(3), boost: "riddle-01", time: D0 + 9 * DAY },
  ];
}

describe("seasonAnalytics", () => {
  const a = seasonAnalytics({
    events: events(),
    actions,
    tiers,
    joinAction: "join",
    claimants: new Set([A(1)]),
    transactionsPerDay: new Map([
      [20_454, 40],
      [20_454 + 9, 2],
    ]),
    riddles: [{ key: "riddle-01", answers: 5, right: 3 }],
    lastEpoch: { epoch: 1, endTime: D0 + 7 * DAY },
  });

  it("covers every UTC day from the first event or transaction to the last", () => {
    expect(a.days[0]).toBe("2026-01-01");
    expect(a.days).toHaveLength(10);
    expect(a.activity.transactions).toEqual({
      perDay: [40, 0, 0, 0, 0, 0, 0, 0, 0, 2],
      total: 42,
    });
  });

  it("counts joins per tier per day, with each tier's places", () => {
    expect(
      a.mint.tiers.map((t) => [t.tier, t.cap, t.joins.perDay.slice(0, 2), t.joins.total]),
    ).toEqual([
      [1, 2, [2, 0], 2],
      [2, null, [0, 1], 1],
    ]);
  });

  it("counts daily and weekly active participants and actions per dApp, each ref once", () => {
    expect(a.activity.dau).toEqual([2, 2, 2, 0, 0, 0, 0, 1, 0, 1]);
    expect(a.activity.wau.slice(0, 3)).toEqual([2, 3, 3]);
    expect(a.activity.wau[7]).toBe(2); // days 1..7: a1 and a3 (a3 on day 1 and 2)
    const x = a.activity.perDapp.find((p) => p.dapp === "X")!;
    expect(x.actions.total).toBe(8);
    expect(x.actions.perDay.slice(0, 3)).toEqual([1, 1, 6]);
    expect(x.participants.slice(0, 3)).toEqual([1, 1, 1]);
    expect(x.unique).toBe(3);
    expect(a.activity.perAction.map((p) => [p.action, p.actions.total, p.unique])).toEqual([
      ["join", 3, 3],
      ["x.swap", 8, 3],
      ["y.bet", 1, 1],
      ["z.buy", 1, 1],
    ]);
  });

  it("gives retention by join day and the funnel", () => {
    expect(a.retention.cohorts).toEqual([
      { day: "2026-01-01", joined: 2, day1: 1, day7: 1 },
      { day: "2026-01-02", joined: 1, day1: 1, day7: 0 },
    ]);
    expect(a.retention.funnel).toEqual([
      { step: "joined (minted)", participants: 3 },
      { step: "a first action", participants: 3 },
      { step: "actions on 3 or more dApps", participants: 1 },
      { step: "a riddle answered", participants: 1 },
      { step: "a reward claimed", participants: 1 },
    ]);
  });

  it("counts completions past the fifth repeat and past the cap", () => {
    const x = a.decay.actions.find((d) => d.action === "x.swap")!;
    // a3: 6 swaps (1 past the fifth, 3 past the cap of 3); a1: 1; a2: 1.
    expect(x).toEqual({
      action: "x.swap",
      cap: 3,
      completions: 8,
      pastFifth: 1,
      pastCap: 3,
      atCap: 1,
    });
    // y.bet: 1 point decays to zero units after 49 completions (the cap without maxRepeats).
    expect(a.decay.actions.find((d) => d.action === "y.bet")!.cap).toBe(49);
  });

  it("tells answers, right, wrong, exported and counted boosts apart", () => {
    expect(a.riddles).toEqual([
      { key: "riddle-01", answers: 5, right: 3, wrong: 2, exported: 2, counted: 1 },
    ]);
  });

  it("is empty for no events", () => {
    const none = seasonAnalytics({ events: [], actions, tiers });
    expect(none.days).toEqual([]);
    expect(none.activity.transactions).toBeNull();
    expect(none.retention.funnel.map((f) => f.participants)).toEqual([0, 0, 0, 0]);
  });
});
