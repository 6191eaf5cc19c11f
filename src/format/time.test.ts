import { describe, expect, it } from "vitest";
import { duration, isoTime, parseDuration, parseMoment } from "./time";

describe("parseMoment", () => {
  it("reads relative durations from now, unix seconds and ISO dates", () => {
    expect(parseMoment("+30s", 1000n)).toBe(1030n);
    expect(parseMoment("+2m", 1000n)).toBe(1120n);
    expect(parseMoment("+24h", 0n)).toBe(86_400n);
    expect(parseMoment("+2d", 0n)).toBe(172_800n);
    expect(parseMoment("1705881600", 0n)).toBe(1_705_881_600n);
    expect(parseMoment("2024-01-22T00:00:00Z", 0n)).toBe(1_705_881_600n);
  });
  it("reads weeks, 'now', a date alone (midnight UTC) and a zone offset", () => {
    expect(parseMoment("+1w", 10n)).toBe(604_810n);
    expect(parseMoment("now", 1234n)).toBe(1234n);
    expect(parseMoment(" now ", 1234n)).toBe(1234n);
    expect(parseMoment("2024-01-22", 0n)).toBe(1_705_881_600n);
    expect(parseMoment("2024-01-22T02:00:00+02:00", 0n)).toBe(1_705_881_600n);
    expect(parseMoment("2024-01-22T00:00Z", 0n)).toBe(1_705_881_600n);
    expect(parseMoment("2024-02-29", 0n)).toBe(1_709_164_800n);
  });
  it("refuses anything else, showing the accepted forms", () => {
    for (const bad of [
      "",
      "tomorrow",
      "+1y",
      "-1h",
      "2024-13-45",
      "2027-02-30",
      "2027-01-31T12:00:00",
      "1.5",
      "1e9",
      "+",
      "+-5m",
    ]) {
      expect(() => parseMoment(bad, 0n), bad).toThrow(/is not a time/);
    }
  });
});

describe("parseDuration", () => {
  it("reads whole seconds and numbers with a unit", () => {
    expect(parseDuration("3600")).toBe(3600n);
    expect(parseDuration("0")).toBe(0n);
    expect(parseDuration("90s")).toBe(90n);
    expect(parseDuration("30m")).toBe(1800n);
    expect(parseDuration("24h")).toBe(86_400n);
    expect(parseDuration("7d")).toBe(604_800n);
    expect(parseDuration("2w")).toBe(1_209_600n);
  });
  it("refuses signs, fractions, unknown units and times", () => {
    for (const bad of ["", "-5", "+5m", "1.5h", "5y", "h", "2027-01-01", "1e3"])
      expect(() => parseDuration(bad), bad).toThrow(/is not a duration \(seconds, or 90s/);
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
