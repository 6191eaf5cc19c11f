import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EventLog } from "./event-log";
import { readEventsFile } from "./event-reader";
import { formatEvent } from "./events";

const catalog = { actionKeys: ["join", "netswap.swap"], boostKeys: ["riddle-01", "riddle-02"] };

const action = (account: string, act: string, ref: string, time: number) =>
  formatEvent({ kind: "action", account, action: act, ref, time });
const mint = (account: string, ordinal: number, dollars: string, time: number) =>
  formatEvent({ kind: "mint", account, ordinal, dollars, time });
const boost = (account: string, b: string, time: number) =>
  formatEvent({ kind: "boost", account, boost: b, time });

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

describe("reading with worker threads", () => {
  function file(lines: string[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "events-workers-"));
    const f = path.join(dir, "events.ndjson");
    fs.writeFileSync(f, `${lines.join("\n")}\n`);
    return f;
  }
  function readWith(f: string, workers: number) {
    const log = new EventLog(catalog);
    try {
      const stats = readEventsFile(f, log, { workers });
      expect(stats.threadRanges).toBe(workers); // the threads did the decoding
    } catch (e) {
      return (e as Error).message;
    }
    return snapshot(log);
  }
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) => {
      const who = `0x${(1 + (i % 97)).toString(16).padStart(40, "0")}`;
      if (i % 10 === 0) return boost(who, i % 20 === 0 ? "riddle-01" : "riddle-02", i);
      if (i % 97 === i % 10 && i < 97 * 10) return mint(who, 1 + i, "200", i);
      const line = action(
        who,
        i % 3 === 0 ? "join" : "netswap.swap",
        `0x${(i % 5000).toString(16).padStart(64, "0")}`,
        i,
      );
      return i % 7 === 0 ? line.replace(/,/g, ", ") : line; // some lines take the generic scanner
    });

  it("gives the same log as reading alone", () => {
    const lines = many(12_000);
    const f = file(lines);
    expect(readWith(f, 3)).toEqual(readWith(f, 0));
  }, 30_000);

  it("reports the same first error, with its line in the whole file", () => {
    const lines = many(12_000);
    lines[10_500] = mint(`0x${(5).toString(16).padStart(40, "0")}`, 99_999, "1", 1); // a second mint
    lines[11_000] = "oops";
    const f = file(lines);
    const alone = readWith(f, 0);
    expect(alone).toMatch(/line 10501: second mint for 0x0+5 \(its mint is on line \d+\)$/);
    expect(readWith(f, 3)).toBe(alone);
    lines[10_500] = lines[10_501];
    const g = file(lines);
    const again = readWith(g, 3);
    expect(again).toMatch(/ line 11001: not valid JSON \(/);
    expect(again).toBe(readWith(g, 0));
  }, 30_000);
});
