import { describe, expect, it } from "vitest";
import { duration, isoTime, parseMoment } from "./time";

describe("parseMoment", () => {
  it("reads relative durations from now, unix seconds and ISO dates", () => {
    expect(parseMoment("+30s", 1000n)).toBe(1030n);
    expect(parseMoment("+2m", 1000n)).toBe(1120n);
    expect(parseMoment("+24h", 0n)).toBe(86_400n);
    expect(parseMoment("+2d", 0n)).toBe(172_800n);
    expect(parseMoment("1705881600", 0n)).toBe(1_705_881_600n);
    expect(parseMoment("2024-01-22T00:00:00Z", 0n)).toBe(1_705_881_600n);
  });
  it("refuses anything else, showing the accepted forms", () => {
    for (const bad of ["", "tomorrow", "+1w", "-1h", "2024-13-45", "1.5"]) {
      expect(() => parseMoment(bad, 0n), bad).toThrow(/is not a time/);
    }
  });
});

describe("isoTime", () => {
  it("prints UTC without milliseconds", () => {
    expect(isoTime(1_705_881_600n)).toBe("2024-01-22T00:00:00Z");
  });
});

describe("duration", () => {
  it("writes seconds as days, hours, minutes and seconds, leaving out empty units", () => {
    expect(duration(0)).toBe("0s");
    expect(duration(45)).toBe("45s");
    expect(duration(3_600)).toBe("1h");
    expect(duration(2 * 86_400 + 3 * 3_600 + 4 * 60 + 5)).toBe("2d 3h 4m 5s");
    expect(duration(-5)).toBe("0s");
  });
});
