import { describe, expect, it } from "vitest";
import {
  catalogDApps,
  catalogFromSeason,
  checkCatalog,
  SEASON1_CATALOG,
  type CatalogAction,
} from "./catalog";

describe("SEASON1_CATALOG", () => {
  it("holds the pinned default Season 1 keys and base points, 24 repeats each", () => {
    const byKey = Object.fromEntries(SEASON1_CATALOG.map((a) => [a.key, a]));
    expect(Object.keys(byKey)).toHaveLength(14);
    expect(byKey["join"]).toEqual({
      key: "join",
      dapp: "Season",
      basePoints: 500_000_000n,
      maxRepeats: 24,
    });
    expect(byKey["netswap.swap"].basePoints).toBe(300_000_000n);
    expect(byKey["tethys.open-position"].basePoints).toBe(400_000_000n);
    expect(byKey["midas.buy-ticket"].dapp).toBe("Midas Games");
    expect(byKey["league.bet"].basePoints).toBe(1_000_000_000n);
    expect(byKey["hummus.deposit"].basePoints).toBe(500_000_000n);
    expect(SEASON1_CATALOG.every((a) => a.maxRepeats === 24)).toBe(true);
    expect(() => checkCatalog(SEASON1_CATALOG)).not.toThrow();
  });

  it("lists its dApps once each, in order", () => {
    expect(catalogDApps(SEASON1_CATALOG)).toEqual([
      "Season",
      "Netswap",
      "Tethys Finance",
      "Midas Games",
      "League.Tech",
      "Hummus Finance",
    ]);
  });
});

describe("checkCatalog", () => {
  const ok: CatalogAction = { key: "a.b", dapp: "A", basePoints: 1n, maxRepeats: 0 };
  it("names the first problem", () => {
    expect(() => checkCatalog([ok, ok])).toThrow(/'a.b' appears twice/);
    expect(() => checkCatalog([{ ...ok, key: "" }])).toThrow(/action key ''/);
    expect(() => checkCatalog([{ ...ok, key: "x".repeat(65) }])).toThrow(/1 to 64 bytes/);
    expect(() => checkCatalog([{ ...ok, dapp: " A" }])).toThrow(/dApp of 'a.b'/);
    expect(() => checkCatalog([{ ...ok, basePoints: 0n }])).toThrow(/above zero/);
    expect(() => checkCatalog([{ ...ok, basePoints: 2n ** 64n }])).toThrow(/uint64/);
    expect(() => checkCatalog([{ ...ok, maxRepeats: -1 }])).toThrow(/maxRepeats/);
  });
});

describe("catalogFromSeason", () => {
  it("reads the season file's actions section, ignoring other sections", () => {
    const catalog = catalogFromSeason({
      name: "Season 1",
      actions: {
        "netswap.swap": { dapp: "Netswap", points: "100" },
        "tethys.stake-tlp": { dapp: "Tethys Finance", points: "33.333333", maxRepeats: 24 },
      },
      boosts: {},
    });
    expect(catalog).toEqual([
      { key: "netswap.swap", dapp: "Netswap", basePoints: 100_000_000n, maxRepeats: 0 },
      { key: "tethys.stake-tlp", dapp: "Tethys Finance", basePoints: 33_333_333n, maxRepeats: 24 },
    ]);
  });

  it("names the field of a bad entry", () => {
    expect(() => catalogFromSeason({})).toThrow(/season file: actions: /);
    expect(() => catalogFromSeason({ actions: { x: { dapp: "X", points: 3 } } })).toThrow(
      /season file: actions.x.points/,
    );
    expect(() => catalogFromSeason({ actions: { x: { dapp: "X", points: "1.1234567" } } })).toThrow(
      /actions.x.points: '1.1234567' is not a points decimal/,
    );
    expect(() => catalogFromSeason({ actions: { x: { dapp: "X", points: "0" } } })).toThrow(
      /'x': base points must be above zero/,
    );
  });
});
