/**
 * A small season and its events for the src/season tests (not a test file itself): two actions
 * (one capped), both boost kinds, two epochs, one reward token, hand-checkable numbers.
 */
import type { SeasonEvent } from "../engine/events";
import { parseSeason, type Season } from "../engine/season";

export const TOKEN = `0x${"aa".repeat(20)}`;
export const P = [1, 2, 3, 4, 5].map((i) => `0x${i.toString(16).padStart(40, "0")}`);
export const ref = (i: number): string => `0x${i.toString(16).padStart(64, "0")}`;

export function testSeason(curve: "rank-linear" | "score" = "rank-linear"): Season {
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
        { epoch: 1, endTime: 1000, pools: { [TOKEN]: "1000" } },
        { epoch: 2, endTime: 2000, pools: { [TOKEN]: "1000" } },
      ],
    },
  });
}

export const act = (account: string, action: string, r: number, time: number): SeasonEvent => ({
  kind: "action",
  account,
  action,
  ref: ref(r),
  time,
});

/**
 * Epoch 1: P0 a ×2 (100 + 75) ×3/2 = 262.5; P1 mint $200 and b ×3 (capped at 2: 33.333333 +
 * 24.999999); P2 a once = 100. Epoch 2 adds P2's fixed boost (+10), P3's mint ($300), P0 a
 * third time (+56.25 → 231.25 × 3/2 = 346.875); an event at epoch 2's end is not counted.
 */
export const EVENTS: SeasonEvent[] = [
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
  act(P[0], "a", 8, 1700),
  act(P[4], "a", 7, 2000),
];
