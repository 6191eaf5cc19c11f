import { describe, expect, it } from "vitest";
import { compileSeason } from "./catalog";
import { EventLog } from "./event-log";
import { addEvents } from "./event-reader";
import type { SeasonEvent } from "./events";
import { Scoreboard } from "./scoreboard";
import { parseSeason } from "./season";

const A = `0x${"0a".repeat(20)}`;
const season = compileSeason(
  parseSeason({
    name: "t",
    actions: { x: { dapp: "X", points: "100", maxRepeats: 2 } },
    boosts: { m: { kind: "multiplier", numerator: 2, denominator: 1 } },
    rewards: {
      epochs: [
        { epoch: 1, endTime: 100, pools: {} },
        { epoch: 2, endTime: 200, pools: {} },
      ],
    },
  }),
);
const act = (i: number, time: number): SeasonEvent => ({
  kind: "action",
  account: A,
  action: "x",
  ref: `0x${i.toString(16).padStart(64, "0")}`,
  time,
});

describe("scoreboard", () => {
  it("counts events with time < endTime in each epoch, cumulatively, and stops at maxRepeats", () => {
    const log = new EventLog({ actionKeys: season.actionKeys, boostKeys: season.boostKeys });
    addEvents(
      [
        act(1, 99),
        act(2, 100),
        act(3, 150),
        act(4, 199),
        { kind: "boost", account: A, boost: "m", time: 200 },
      ],
      log,
    );
    const board = new Scoreboard(season, log, [100, 200]);
    board.advance();
    expect(board.scoreUnits.get(0)).toBe(100_000_000n); // only time 99
    board.advance();
    // 100 + 75, the third and fourth completions are past maxRepeats; the boost at 200 is too late
    expect(board.scoreUnits.get(0)).toBe(175_000_000n);
    expect(board.counted).toEqual({ mints: 0, actions: 4, boosts: 0 });
    expect(() => board.advance()).toThrow("no more epochs");
  });
});
