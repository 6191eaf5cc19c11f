import { describe, expect, it } from "vitest";
import {
  EventLineError,
  formatEvent,
  formatEvents,
  parseEventLine,
  type SeasonEvent,
} from "./events";

const ALICE = "0x00000000000000000000000000000000000a11ce";
const REF = `0x${"ab".repeat(32)}`;

describe("events format", () => {
  it("parses the three kinds and normalises hex to lowercase", () => {
    expect(
      parseEventLine(
        `{"kind":"mint","account":"${ALICE.toUpperCase().replace("0X", "0x")}","ordinal":17,"dollars":"10000","time":1705300000}`,
        1,
      ),
    ).toEqual({ kind: "mint", account: ALICE, ordinal: 17, dollars: "10000", time: 1705300000 });
    expect(
      parseEventLine(
        `{"kind":"action","account":"${ALICE}","action":"netswap.swap","ref":"${REF.toUpperCase().replace("0X", "0x")}","time":1}`,
        2,
      ),
    ).toEqual({ kind: "action", account: ALICE, action: "netswap.swap", ref: REF, time: 1 });
    expect(
      parseEventLine(`{"time":5,"boost":"riddle-01","account":"${ALICE}","kind":"boost"}`, 3),
    ).toEqual({
      kind: "boost",
      account: ALICE,
      boost: "riddle-01",
      time: 5,
    });
  });

  it.each([
    ["nope", "line 4: not valid JSON"],
    ["[1]", "line 4: must be a JSON object"],
    [
      `{"kind":"burn","account":"${ALICE}","time":1}`,
      'line 4: kind: kind must be "mint", "action" or "boost"',
    ],
    [
      `{"kind":"boost","account":"0x12","boost":"r","time":1}`,
      "line 4: account: must be a 0x-prefixed 20-byte hex address",
    ],
    [
      `{"kind":"boost","account":"0x${"0".repeat(40)}","boost":"r","time":1}`,
      "line 4: account: must not be the zero address",
    ],
    [
      `{"kind":"boost","account":"${ALICE}","boost":"r","time":1.5}`,
      "line 4: time: must be an integer",
    ],
    [
      `{"kind":"boost","account":"${ALICE}","boost":"r","time":-1}`,
      "line 4: time: must not be negative",
    ],
    [`{"kind":"boost","account":"${ALICE}","boost":"r"}`, "line 4: time: is required"],
    [
      `{"kind":"boost","account":"${ALICE}","boost":"r","time":1,"extra":2}`,
      "line 4: unknown key 'extra'",
    ],
    [
      `{"kind":"action","account":"${ALICE}","action":"a","ref":"0x12","time":1}`,
      "line 4: ref: must be 0x followed by 64 hex digits",
    ],
    [
      `{"kind":"mint","account":"${ALICE}","ordinal":0,"dollars":"1","time":1}`,
      "line 4: ordinal: must be at least 1",
    ],
    [
      `{"kind":"mint","account":"${ALICE}","ordinal":1,"dollars":"1.5","time":1}`,
      "line 4: dollars: must be a non-negative integer",
    ],
    [
      `{"kind":"mint","account":"${ALICE}","ordinal":1,"dollars":10,"time":1}`,
      "line 4: dollars: expected string, received number",
    ],
  ])("refuses %s", (line, message) => {
    expect(() => parseEventLine(line, 4)).toThrow(EventLineError);
    expect(() => parseEventLine(line, 4)).toThrow(message);
  });

  it("writes canonical lines that parse back to the same events", () => {
    const events: SeasonEvent[] = [
      { kind: "mint", account: ALICE, ordinal: 1, dollars: "200", time: 10 },
      { kind: "action", account: ALICE, action: "join", ref: REF, time: 11 },
      { kind: "boost", account: ALICE, boost: "riddle-02", time: 12 },
    ];
    expect(formatEvent(events[0])).toBe(
      `{"kind":"mint","account":"${ALICE}","ordinal":1,"dollars":"200","time":10}`,
    );
    const lines = formatEvents(events).split("\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.slice(0, 3).map((l, i) => parseEventLine(l, i + 1))).toEqual(events);
  });
});
