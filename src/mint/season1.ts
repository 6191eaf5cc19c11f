/** Season 1's default mint: the proposal's tier table and a five-token basket. */
import type { MintConfig, TokenSpec } from "./config";
import { OPEN_TIER, type Tier } from "./tiers";

/** The proposal's table: 1–100 $10,000; 101–500 $5,000; 501–2,000 $2,000; 2,001–10,000 $500; later $200. */
export const SEASON1_TIERS: readonly Tier[] = [
  { lastOrdinal: 100n, dollars: 10_000n },
  { lastOrdinal: 500n, dollars: 5_000n },
  { lastOrdinal: 2_000n, dollars: 2_000n },
  { lastOrdinal: 10_000n, dollars: 500n },
  { lastOrdinal: OPEN_TIER, dollars: 200n },
];

/**
 * Half stablecoins, a fifth wrapped ETH, and the rest split between wrapped BTC and METIS (the
 * gas token, so that every participant can pay for transactions). Reference prices are round
 * nominal figures: testnet tokens have no market, the prices only turn dollars into amounts.
 */
export const SEASON1_BASKET: readonly TokenSpec[] = [
  {
    symbol: "tUSDC",
    name: "Testnet USD Coin",
    decimals: 6,
    weightBps: 3_000,
    price: 1n * 10n ** 8n,
  },
  {
    symbol: "tUSDT",
    name: "Testnet Tether USD",
    decimals: 6,
    weightBps: 2_000,
    price: 1n * 10n ** 8n,
  },
  {
    symbol: "tWETH",
    name: "Testnet Wrapped Ether",
    decimals: 18,
    weightBps: 2_000,
    price: 3_000n * 10n ** 8n,
  },
  {
    symbol: "tWBTC",
    name: "Testnet Wrapped BTC",
    decimals: 8,
    weightBps: 1_500,
    price: 60_000n * 10n ** 8n,
  },
  {
    symbol: "tMETIS",
    name: "Testnet Metis",
    decimals: 18,
    weightBps: 1_500,
    price: 40n * 10n ** 8n,
  },
];

/** Open claiming, opening at deployment. */
export const SEASON1_MINT_CONFIG: MintConfig = {
  mode: "open",
  tiers: SEASON1_TIERS,
  basket: SEASON1_BASKET,
};
