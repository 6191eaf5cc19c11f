/**
 * Reward tasks against --network:
 *   rewards:fund   (operator) fund the distributor: what an epoch needs, or a given amount
 *   rewards:proof  (participant) an account's claims and proofs from an epoch folder, as JSON
 *   rewards:claim  (participant, or anyone on their behalf) claim one or several accounts' rewards
 *   rewards:timelock, rewards:publisher, rewards:guardian  (owner) queue a change to the distributor
 *   rewards:apply  (anyone) apply a queued change once due
 *   rewards:cancel (guardian or owner) cancel a queued change
 *   rewards:queued (anyone) list the queued changes
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

task(
  "rewards:timelock",
  "Queue a new distributor timelock (owner); it applies after the current one",
)
  .addParam("season", "the season file", undefined, types.string)
  .addParam("seconds", "the new timelock, in seconds (at most 30 days)", undefined, types.int)
  .addOptionalParam("from", "the owner's account (default: the first account)")
  .setAction(async (args: { season: string; seconds: number; from?: string }, hre) => {
    const { queueTimelock } = await import("./lib/rewards-admin");
    return queueTimelock(hre, args);
  });

task("rewards:publisher", "Queue a root publisher (owner), or remove one at once with --remove")
  .addParam("season", "the season file", undefined, types.string)
  .addParam("address", "the publisher's address")
  .addFlag("remove", "remove it at once (its pending root, if any, is revoked)")
  .addOptionalParam("from", "the owner's account (default: the first account)")
  .setAction(
    async (args: { season: string; address: string; remove: boolean; from?: string }, hre) => {
      const { queuePublisher } = await import("./lib/rewards-admin");
      return queuePublisher(hre, args);
    },
  );

task("rewards:guardian", "Queue a new guardian (owner); 'none' for no guardian")
  .addParam("season", "the season file", undefined, types.string)
  .addParam("address", "the new guardian's address, or 'none'")
  .addOptionalParam("from", "the owner's account (default: the first account)")
  .setAction(async (args: { season: string; address: string; from?: string }, hre) => {
    const { queueGuardian } = await import("./lib/rewards-admin");
    return queueGuardian(hre, args);
  });

task("rewards:apply", "Apply a queued distributor change once its time has come (anyone)")
  .addParam("season", "the season file", undefined, types.string)
  .addParam("change", "timelock | publisher | guardian")
  .addOptionalParam("address", "with --change publisher: the queued publisher")
  .addOptionalParam("from", "the sending account (default: the first account)")
  .setAction(
    async (args: { season: string; change: string; address?: string; from?: string }, hre) => {
      const { applyChange } = await import("./lib/rewards-admin");
      return applyChange(hre, args);
    },
  );

task("rewards:cancel", "Cancel a queued distributor change (the guardian or the owner)")
  .addParam("season", "the season file", undefined, types.string)
  .addParam("change", "timelock | publisher | guardian")
  .addOptionalParam("address", "with --change publisher: the queued publisher")
  .addOptionalParam("from", "the guardian's or the owner's account (default: the first account)")
  .setAction(
    async (args: { season: string; change: string; address?: string; from?: string }, hre) => {
      const { cancelChange } = await import("./lib/rewards-admin");
      return cancelChange(hre, args);
    },
  );

task("rewards:queued", "List the distributor changes waiting for their timelock")
  .addParam("season", "the season file", undefined, types.string)
  .setAction(async (args: { season: string }, hre) => {
    const { listQueued } = await import("./lib/rewards-admin");
    return listQueued(hre, args);
  });
