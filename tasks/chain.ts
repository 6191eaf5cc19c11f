/**
 * chain:advance — moves a local development chain's clock (the in-process network or
 * `npx hardhat node`), so a season's epochs and timelocks can be walked through in minutes.
 * Refused on any other chain.
 */
import { task, types } from "hardhat/config";
import { isoTime } from "../src/format/time";
import { TaskError } from "./lib/errors";

/** Chain id of Hardhat's development networks. */
const HARDHAT_CHAIN_ID = 31337n;

task(
  "chain:advance",
  "Move a local Hardhat chain's clock forward and mine a block (development only)",
)
  .addParam("seconds", "How many seconds to move forward", undefined, types.int)
  .setAction(async (args: { seconds: number }, hre) => {
    if (!Number.isSafeInteger(args.seconds) || args.seconds < 1) {
      throw new TaskError(`--seconds must be a positive integer, got ${args.seconds}`);
    }
    const { chainId } = await hre.ethers.provider.getNetwork();
    if (chainId !== HARDHAT_CHAIN_ID) {
      throw new TaskError(
        `network '${hre.network.name}' is chain ${chainId}, not a local Hardhat chain (${HARDHAT_CHAIN_ID}): its clock is not ours to move`,
      );
    }
    await hre.network.provider.send("evm_increaseTime", [args.seconds]);
    await hre.network.provider.send("evm_mine", []);
    const block = await hre.ethers.provider.getBlock("latest");
    console.log(`chain time is now ${isoTime(block!.timestamp)} (block ${block!.number})`);
    return { block: block!.number, timestamp: block!.timestamp, time: isoTime(block!.timestamp) };
  });
