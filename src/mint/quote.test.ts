import { describe, expect, it } from "vitest";
import { basketAmounts } from "./basket";
import { quote } from "./quote";
import { SEASON1_BASKET, SEASON1_TIERS } from "./season1";

describe("quote", () => {
  it("pays the tier of the ordinal in the basket", () => {
    expect(quote(100n, SEASON1_TIERS, SEASON1_BASKET)).toEqual({
      tier: 0,
      dollars: 10_000n,
      amounts: basketAmounts(10_000n, SEASON1_BASKET),
    });
    expect(quote(10_001n, SEASON1_TIERS, SEASON1_BASKET)).toMatchObject({ tier: 4, dollars: 200n });
  });
  it("refuses ordinal 0", () => {
    expect(() => quote(0n, SEASON1_TIERS, SEASON1_BASKET)).toThrow("ordinals start at 1");
  });
});
