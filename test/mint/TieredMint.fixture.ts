/** Fixtures of the mint's contract tests: basket tokens and a TieredMint wired to mint them. */
import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { TestnetToken, TieredMint } from "../../typechain-types";
import { mintConstructorArgs, MINTER_ROLE } from "../../deploy/mint";
import type { MintConfig, TokenSpec } from "../../src/mint/config";
import { SEASON1_BASKET, SEASON1_TIERS } from "../../src/mint/season1";
import { OPEN_TIER, type Tier } from "../../src/mint/tiers";

/** A compact table for boundary walks: ordinals 1–2 $300, 3–5 $200, 6+ $100. */
export const COMPACT_TIERS: readonly Tier[] = [
  { lastOrdinal: 2n, dollars: 300n },
  { lastOrdinal: 5n, dollars: 200n },
  { lastOrdinal: OPEN_TIER, dollars: 100n },
];

/** Deploys one TestnetToken per spec, administered by the first signer. */
export async function deployTokens(specs: readonly TokenSpec[]): Promise<TestnetToken[]> {
  const [admin] = await ethers.getSigners();
  const tokens: TestnetToken[] = [];
  for (const s of specs) {
    tokens.push(
      await ethers.deployContract("TestnetToken", [s.name, s.symbol, s.decimals, admin.address]),
    );
  }
  return tokens;
}

/** Deploys the basket and a TieredMint for `config` (admin: first signer), grants MINTER_ROLE. */
export async function deployTieredMint(config: MintConfig, openingTime?: bigint) {
  const [admin, registrar, alice, bob, carol, ...others] = await ethers.getSigners();
  const tokens = await deployTokens(config.basket);
  const opening = openingTime ?? BigInt(await time.latest());
  const mint: TieredMint = await ethers.deployContract(
    "TieredMint",
    mintConstructorArgs(
      admin.address,
      config,
      await Promise.all(tokens.map((t) => t.getAddress())),
      opening,
    ),
  );
  for (const token of tokens) await token.grantRole(MINTER_ROLE, await mint.getAddress());
  return { mint, tokens, config, admin, registrar, alice, bob, carol, others };
}

export async function compactOpenFixture() {
  return deployTieredMint({ mode: "open", tiers: COMPACT_TIERS, basket: SEASON1_BASKET });
}

export async function season1OpenFixture() {
  return deployTieredMint({ mode: "open", tiers: SEASON1_TIERS, basket: SEASON1_BASKET });
}

/** Voucher mode, the second signer as registrar. */
export async function season1VoucherFixture() {
  const [, registrar] = await ethers.getSigners();
  return deployTieredMint({
    mode: "voucher",
    registrar: registrar.address,
    tiers: SEASON1_TIERS,
    basket: SEASON1_BASKET,
  });
}

/** The compact table, opening one hour from now. */
export async function compactLaterFixture() {
  const opening = BigInt(await time.latest()) + 3_600n;
  return deployTieredMint({ mode: "open", tiers: COMPACT_TIERS, basket: SEASON1_BASKET }, opening);
}
