import { describe, expect, it } from "vitest";
import { claimRefusal, type ClaimState } from "./claimability";

const ok: ClaimState = {
  mode: "open",
  withVoucher: false,
  paused: false,
  closed: false,
  openingTime: 1_000n,
  now: 1_000n,
  ordinal: 0n,
  tokensWithoutMinterRole: [],
};

describe("claimRefusal", () => {
  it("lets a claim through when nothing stands in its way", () => {
    expect(claimRefusal(ok)).toBeUndefined();
    expect(claimRefusal({ ...ok, mode: "voucher", withVoucher: true })).toBeUndefined();
  });

  it("names each refusal, in the contract's order", () => {
    expect(claimRefusal({ ...ok, paused: true, closed: true })).toBe("the mint is paused");
    expect(claimRefusal({ ...ok, mode: "voucher", closed: true })).toMatch(
      /requires a voucher.*--voucher <file>/,
    );
    expect(claimRefusal({ ...ok, withVoucher: true })).toBe(
      "the mint is open to all: claim without --voucher",
    );
    expect(claimRefusal({ ...ok, closed: true, now: 0n })).toBe("the mint is closed");
    expect(claimRefusal({ ...ok, now: 999n, ordinal: 3n })).toBe(
      "the mint opens at 1970-01-01T00:16:40.000Z (1000; chain time 999)",
    );
    expect(claimRefusal({ ...ok, ordinal: 3n })).toBe(
      "this account has already claimed (ordinal 3)",
    );
    expect(claimRefusal({ ...ok, tokensWithoutMinterRole: ["tWETH", "tWBTC"] })).toMatch(
      /^the mint lacks MINTER_ROLE on tWETH, tWBTC: /,
    );
  });
});
