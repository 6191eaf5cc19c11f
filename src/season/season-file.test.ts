import { describe, expect, it } from "vitest";
import { parseSeasonFile, resolveSeason } from "./season-file";
import { season1SeasonFile } from "./season1-template";

const START = 1_705_276_800; // 2024-01-15, Season 1's first day
const REWARD = "0x00000000000000000000000000000000000000aa";
const REGISTRAR = "0x00000000000000000000000000000000000000bb";

function file(mutate: (raw: Record<string, any>) => void = () => {}): Record<string, any> {
  const raw = season1SeasonFile({ start: START, epochs: 2, registrar: REGISTRAR }) as Record<
    string,
    any
  >;
  mutate(raw);
  return raw;
}

describe("season file", () => {
  it("accepts the Season 1 template and resolves pool symbols to deployed addresses", () => {
    const parsed = parseSeasonFile(file(), "season.json");
    expect(parsed.chain?.mint.tiers).toHaveLength(5);
    expect(parsed.symbols).toEqual(["tUSDC", "tUSDT", "tWETH", "tWBTC", "tMETIS", "tREWARD"]);
    const season = resolveSeason(parsed, (s) => (s === "tREWARD" ? REWARD : undefined));
    expect(season.rewards.epochs.map((e) => e.pools)).toEqual([
      { [REWARD]: "100000000000000000000000" },
      { [REWARD]: "100000000000000000000000" },
    ]);
    expect(season.rewards.epochs[1].endTime).toBe(START + 2 * 7 * 86_400);
    expect(Object.keys(season.actions)).toContain("join");
  });

  it("keeps address-keyed pools as they are, and needs no chain section for them", () => {
    const parsed = parseSeasonFile(
      file((raw) => {
        delete raw.chain;
        raw.rewards.epochs.forEach((e: any) => (e.pools = { [REWARD]: "5" }));
      }),
    );
    expect(parsed.chain).toBeUndefined();
    expect(resolveSeason(parsed, () => undefined).rewards.epochs[0].pools).toEqual({
      [REWARD]: "5",
    });
  });

  it("names the pool whose symbol the file does not define, or that is not deployed", () => {
    const parsed = () =>
      parseSeasonFile(
        file((raw) => (raw.rewards.epochs[1].pools = { tFOO: "1" })),
        "season.json",
      );
    expect(parsed).toThrow(
      "season.json: rewards.epochs[1].pools.tFOO: is neither a token address nor a symbol of chain.mint.basket or chain.tokens",
    );
    expect(() => resolveSeason(parseSeasonFile(file(), "s.json"), () => undefined)).toThrow(
      "s.json: rewards.epochs[0].pools.tREWARD: token tREWARD is not deployed on this network",
    );
  });

  it("names the field of every kind of mistake", () => {
    const cases: [(raw: Record<string, any>) => void, RegExp][] = [
      [
        (r) => (r.chain.distributor.timelock = -1),
        /chain\.distributor\.timelock: must be at least 0/,
      ],
      [
        (r) => (r.chain.distributor.guardian = "0x12"),
        /chain\.distributor\.guardian.*20-byte hex address/,
      ],
      [
        (r) => (r.chain.relay[0].account = "amount0In"),
        /chain\.relay\[0\]\.account: 'amount0In' is a uint256, not an address/,
      ],
      [(r) => (r.chain.dapps = "real"), /chain\.dapps/],
      [(r) => (r.chain.extra = 1), /chain.*unknown key 'extra'/],
      [(r) => (r.chain.mint.tiers[0].dollars = 0), /chain\.mint/],
      [
        (r) => r.chain.tokens.push({ symbol: "tUSDC", name: "again", decimals: 6 }),
        /symbol tUSDC is defined twice/,
      ],
      [(r) => (r.actions["netswap.swap"].points = "1.1234567"), /actions.*netswap\.swap.*points/],
      [
        (r) => (r.rewards.epochs[1].endTime = r.rewards.epochs[0].endTime),
        /rewards.*epochs.*1.*endTime/,
      ],
      [(r) => (r.rewards.curve = "lottery"), /rewards.*curve/],
    ];
    for (const [mutate, message] of cases) {
      expect(() => parseSeasonFile(file(mutate), "season.json"), String(message)).toThrow(message);
    }
  });
});
