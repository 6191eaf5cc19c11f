import { expect } from "chai";
import { ethers } from "hardhat";
import fc from "fast-check";
import { mintConstructorArgs } from "../../deploy/mint";
import { basketAmounts, basketValue, unitValue } from "../../src/mint/basket";
import type { TokenSpec } from "../../src/mint/config";
import { quote } from "../../src/mint/quote";
import { firstOrdinalOf, validateTiers } from "../../src/mint/tiers";
import { VALUE_SCALE } from "../../src/mint/basket";
import { arbitraryBasket, arbitraryTiers } from "./arbitraries";
import { deployTokens } from "./TieredMint.fixture";

describe("TieredMint quote (property)", () => {
  it("matches the off-chain mirror, worth each tier to within one smallest unit per token", async () => {
    const [admin] = await ethers.getSigners();
    await fc.assert(
      fc.asyncProperty(
        arbitraryBasket,
        arbitraryTiers,
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        async (weights, tiers, dollars) => {
          validateTiers(tiers);
          const basket: TokenSpec[] = weights.map((w, i) => ({
            ...w,
            symbol: `T${i}`,
            name: `Token ${i}`,
          }));
          const tokens = await deployTokens(basket);
          const mint = await ethers.deployContract(
            "TieredMint",
            mintConstructorArgs(
              admin.address,
              { mode: "open", tiers, basket },
              await Promise.all(tokens.map((t) => t.getAddress())),
              0n,
            ),
          );
          const tolerance = basket.reduce((sum, t) => sum + unitValue(t), 0n);
          for (let i = 0; i < tiers.length; i++) {
            for (const ordinal of [firstOrdinalOf(i, tiers), tiers[i].lastOrdinal]) {
              const [tier, tierDollars, amounts] = await mint.quote(ordinal);
              const mirror = quote(ordinal, tiers, basket);
              expect([Number(tier), tierDollars, [...amounts]]).to.deep.equal([
                mirror.tier,
                mirror.dollars,
                mirror.amounts,
              ]);
              const shortfall = tierDollars * VALUE_SCALE - basketValue(mirror.amounts, basket);
              expect(shortfall >= 0n && shortfall < tolerance, `shortfall ${shortfall}`).to.equal(
                true,
              );
            }
          }
          expect([...(await mint.basketFor(dollars))]).to.deep.equal(
            basketAmounts(dollars, basket),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
