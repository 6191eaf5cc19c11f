import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { EventLog } from "./event-log";
import { readEventsText } from "./event-reader";
import { formatEvent } from "./events";

const catalog = { actionKeys: ["join", "netswap.swap"], boostKeys: ["riddle-01", "riddle-02"] };
const A = "0x00000000000000000000000000000000000a11ce";
const B = "0x0000000000000000000000000000000000000b0b";
const REF1 = `0x${"01".repeat(32)}`;
const REF2 = `0x${"02".repeat(32)}`;

const action = (account: string, act: string, ref: string, time: number) =>
  formatEvent({ kind: "action", account, action: act, ref, time });
const mint = (account: string, ordinal: number, dollars: string, time: number) =>
  formatEvent({ kind: "mint", account, ordinal, dollars, time });
const boost = (account: string, b: string, time: number) =>
  formatEvent({ kind: "boost", account, boost: b, time });

function read(lines: string[], slow = false): EventLog {
  const log = new EventLog(catalog);
  readEventsText(lines.join("\n"), log, slow);
  return log;
}

/** A comparable picture of a log. */
function snapshot(log: EventLog) {
  const accounts = Array.from({ length: log.accountCount }, (_, a) => log.accountHex(a));
  // account ids depend on how the reading was batched; nothing else does
  return {
    accounts: [...accounts].sort(),
    mints: accounts
      .map((acct, a) => (log.mintLine[a] ? [acct, log.mintTime[a], log.mintDollars[a]] : [acct]))
      .sort((x, y) => (x[0] < y[0] ? -1 : 1)),
    actions: Array.from({ length: log.actionCount }, (_, r) => [
      accounts[log.actAccount[r]],
      log.actAction[r],
      log.actTime[r],
    ]),
    boosts: Array.from({ length: log.boostCount }, (_, b) => [
      accounts[log.bstAccount[b]],
      log.bstBoost[b],
      log.bstTime[b],
    ]),
  };
}

describe("fast line scanner", () => {
  it("takes canonical lines without the reference path", () => {
    const text = [
      mint(A, 1, "10000", 5),
      action(A, "join", REF1, 5),
      boost(B, "riddle-02", 6),
    ].join("\n");
    expect(readEventsText(text, new EventLog(catalog))).toBe(0);
    expect(readEventsText(text.replace(/,/g, ", "), new EventLog(catalog))).toBe(0);
    expect(readEventsText(text.replace('"time":5', '"time":5.0'), new EventLog(catalog))).toBe(1);
  });

  const variants = [
    (l: string) => l,
    (l: string) => l.replace(/,/g, ", "),
    (l: string) => l.replace(/:/g, " :\t"),
    (l: string) => l.replace('"time":', '"time":0'),
    (l: string) => l.replace(/"time":(\d+)/, '"time":$1.0'),
    (l: string) => l.replace(/"time":(\d+)/, '"time":$1e0'),
    (l: string) => l.replace(/"time":(\d+)/, '"time":-$1'),
    (l: string) => l.replace("}", ',"kind":"boost"}'),
    (l: string) => l.replace("}", ',"x":1}'),
    (l: string) => l.replace("0x", "0X"),
    (l: string) => l.replace(/0x[0-9a-f]{40}/, (m) => m.toUpperCase().replace("0X", "0x")),
    (l: string) => l.replace(/0x[0-9a-f]{40}/, (m) => m.slice(0, 41)),
    (l: string) => l.replace(/0x[0-9a-f]{40}/, (m) => `${m.slice(0, 41)}g`),
    (l: string) => l.replace(/0x[0-9a-f]{40}/, `0x${"0".repeat(40)}`),
    (l: string) => l.replace('"kind":"', '"kind":"\\u006'),
    (l: string) => l.replace("join", "jo\\u0069n"),
    (l: string) => l.replace('"10000"', '"010000"'),
    (l: string) => l.replace('"10000"', '"1234567890123456789"'),
    (l: string) => l.replace('"ordinal":', '"ordinal":0'),
    (l: string) => l.replace("{", "{}"),
    (l: string) => `${l}x`,
    (l: string) => l.slice(0, -1),
    (l: string) => l.replace("riddle-01", "riddle-0"),
    (l: string) => l.replace("netswap.swap", "netswap.swap "),
    (l: string) => l.replace(/"time":\d+/, '"time":123456789012345678'),
  ];
  const base = fc.oneof(
    fc
      .record({
        account: fc.constantFrom(A, B),
        ordinal: fc.integer({ min: 1, max: 3 }),
        time: fc.nat(100),
      })
      .map((e) => mint(e.account, e.ordinal, "10000", e.time)),
    fc
      .record({
        account: fc.constantFrom(A, B),
        act: fc.constantFrom("join", "netswap.swap"),
        ref: fc.constantFrom(REF1, REF2),
        time: fc.nat(100),
      })
      .map((e) => action(e.account, e.act, e.ref, e.time)),
    fc
      .record({
        account: fc.constantFrom(A, B),
        b: fc.constantFrom("riddle-01", "riddle-02"),
        time: fc.nat(100),
      })
      .map((e) => boost(e.account, e.b, e.time)),
  );
  const line = fc.tuple(base, fc.nat(variants.length - 1)).map(([l, v]) => variants[v](l));

  it("accepts exactly what the reference path accepts, with the same result", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        let fast: unknown;
        let slow: unknown;
        try {
          fast = snapshot(read(lines));
        } catch (e) {
          fast = (e as Error).message;
        }
        try {
          slow = snapshot(read(lines, true));
        } catch (e) {
          slow = (e as Error).message;
        }
        expect(fast).toEqual(slow);
      }),
      { numRuns: 500 },
    );
  });
});
