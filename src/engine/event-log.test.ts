import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EventLog } from "./event-log";
import { addEvents, readEventsFile, readEventsText } from "./event-reader";
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

function errorOf(lines: string[], slow = false): string {
  try {
    read(lines, slow);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("event log rules", () => {
  it("counts a ref seen twice with the same account and action once, at its earliest time", () => {
    const log = read([
      action(A, "netswap.swap", REF1, 50),
      action(A, "netswap.swap", REF1, 20),
      action(A, "netswap.swap", REF2, 30),
    ]);
    expect(log.actionCount).toBe(2);
    expect(log.actTime[0]).toBe(20);
    expect(log.lines).toBe(3);
  });

  it("keeps the first record of a ref in chain order and lists the conflicting ones, stopping nothing", () => {
    const log = read([
      action(B, "netswap.swap", REF1, 9), // the squat: later in time, earlier in the file
      action(A, "netswap.swap", REF1, 5),
      action(A, "join", REF2, 7),
      action(A, "netswap.swap", REF1, 8), // a duplicate of the first: the same completion
      action(B, "join", REF2, 7), // same time: the earlier line wins
    ]);
    expect(log.actionCount).toBe(2);
    expect(log.anomalies).toEqual([
      {
        kind: "ref-conflict",
        ref: REF2,
        dapp: "",
        kept: { line: 3, account: A, action: "join", time: 7 },
        dropped: { line: 5, account: B, action: "join", time: 7 },
      },
      {
        kind: "ref-conflict",
        ref: REF1,
        dapp: "",
        kept: { line: 2, account: A, action: "netswap.swap", time: 5 },
        dropped: { line: 1, account: B, action: "netswap.swap", time: 9 },
      },
    ]);
    // The same records in any line order give the same kept records and anomalies (but lines).
    const reversed = read([
      action(B, "join", REF2, 8),
      action(A, "netswap.swap", REF1, 8),
      action(A, "join", REF2, 7),
      action(A, "netswap.swap", REF1, 5),
      action(B, "netswap.swap", REF1, 9),
    ]);
    expect(reversed.anomalies.map((x) => [x.kept.account, x.dropped.account])).toEqual([
      [A, B],
      [A, B],
    ]);
  });

  it("scopes refs by dApp: another dApp's record of the same ref is its own record", () => {
    const scoped = {
      ...catalog,
      actionScopes: [0, 1],
      scopeNames: ["Season", "Netswap"],
    };
    const log = new EventLog(scoped);
    readEventsText(
      [
        action(A, "join", REF1, 1),
        action(B, "netswap.swap", REF1, 2), // another dApp: no collision
        action(A, "netswap.swap", REF1, 3), // the same dApp as line 2: a conflict
      ].join("\n"),
      log,
    );
    expect(log.actionCount).toBe(2);
    expect(log.anomalies).toHaveLength(1);
    expect(log.anomalies[0].dapp).toBe("Netswap");
    expect(log.anomalies[0].kept.account).toBe(B);
    expect(log.anomalies[0].dropped.line).toBe(3);
  });

  it("refuses a second mint and a reused ordinal", () => {
    expect(
      errorOf([mint(A, 1, "10000", 1), action(A, "join", REF1, 1), mint(A, 2, "5000", 2)]),
    ).toBe(`line 3: second mint for ${A} (its mint is on line 1)`);
    expect(errorOf([mint(A, 7, "10000", 1), mint(B, 7, "10000", 2)])).toBe(
      `line 2: mint ordinal 7 was already claimed by ${A} on line 1`,
    );
  });

  it("refuses unknown actions and boosts", () => {
    expect(errorOf([boost(A, "riddle-01", 1), action(A, "netswap.dance", REF1, 1)])).toBe(
      "line 2: unknown action 'netswap.dance' (not in the season's actions)",
    );
    expect(errorOf([boost(A, "riddle-09", 1)])).toBe(
      "line 1: unknown boost 'riddle-09' (not in the season's boosts)",
    );
  });

  it("refuses malformed lines with their number", () => {
    expect(errorOf([boost(A, "riddle-01", 1), '{"kind":"boost",'])).toMatch(
      /^line 2: not valid JSON/,
    );
    expect(errorOf([boost(A, "riddle-01", 1), "", "", "42"])).toBe("line 4: must be a JSON object");
  });

  it("counts a boost earned twice once, at its earliest time", () => {
    const log = read([
      boost(A, "riddle-01", 9),
      boost(A, "riddle-01", 3),
      boost(A, "riddle-02", 4),
      boost(B, "riddle-01", 5),
    ]);
    expect(log.boostCount).toBe(3);
    expect(log.bstTime[0]).toBe(3);
  });

  it("skips blank lines and accepts CRLF and any key order", () => {
    const log = read([
      "",
      `  {"time":3,"ref":"${REF1}","action":"join","account":"${A.toUpperCase().replace("0X", "0x")}","kind":"action"}\r`,
      "   ",
    ]);
    expect(log.actionCount).toBe(1);
    expect(log.accountHex(0)).toBe(A);
  });

  it("names the file in errors and reads files larger than one chunk", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "events-"));
    const file = path.join(dir, "events.ndjson");
    fs.writeFileSync(file, `${boost(A, "riddle-01", 1)}\nbad\n`);
    expect(() => readEventsFile(file, new EventLog(catalog))).toThrow(
      `${file} line 2: not valid JSON`,
    );
    expect(() => readEventsFile(path.join(dir, "none"), new EventLog(catalog))).toThrow(
      "cannot read (ENOENT)",
    );
    const lines = Array.from({ length: 3000 }, (_, i) =>
      action(A, "netswap.swap", `0x${i.toString(16).padStart(64, "0")}`, i),
    );
    fs.writeFileSync(file, lines.join("\n")); // no final newline
    const log = new EventLog(catalog);
    readEventsFile(file, log);
    expect(log.actionCount).toBe(3000);
  });

  it("takes event objects too", () => {
    const log = new EventLog(catalog);
    addEvents([{ kind: "boost", account: A, boost: "riddle-02", time: 1 }], log);
    expect(log.boostCount).toBe(1);
    expect(() =>
      addEvents([{ kind: "boost", account: A, boost: "x", time: 1 }], new EventLog(catalog)),
    ).toThrow("line 1: unknown boost 'x'");
  });
});
