import { describe, expect, it } from "vitest";
import { renderSeasonStatus, seasonStatusJson, wholeTokens, type SeasonStatus } from "./status";

const A = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const status: SeasonStatus = {
  season: "Season 1",
  network: "localhost",
  chainId: "31337",
  chainTime: 1_800_000_000,
  contracts: [{ name: "TieredMint", address: A, block: 3 }],
  roles: {
    owner: A,
    guardian: null,
    publishers: [A],
    registrar: null,
    reporters: [
      { dapp: "Netswap", reporters: [A] },
      { dapp: "Midas Games", reporters: [] },
    ],
  },
  mint: {
    state: "open",
    mode: "open",
    claims: 1234n,
    tiers: [
      { tier: 1, ordinals: "1–100", dollars: 10_000n, claims: 100n },
      { tier: 2, ordinals: "101+", dollars: 200n, claims: 1134n },
    ],
    nextOrdinal: 1235n,
    nextTier: 2,
  },
  riddles: [
    {
      key: "riddle-01",
      phase: "reveal",
      commitDeadline: 1_799_990_000,
      revealDeadline: 1_800_010_000,
      revealed: true,
      winners: 7,
    },
  ],
  epochs: [
    { epoch: 1, endTime: 1_799_000_000, state: "accepted", root: "0x01" },
    { epoch: 2, endTime: 1_799_500_000, state: "pending", root: "0x02", validAt: 1_800_003_600 },
    { epoch: 3, endTime: 1_900_000_000, state: "running" },
  ],
  tokens: [
    {
      token: A,
      symbol: "tREWARD",
      decimals: 18,
      funded: 1_500n * 10n ** 18n,
      allocated: 2_000n * 10n ** 18n,
      claimed: 250n * 10n ** 18n + 5n * 10n ** 17n,
      owed: 1_749n * 10n ** 18n + 5n * 10n ** 17n,
      balance: 1_249n * 10n ** 18n + 5n * 10n ** 17n,
      shortfall: 500n * 10n ** 18n,
    },
  ],
  next: {
    command: "npx hardhat rewards:fund --network localhost --season season.json --epoch 2 --mint",
    why: "epoch 2 is published and the distributor cannot pay it in full yet",
  },
};

describe("season status", () => {
  it("shows roles, mint tiers from 1, riddles, epochs with the accept time, whole tokens and the next command", () => {
    const text = renderSeasonStatus(status);
    expect(text).toMatch(/^guardian +none \(only the owner can revoke a root or pause claims\)$/m);
    expect(text).toMatch(/^registrar +none \(open mint\)$/m);
    expect(text).toMatch(/^reporter Midas Games +none$/m);
    expect(text).toContain("Mint: open, open mode, 1,234 claims; next ordinal 1,235 is in tier 2");
    expect(text).toMatch(/^ {3}1 {2}1–100 +\$10,000 +100$/m);
    expect(text).toMatch(/^riddle-01 +reveal .* revealed +7$/m);
    expect(text).toMatch(/^ {4}2 +\S+ +pending +acceptable from 2027-01-15T09:00:00Z$/m);
    expect(text).toMatch(/^ {4}3 +\S+ +running +ends /m);
    expect(text).toMatch(
      /^tREWARD +1,500 tREWARD +2,000 tREWARD +250\.5 tREWARD +1,749\.5 tREWARD +1,249\.5 tREWARD +500 tREWARD$/m,
    );
    expect(text.split("\n").at(-1)).toBe(`next: ${status.next.command}`);
  });

  it("writes base units in JSON", () => {
    const json = JSON.parse(seasonStatusJson(status)) as SeasonStatus & {
      tokens: { shortfall: string }[];
    };
    expect(json.tokens[0].shortfall).toBe("500000000000000000000");
    expect(json.mint.nextTier).toBe(2);
    expect(json.next.command).toBe(status.next.command);
  });

  it("groups whole tokens", () => {
    expect(wholeTokens(1_234_567_891n, 6, "tUSDC")).toBe("1,234.567891 tUSDC");
    expect(wholeTokens(0n, 18, "tREWARD")).toBe("0 tREWARD");
  });
});
