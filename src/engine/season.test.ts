import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadSeasonFile, parseSeason, seasonEpoch, seasonShape } from "./season";

const TOKEN = "0x1111111111111111111111111111111111111111";

/** The example season. */
function season(): Record<string, unknown> {
  return {
    name: "Season 1",
    actions: {
      "netswap.swap": { dapp: "Netswap", points: "100" },
      "tethys.stake-tlp": { dapp: "Tethys Finance", points: "33.333333", maxRepeats: 24 },
    },
    boosts: {
      "riddle-01": { kind: "fixed", points: "500" },
      "riddle-02": { kind: "multiplier", numerator: 5, denominator: 4 },
    },
    rewards: {
      curve: "rank-linear",
      epochs: [{ epoch: 1, endTime: 1705881600, pools: { [TOKEN]: "1000000000000000000000" } }],
    },
  };
}

function errorOf(mutate: (s: Record<string, any>) => void): string {
  const s = season();
  mutate(s);
  try {
    parseSeason(s);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("season file", () => {
  it("accepts the issue's example and defaults the curve and boosts", () => {
    const s = parseSeason(season());
    expect(s.actions["tethys.stake-tlp"].maxRepeats).toBe(24);
    const minimal = season();
    delete minimal.boosts;
    delete (minimal.rewards as Record<string, unknown>).curve;
    const m = parseSeason(minimal);
    expect(m.rewards.curve).toBe("rank-linear");
    expect(m.boosts).toEqual({});
  });

  it("accepts the shipped example", () => {
    const s = loadSeasonFile(path.join(__dirname, "../../examples/season-1/season.json"));
    expect(Object.keys(s.actions)).toHaveLength(14);
    expect(seasonEpoch(s, 2).endTime).toBe(1706486400);
  });

  it.each([
    [(s: any) => (s.extra = 1), "unknown key 'extra'"],
    [
      (s: any) => (s.actions["netswap.swap"].point = "1"),
      "actions.netswap.swap: unknown key 'point'",
    ],
    [(s: any) => delete s.name, "name: is required"],
    [
      (s: any) => (s.actions["netswap.swap"].points = "1.0000001"),
      "actions.netswap.swap.points: must be a decimal string of points",
    ],
    [
      (s: any) => (s.actions["netswap.swap"].points = 100),
      "actions.netswap.swap.points: expected string, received number",
    ],
    [
      (s: any) => (s.actions["netswap.swap"].maxRepeats = 0),
      "actions.netswap.swap.maxRepeats: must be at least 1",
    ],
    [(s: any) => (s.actions = {}), "actions: must list at least one action"],
    [
      (s: any) => (s.actions["Netswap Swap"] = { dapp: "x", points: "1" }),
      "actions.Netswap Swap: invalid key: must be lowercase",
    ],
    [
      (s: any) => (s.boosts["riddle-03"] = { kind: "double" }),
      'boosts.riddle-03.kind: kind must be one of "fixed", "multiplier"',
    ],
    [
      (s: any) => (s.boosts["riddle-02"].numerator = 3),
      "boosts.riddle-02.numerator: must be greater than the denominator",
    ],
    [
      // 4/4, which the riddle board refuses with InvalidBoostParams
      (s: any) => ((s.boosts["riddle-02"].numerator = 4), (s.boosts["riddle-02"].denominator = 4)),
      "boosts.riddle-02.numerator: must be greater than the denominator",
    ],
    [
      (s: any) => (s.boosts["riddle-01"] = { kind: "fixed", points: "0.000000" }),
      "boosts.riddle-01.points: must be above zero",
    ],
    [
      (s: any) => (s.boosts["riddle-02"].denominator = 0),
      "boosts.riddle-02.denominator: must be at least 1",
    ],
    [(s: any) => (s.rewards.curve = "linear"), "rewards.curve: Invalid option"],
    [(s: any) => (s.rewards.epochs = []), "rewards.epochs: must list at least one epoch"],
    [(s: any) => (s.rewards.epochs[0].epoch = 2), "rewards.epochs[0].epoch: must be 1"],
    [
      (s: any) => (s.rewards.epochs[0].endTime = -1),
      "rewards.epochs[0].endTime: must not be negative",
    ],
    [
      (s: any) => (s.rewards.epochs[0].pools = { "0x12": "1" }),
      "rewards.epochs[0].pools.0x12: invalid key: must be a 0x-prefixed 20-byte hex token address",
    ],
    [
      (s: any) => (s.rewards.epochs[0].pools[TOKEN] = "1e21"),
      `rewards.epochs[0].pools.${TOKEN}: must be a non-negative integer`,
    ],
    [
      (s: any) => (s.rewards.epochs[0].pools[TOKEN] = (2n ** 256n).toString()),
      "must fit in a uint256",
    ],
  ])("names the field and why: %#", (mutate, message) => {
    expect(errorOf(mutate)).toContain(message);
  });

  it("requires epochs numbered in order with increasing end times", () => {
    const msg = errorOf((s: any) =>
      s.rewards.epochs.push({ epoch: 2, endTime: 1705881600, pools: {} }),
    );
    expect(msg).toBe("rewards.epochs[1].endTime: must be after epoch 1's endTime 1705881600");
  });

  it("refuses the same token twice in different letter case", () => {
    const msg = errorOf((s: any) => {
      s.rewards.epochs[0].pools = { ["0x" + "ab".repeat(20)]: "1", ["0x" + "AB".repeat(20)]: "2" };
    });
    expect(msg).toContain("is the same token as");
  });

  it("can be extended with more sections", () => {
    const extended = z.strictObject({ ...seasonShape, tokens: z.array(z.string()) });
    const s = parseSeason({ ...season(), tokens: ["tUSDC"] }, extended);
    expect(s.tokens).toEqual(["tUSDC"]);
    expect(() => parseSeason({ ...season(), tokens: [], tokenz: [] }, extended)).toThrow(
      "unknown key 'tokenz'",
    );
  });

  it("names the file when it cannot be read or parsed", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "season-"));
    const file = path.join(dir, "season.json");
    expect(() => loadSeasonFile(file)).toThrow(`${file}: cannot read (ENOENT)`);
    fs.writeFileSync(file, "{ nope");
    expect(() => loadSeasonFile(file)).toThrow(`${file}: not valid JSON`);
    fs.writeFileSync(file, JSON.stringify({ ...season(), name: "" }));
    expect(() => loadSeasonFile(file)).toThrow(`${file}: name: must not be empty`);
  });

  it("says which epochs exist", () => {
    expect(() => seasonEpoch(parseSeason(season()), 2)).toThrow(
      "epoch 2 is not in the season (it has epochs 1 to 1)",
    );
  });
});
