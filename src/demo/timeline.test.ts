import { describe, expect, it } from "vitest";
import { epochTimeline } from "./timeline";

const start = 1_767_225_600;
const base = { start, epochSeconds: 86_400, timelock: 3_600 };

describe("epochTimeline", () => {
  it("orders the day's phases inside the epoch, after the previous epoch's timelock", () => {
    for (const epoch of [1, 2, 3]) {
      const t = epochTimeline({ ...base, epoch });
      expect(t.begin).toBe(start + (epoch - 1) * 86_400);
      expect(t.end).toBe(t.begin + 86_400);
      const order = [
        t.begin + base.timelock,
        t.mint,
        t.wave1,
        t.riddlePublish,
        t.commits,
        t.commitDeadline,
        t.participantReveal,
        t.wave2,
        t.revealDeadline,
        t.end,
      ];
      for (let i = 1; i < order.length; i++) expect(order[i]).toBeGreaterThan(order[i - 1]);
      // The board accepts the operator's reveal from the commit deadline on, and participants'
      // reveals after it, until the reveal deadline.
      expect(t.operatorReveal).toBe(t.commitDeadline);
      expect(t.participantReveal).toBeLessThan(t.revealDeadline);
    }
  });

  it("refuses epochs too short for the day, and bad numbers", () => {
    expect(() => epochTimeline({ ...base, epochSeconds: 6 * 3_600, epoch: 1 })).toThrow(
      /cannot hold the demo's day/,
    );
    expect(() => epochTimeline({ ...base, epoch: 0 })).toThrow(/at least 1/);
    expect(() => epochTimeline({ ...base, timelock: -1, epoch: 1 })).toThrow(/timelock/);
  });
});
