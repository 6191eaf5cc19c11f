/**
 * Idempotent deployment of the RewardDistributor, recorded as `RewardDistributor` in
 * `deployments/<network>.json`. A later `season:deploy` calls `deployRewardDistributor`.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { recordDeployment } from "../tasks/lib/deployments";
import { liveEntry } from "./common";
import { TaskError } from "../tasks/lib/errors";

/** The name of the distributor in the deployment record. */
export const REWARD_DISTRIBUTOR = "RewardDistributor";

/** The contract's MAX_TIMELOCK (30 days), checked here so that a bad value never reaches the chain. */
export const MAX_TIMELOCK_SECONDS = 30n * 86_400n;

export interface RewardDistributorConfig {
  /** The owner: sets roles and timelock, revokes, pauses and unpauses, sweeps after the deadline. */
  owner: string;
  /** The guardian (an auditor) who may revoke pending roots and pause; the zero address for none. */
  guardian: string;
  /** The accounts allowed to publish roots (the operators' epoch-closing key). */
  publishers: string[];
  /** Seconds between a root's publication and its earliest acceptance (0 on test networks). */
  timelock: bigint;
  /** The last second (unix time) at which claims are accepted; fixed forever at deployment. */
  claimDeadline: bigint;
}

export interface RewardDistributorDeployment {
  address: string;
  /** False when the distributor recorded for this network was already live and was reused. */
  deployed: boolean;
}

/** Checks the configuration, refusing with a one-line TaskError before anything is sent. */
function checkConfig(
  hre: HardhatRuntimeEnvironment,
  config: RewardDistributorConfig,
  now: bigint,
): void {
  const { ethers } = hre;
  const address = (what: string, value: string, allowZero: boolean): void => {
    if (!ethers.isAddress(value)) throw new TaskError(`${what} '${value}' is not an address`);
    if (!allowZero && BigInt(value) === 0n)
      throw new TaskError(`${what} must not be the zero address`);
  };
  address("owner", config.owner, false);
  address("guardian", config.guardian, true);
  const seen = new Set<string>();
  for (const publisher of config.publishers) {
    address("publisher", publisher, false);
    const key = publisher.toLowerCase();
    if (seen.has(key)) throw new TaskError(`publisher ${publisher} is listed twice`);
    seen.add(key);
  }
  if (config.timelock < 0n || config.timelock > MAX_TIMELOCK_SECONDS) {
    throw new TaskError(
      `timelock ${config.timelock} s is outside 0..${MAX_TIMELOCK_SECONDS} s (30 days)`,
    );
  }
  if (config.claimDeadline <= now) {
    throw new TaskError(
      `claim deadline ${config.claimDeadline} (${new Date(Number(config.claimDeadline) * 1000).toISOString()}) ` +
        `is not after the chain's current time ${now}`,
    );
  }
}

/**
 * Deploys the distributor on `hre.network` and records it, unless the record already names a live one, which
 * is returned as is. A live distributor with another claim deadline (the one setting that can never change)
 * is an error: a new distributor needs a new deployment record. Roles and timelock of a live distributor are
 * owner transactions queued behind its timelock (rewards:timelock, rewards:publisher, rewards:guardian), not a
 * redeployment, and are left as they are.
 */
export async function deployRewardDistributor(
  hre: HardhatRuntimeEnvironment,
  config: RewardDistributorConfig,
): Promise<RewardDistributorDeployment> {
  const { ethers } = hre;
  const latest = await ethers.provider.getBlock("latest");
  if (!latest) throw new TaskError(`network '${hre.network.name}' returned no latest block`);
  const existing = await liveEntry(hre, REWARD_DISTRIBUTOR);
  if (existing) {
    const live = await ethers.getContractAt("RewardDistributor", existing.address);
    const deadline = await live.claimDeadline();
    if (deadline !== config.claimDeadline) {
      throw new TaskError(
        `${REWARD_DISTRIBUTOR} is already deployed at ${existing.address} on network '${hre.network.name}' ` +
          `with claim deadline ${deadline}, not ${config.claimDeadline}: the deadline cannot change`,
      );
    }
    return { address: existing.address, deployed: false };
  }
  checkConfig(hre, config, BigInt(latest.timestamp));

  const distributor = await ethers.deployContract("RewardDistributor", [
    config.owner,
    config.guardian,
    config.publishers,
    config.timelock,
    config.claimDeadline,
  ]);
  const address = await recordDeployment(hre, REWARD_DISTRIBUTOR, distributor, {
    owner: config.owner,
    guardian: config.guardian,
    publishers: config.publishers,
    timelock: config.timelock.toString(),
    claimDeadline: config.claimDeadline.toString(),
  });
  return { address, deployed: true };
}
