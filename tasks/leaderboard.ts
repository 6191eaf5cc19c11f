/**
 * Standings of a closed epoch:
 *   leaderboard  (operator) the top N, or one account's rank, score and claimable rewards
 *   points:me    (participant) one account's score explained: actions with decay, boosts, floor
 */
import { task, types } from "hardhat/config";

task("leaderboard", "Show a closed epoch's top N, or one account's rank, score and rewards")
  .addParam("season", "the season file", undefined, types.string)
  .addOptionalParam("epoch", "the epoch (default: the latest closed)", undefined, types.int)
  .addOptionalParam("top", "how many leaders to show (default 10)", undefined, types.int)
  .addOptionalParam("account", "one account instead of the top")
  .addFlag("json", "print JSON instead of tables")
  .setAction(
    async (
      args: { season: string; epoch?: number; top?: number; account?: string; json: boolean },
      hre,
    ) => {
      const { leaderboard } = await import("./lib/standings");
      return leaderboard(hre, args);
    },
  );

task("points:me", "Explain an account's score: actions with decay, boosts, dollar floor, rank")
  .addParam("season", "the season file", undefined, types.string)
  .addParam("account", "the account")
  .addOptionalParam("epoch", "the epoch (default: the latest closed)", undefined, types.int)
  .addFlag("json", "print JSON instead of tables")
  .setAction(
    async (args: { season: string; account: string; epoch?: number; json: boolean }, hre) => {
      const { pointsMe } = await import("./lib/standings");
      return pointsMe(hre, args);
    },
  );
