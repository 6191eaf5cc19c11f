import { describe, expect, it } from "vitest";
import {
  formatPrice,
  mintConfigToJson,
  parseMintConfig,
  parsePrice,
  validateMintConfig,
  type MintConfigJson,
} from "./config";
import { SEASON1_MINT_CONFIG } from "./season1";
import { OPEN_TIER } from "./tiers";

const REGISTRAR = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

function json(overrides: Partial<MintConfigJson> = {}): MintConfigJson {
  return { ...mintConfigToJson(SEASON1_MINT_CONFIG), ...overrides };
}

describe("prices", () => {
  it("parse dollars with up to 8 decimals exactly and print them back", () => {
    expect(parsePrice("3000")).toBe(300_000_000_000n);
    expect(parsePrice("0.9995")).toBe(99_950_000n);
    expect(parsePrice("0.00000001")).toBe(1n);
    for (const p of [1n, 99_950_000n, 300_000_000_000n, 123_456_789n]) {
      expect(parsePrice(formatPrice(p))).toBe(p);
    }
    expect(formatPrice(99_950_000n)).toBe("0.9995");
    expect(formatPrice(300_000_000_000n)).toBe("3000");
  });
  it("refuse anything else", () => {
    for (const bad of ["", "1.", ".5", "-1", "1e3", "0.000000001", "$1"]) {
      expect(() => parsePrice(bad)).toThrow("is not a price");
    }
  });
});

describe("parseMintConfig", () => {
  it("round-trips the Season 1 configuration through its JSON form", () => {
    expect(parseMintConfig(JSON.parse(JSON.stringify(json())))).toEqual(SEASON1_MINT_CONFIG);
  });

  it("reads numbers or digit strings, 'open', and a voucher registrar", () => {
    const config = parseMintConfig({
      mode: "voucher",
      registrar: REGISTRAR.toLowerCase(),
      openingTime: 1_767_225_600,
      tiers: [
        { lastOrdinal: 10, dollars: "300" },
        { lastOrdinal: "open", dollars: 100 },
      ],
      basket: [{ symbol: "tUSDC", name: "USD", decimals: 6, weightBps: 10_000, price: "1" }],
    });
    expect(config.registrar).toBe(REGISTRAR);
    expect(config.openingTime).toBe(1_767_225_600n);
    expect(config.tiers).toEqual([
      { lastOrdinal: 10n, dollars: 300n },
      { lastOrdinal: OPEN_TIER, dollars: 100n },
    ]);
  });

  it("refuses malformed input with one line naming the field", () => {
    const cases: [unknown, string][] = [
      [null, "mint config: (root)"],
      [json({ mode: "closed" as never }), "mint config: mode"],
      [{ ...json(), extra: 1 }, "mint config: (root)"],
      [json({ tiers: [{ lastOrdinal: -1, dollars: 1 }] }), "mint config: tiers.0.lastOrdinal"],
      [json({ tiers: [{ lastOrdinal: "open", dollars: "1.5" }] }), "mint config: tiers.0.dollars"],
      [json({ openingTime: "soon" }), "mint config: openingTime"],
      [
        json({ registrar: "0x1234", mode: "voucher" }),
        "mint config: registrar must be a 0x-prefixed",
      ],
      [
        json({
          basket: [{ symbol: "t USD", name: "x", decimals: 6, weightBps: 10_000, price: "1" }],
        }),
        "basket.0.symbol",
      ],
      [
        json({
          basket: [{ symbol: "t", name: "x", decimals: 6, weightBps: 10_000, price: "one" }],
        }),
        "mint config: basket.0.price 'one' is not a price",
      ],
    ];
    for (const [raw, message] of cases) {
      expect(() => parseMintConfig(raw)).toThrow(message);
      try {
        parseMintConfig(raw);
      } catch (e) {
        expect((e as Error).message).not.toContain("\n");
      }
    }
  });

  it("applies the contract's rules and the mode/registrar pairing", () => {
    expect(() =>
      parseMintConfig(json({ tiers: [{ lastOrdinal: 100, dollars: 1 }] }), "season.json"),
    ).toThrow("season.json: the final tier must be open");
    expect(() =>
      parseMintConfig(
        json({ basket: [{ symbol: "t", name: "x", decimals: 6, weightBps: 5_000, price: "1" }] }),
      ),
    ).toThrow("weights must sum to 10000");
    expect(() => parseMintConfig(json({ mode: "voucher" }))).toThrow(
      "voucher mode needs a registrar",
    );
    expect(() => parseMintConfig(json({ registrar: REGISTRAR }))).toThrow(
      "open mode takes no registrar",
    );
    const twice = json()
      .basket.slice(0, 2)
      .map((t) => ({ ...t, symbol: "tUSD", weightBps: 5_000 }));
    expect(() => parseMintConfig(json({ basket: twice }))).toThrow("symbol 'tUSD' appears twice");
    expect(() => parseMintConfig(json({ openingTime: (2n ** 64n).toString() }))).toThrow("64 bits");
  });

  it("validates typed configurations the same way", () => {
    expect(() => validateMintConfig(SEASON1_MINT_CONFIG)).not.toThrow();
    expect(() => validateMintConfig({ ...SEASON1_MINT_CONFIG, tiers: [] })).toThrow("1 to 16 rows");
  });
});
