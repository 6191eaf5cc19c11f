import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeEpoch } from "../engine/epoch";
import { renderAnomalies } from "../engine/outputs";
import { formatEvents, type SeasonEvent } from "../engine/events";
import { readAccountEvents } from "./account-events";
import { droppedRecords, isCounted, pointsBreakdown, pointsBreakdowns } from "./breakdown";
import { EVENTS, P, act, testSeason } from "./test-season";

describe("pointsBreakdown", () => {
  it("lists each action's completions with the decayed points of each, boosts and the score", () => {
    const b = pointsBreakdown(testSeason(), 2, P[0], EVENTS);
    expect(b.actions).toEqual([
      {
        action: "a",
        dapp: "A",
        completions: 3,
        counted: 3,
        cap: expect.any(Number),
        // p_k = floor(100 · 3^(k−1) / 4^(k−1)) points, in units
        perCompletion: [100_000_000n, 75_000_000n, 56_250_000n],
        units: 231_250_000n,
      },
    ]);
    expect(b.boosts.map((x) => [x.boost, x.time])).toEqual([["half", 30]]);
    expect(b.actionUnits).toBe(231_250_000n);
    expect(b.boostedUnits).toBe(346_875_000n); // × 3/2
    expect(b.scoreUnits).toBe(346_875_000n);
    expect(b.mint).toBeUndefined();
  });

  it("stops at maxRepeats and lets the dollar floor win", () => {
    const b = pointsBreakdown(testSeason(), 1, P[1], EVENTS);
    expect(b.actions).toEqual([
      {
        action: "b",
        dapp: "B",
        completions: 3,
        counted: 2,
        cap: 2,
        perCompletion: [33_333_333n, 24_999_999n],
        units: 58_333_332n,
      },
    ]);
    expect(b.mint).toEqual({ ordinal: 1, dollars: 200n, time: 5 });
    expect(b.scoreUnits).toBe(200_000_000n);
  });

  it("refuses an account's second mint, as the engine does", () => {
    const again: SeasonEvent = { kind: "mint", account: P[1], ordinal: 99, dollars: "1", time: 1 };
    expect(() => pointsBreakdown(testSeason(), 1, P[1], [...EVENTS, again])).toThrow(/second mint/);
  });

  it("counts only events before the epoch's end: later boosts, mints and actions wait", () => {
    const e1 = pointsBreakdown(testSeason(), 1, P[2], EVENTS);
    expect(e1.boosts).toEqual([]);
    expect(e1.scoreUnits).toBe(100_000_000n);
    const e2 = pointsBreakdown(testSeason(), 2, P[2], EVENTS);
    expect(e2.boosts.map((x) => x.boost)).toEqual(["fixed"]);
    expect(e2.scoreUnits).toBe(110_000_000n);
    expect(pointsBreakdown(testSeason(), 1, P[3], EVENTS).mint).toBeUndefined();
    expect(pointsBreakdown(testSeason(), 2, P[4], EVENTS).actions).toEqual([]);
  });

  it("counts a ref seen twice once, and a boost earned twice once (the engine's rules)", () => {
    const events: SeasonEvent[] = [
      act(P[0], "a", 1, 10),
      act(P[0], "a", 1, 30),
      { kind: "boost", account: P[0], boost: "fixed", time: 40 },
      { kind: "boost", account: P[0], boost: "fixed", time: 20 },
    ];
    const b = pointsBreakdown(testSeason(), 1, P[0], events);
    expect(b.actions[0].completions).toBe(1);
    expect(b.boosts).toHaveLength(1);
    expect(b.boosts[0].time).toBe(20);
    expect(b.boostedUnits).toBe(110_000_000n);
  });

  it("is empty for an account without events, and names a bad event", () => {
    const b = pointsBreakdown(testSeason(), 1, `0x${"99".repeat(20)}`, EVENTS);
    expect(b.scoreUnits).toBe(0n);
    expect(b.actions).toEqual([]);
    expect(() => pointsBreakdown(testSeason(), 1, P[0], [act(P[0], "nope", 1, 1)])).toThrow(
      /unknown action 'nope'/,
    );
    expect(() => pointsBreakdown(testSeason(), 9, P[0], EVENTS)).toThrow(/epoch 9 is not in/);
  });

  it("equals the engine's scores.csv row for every account (random seasons of events)", () => {
    const event = fc.oneof(
      fc.record({
        kind: fc.constant("action" as const),
        account: fc.constantFrom(...P),
        action: fc.constantFrom("a", "b"),
        ref: fc.integer({ min: 1, max: 40 }).map((i) => `0x${i.toString(16).padStart(64, "0")}`),
        time: fc.integer({ min: 0, max: 2100 }),
      }),
      fc.record({
        kind: fc.constant("boost" as const),
        account: fc.constantFrom(...P),
        boost: fc.constantFrom("fixed", "half"),
        time: fc.integer({ min: 0, max: 2100 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 60 }),
        fc.subarray(P),
        fc.integer({ min: 1, max: 2 }),
        (raw, minters, epoch) => {
          // a ref belongs to one (account, action): keep the first use of each ref
          const owner = new Map<string, string>();
          const events: SeasonEvent[] = raw.filter((e) => {
            if (e.kind !== "action") return true;
            const key = `${e.account}/${e.action}`;
            const first = owner.get(e.ref) ?? key;
            owner.set(e.ref, first);
            return first === key;
          });
          minters.forEach((account, i) =>
            events.push({ kind: "mint", account, ordinal: i + 1, dollars: "150", time: 100 * i }),
          );
          let result;
          try {
            result = computeEpoch({ season: testSeason(), epoch, events });
          } catch {
            return; // no positive entitlement: nothing to compare
          }
          for (const row of result.scoreRows()) {
            const b = pointsBreakdown(testSeason(), epoch, row.account, events);
            expect([b.scoreUnits, b.actionUnits, b.boostedUnits, b.dollars]).toEqual([
              row.scoreUnits,
              row.actionUnits,
              row.boostedUnits,
              row.dollars,
            ]);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("droppedRecords", () => {
  it("leaves out what the epoch dropped: every account's breakdown equals its row, squatted refs included", () => {
    const event = fc.record({
      kind: fc.constant("action" as const),
      account: fc.constantFrom(...P),
      action: fc.constantFrom("a", "b"),
      ref: fc.integer({ min: 1, max: 8 }).map((i) => `0x${i.toString(16).padStart(64, "0")}`),
      time: fc.integer({ min: 0, max: 2100 }),
    });
    let conflicts = 0;
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 40 }), (events: SeasonEvent[]) => {
        let result;
        try {
          result = computeEpoch({ season: testSeason(), epoch: 2, events });
        } catch {
          return;
        }
        conflicts += result.anomalies.length;
        const dropped = droppedRecords(renderAnomalies(result.anomalies));
        for (const row of result.scoreRows()) {
          const mine = events.filter((e) => e.account === row.account && isCounted(e, dropped));
          expect(pointsBreakdown(testSeason(), 2, row.account, mine).scoreUnits).toBe(
            row.scoreUnits,
          );
        }
      }),
      { numRuns: 100 },
    );
    expect(conflicts).toBeGreaterThan(0);
  });

  it("reads an absent file as nothing dropped and names a file that is not a list of conflicts", () => {
    expect(droppedRecords(undefined).size).toBe(0);
    expect(droppedRecords("[]\n").size).toBe(0);
    expect(() => droppedRecords("{}")).toThrow(/not a JSON array/);
    expect(() => droppedRecords('[{"ref":"0x01"}]')).toThrow(/not a ref conflict/);
  });
});

describe("readAccountEvents", () => {
  it("reads one account's events of a file, whatever the letter case, naming a bad line", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "account-events-"));
    try {
      const file = path.join(dir, "events.ndjson");
      const upper = JSON.stringify({
        ...act(P[0], "a", 99, 5),
        account: P[0].toUpperCase().replace("0X", "0x"),
      });
      fs.writeFileSync(file, formatEvents(EVENTS) + `${upper}\n`);
      const mine = await readAccountEvents(file, P[0]);
      expect(mine).toHaveLength(EVENTS.filter((e) => e.account === P[0]).length + 1);
      expect(mine.every((e) => e.account === P[0])).toBe(true);
      fs.appendFileSync(file, `{"kind":"action","account":"${P[0]}"}\n`);
      await expect(readAccountEvents(file, P[0])).rejects.toThrow(/line 14/);
      expect(await readAccountEvents(file, P[4])).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("pointsBreakdowns", () => {
  it("gives every account what pointsBreakdown gives it alone, with one log", () => {
    const accounts = [...P, `0x${"99".repeat(20)}`];
    for (const epoch of [1, 2]) {
      const all = pointsBreakdowns(testSeason(), epoch, accounts, EVENTS);
      for (const a of accounts)
        expect(all.get(a), a).toEqual(pointsBreakdown(testSeason(), epoch, a, EVENTS));
    }
  });
});
