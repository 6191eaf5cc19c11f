/**
 * Reward tasks against --network:
 *   rewards:fund   (operator) fund the distributor: what an epoch needs, or a given amount
 *   rewards:proof  (participant) an account's claims and proofs from an epoch folder, as JSON
 *   rewards:claim  (participant, or anyone on their behalf) claim one or several accounts' rewards
 */
import { task, types } from "hardhat/config";
// Type only (erased): rewards-fund itself is still loaded on use.
import type { FundArgs } from "./lib/rewards-fund";

task("rewards:fund", "Fund the distributor: what epoch n needs, or --token/--amount")
  .addParam("season", "the season file", undefined, types.string)
  .addOptionalParam(
    "epoch",
    "fund exactly what this closed epoch's entitlements still lack",
    undefined,
    types.int,
  )
  .addOptionalParam("token", "with --amount: the token (a symbol of the season file or an address)")
  .addOptionalParam("amount", "with --token: the amount, in whole tokens (e.g. 1500 or 0.25)")
  .addFlag("mint", "first mint what the sender lacks (it must hold the token's MINTER_ROLE)")
  .addOptionalParam("from", "the funding account (default: the first account)")
  .setAction(async (args: FundArgs, hre) => {
    const { fundRewards } = await import("./lib/rewards-fund");
    return fundRewards(hre, args);
  });

task("rewards:proof", "Print an account's claims and Merkle proofs for an epoch (JSON)")
  .addParam("season", "the season file", undefined, types.string)
  .addParam("account", "the account")
  .addOptionalParam("epoch", "the epoch (default: the latest closed)", undefined, types.int)
  .setAction(async (args: { season: string; account: string; epoch?: number }, hre) => {
    const { rewardsProof } = await import("./lib/rewards-claim");
    return rewardsProof(hre, args);
  });

task("rewards:claim", "Claim rewards for one account, or for several in one claimMany batch")
  .addParam("season", "the season file", undefined, types.string)
  .addParam("account", "the account, or several separated by commas (tokens go to each account)")
  .addOptionalParam(
    "epoch",
    "the epoch whose proofs to use (default and only choice: the accepted epoch)",
    undefined,
    types.int,
  )
  .addOptionalParam("from", "the sending account (default: the first account; anyone may claim)")
  .setAction(
    async (args: { season: string; account: string; epoch?: number; from?: string }, hre) => {
      const { rewardsClaim } = await import("./lib/rewards-claim");
      return rewardsClaim(hre, args);
    },
  );
