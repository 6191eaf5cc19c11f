/** The season's RewardDistributor on the task's network, and its on-chain root record. */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { RewardDistributor } from "../../typechain-types";
import { REWARD_DISTRIBUTOR } from "../../deploy/rewards";
import { requireDeployed } from "./deployments";
import type { DeployedSeason } from "./season";

/**
 * The deployed distributor, connected to `signer` (default: the first account). With `deployed`
 * (from loadDeployedSeason, which already required the distributor live) its recorded address is
 * used as it is; without, the deployment record is read and checked.
 */
export async function distributorAt(
  hre: HardhatRuntimeEnvironment,
  signer?: string,
  deployed?: DeployedSeason,
): Promise<RewardDistributor> {
  const address =
    deployed?.address(REWARD_DISTRIBUTOR) ??
    (await requireDeployed(hre, REWARD_DISTRIBUTOR)).address;
  const runner =
    signer === undefined ? (await hre.ethers.getSigners())[0] : await hre.ethers.getSigner(signer);
  return hre.ethers.getContractAt("RewardDistributor", address, runner);
}

/** What the chain says about an epoch's root: the latest publication of that epoch number. */
export interface PublishedRoot {
  epoch: number;
  root: string;
  dataHash: string;
  validAt: number;
  /** "accepted", "pending", or "revoked" (a revoked epoch may be published again). */
  status: "accepted" | "pending" | "revoked";
  blockNumber: number;
}

/**
 * The latest publication of `epoch` from the distributor's events (RootPublished, RootAccepted,
 * RootRevoked), or undefined when the epoch was never published.
 */
export async function publishedRoot(
  distributor: RewardDistributor,
  epoch: number,
): Promise<PublishedRoot | undefined> {
  const published = await distributor.queryFilter(distributor.filters.RootPublished(epoch));
  const last = published.at(-1);
  if (!last) return undefined;
  // Only what happened to this publication: events after it (block, then log index) for its root.
  const isAfter = (e: { blockNumber: number; index: number }) =>
    e.blockNumber > last.blockNumber ||
    (e.blockNumber === last.blockNumber && e.index > last.index);
  const accepted = (
    await distributor.queryFilter(distributor.filters.RootAccepted(epoch), last.blockNumber)
  ).filter((e) => isAfter(e) && e.args.root === last.args.root);
  const revoked = (
    await distributor.queryFilter(distributor.filters.RootRevoked(epoch), last.blockNumber)
  ).filter((e) => isAfter(e) && e.args.root === last.args.root);
  const status = accepted.length > 0 ? "accepted" : revoked.length > 0 ? "revoked" : "pending";
  return {
    epoch,
    root: last.args.root,
    dataHash: last.args.dataHash,
    validAt: Number(last.args.validAt),
    status,
    blockNumber: last.blockNumber,
  };
}
