import { describe, expect, it } from "vitest";
import { SEASON1_BASKET, SEASON1_TIERS } from "./season1";
import { claimsInTier, mintState, renderStatus, statusToJson, type MintStatus } from "./status";

const status: MintStatus = {
  network: "hardhat",
  chainId: 31337n,
  mint: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  mode: "open",
  registrar: "0x0000000000000000000000000000000000000000",
  openingTime: 1_000n,
  chainTime: 2_000n,
  paused: false,
  closed: false,
  claimCount: 101n,
  tiers: SEASON1_TIERS,
  basket: SEASON1_BASKET.map((t, i) => ({
    symbol: t.symbol,
    address: `0x${String(i + 1).repeat(40)}`,
    decimals: t.decimals,
    weightBps: t.weightBps,
    price: t.price,
    minterRole: i !== 4,
  })),
  account: {
    address: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
    ordinal: 7n,
    dollars: 10_000n,
    balances: [
      3_000_000_000n,
      2_000_000_000n,
      666_666_666_666_666_666n,
      2_500_000n,
      37_500_000_000_000_000_000n,
    ],
  },
};

describe("mint status", () => {
  it("counts claims per tier", () => {
    expect(SEASON1_TIERS.map((_, i) => claimsInTier(i, SEASON1_TIERS, 101n))).toEqual([
      100n,
      1n,
      0n,
      0n,
      0n,
    ]);
    expect(SEASON1_TIERS.map((_, i) => claimsInTier(i, SEASON1_TIERS, 0n))).toEqual([
      0n,
      0n,
      0n,
      0n,
      0n,
    ]);
    expect(claimsInTier(4, SEASON1_TIERS, 12_000n)).toBe(2_000n);
  });

  it("says whether claims are accepted", () => {
    expect(mintState(status)).toBe("open");
    expect(mintState({ ...status, chainTime: 999n })).toBe("not yet open");
    expect(mintState({ ...status, paused: true })).toBe("paused");
    expect(mintState({ ...status, paused: true, closed: true })).toBe("closed");
  });

  it("renders the tier table, the basket and the account", () => {
    const text = renderStatus(status);
    expect(text).toContain("claims so far: 101 · next ordinal: 102 (tier 2, $5,000)");
    expect(text).toMatch(/^ {3}2 {2}101–500 {8}\$5,000 {8}1$/m);
    expect(text).toMatch(/^tMETIS .* 15\.00% +\$40 {2}MISSING$/m);
    expect(text).toMatch(/^tWBTC .* \$60,000  yes$/m);
    expect(text).toContain(
      "account 0x90F79bf6EB2c4f870365E785982E1f101E93b906: ordinal 7, tier 1, $10,000",
    );
    expect(text).toMatch(/^tWETH   0\.666666666666666666$/m);
    const notClaimed = renderStatus({
      ...status,
      mode: "voucher",
      account: { ...status.account!, ordinal: 0n },
    });
    expect(notClaimed).toContain("has not claimed");
    expect(notClaimed).toContain("mode: voucher (registrar 0x0000");
    expect(renderStatus({ ...status, account: undefined })).not.toContain("account");
  });

  it("prints JSON with bigints as strings", () => {
    const json = JSON.parse(statusToJson(status)) as Record<string, unknown>;
    expect(json.state).toBe("open");
    expect(json.claimCount).toBe("101");
    expect((json.tiers as { lastOrdinal: string }[])[4].lastOrdinal).toBe("18446744073709551615");
  });
});
