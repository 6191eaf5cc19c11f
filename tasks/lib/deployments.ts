import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import {
  notDeployedMessage,
  deploymentPath,
  readDeploymentRecord,
  withContract,
  writeDeploymentRecord,
  type DeployedContract,
  type DeploymentRecord,
} from "../../src/deployments";
import { TaskError } from "./errors";

/** The folder holding `<network>.json` records (override with DEPLOYMENTS_DIR, e.g. in tests). */
export function deploymentsDir(hre: HardhatRuntimeEnvironment): string {
  return process.env.DEPLOYMENTS_DIR ?? path.join(hre.config.paths.root, "deployments");
}

/**
 * The record of the current network, checked against the chain: same chain id. `undefined` when
 * nothing was ever recorded for this network.
 */
export async function loadDeployments(
  hre: HardhatRuntimeEnvironment,
): Promise<DeploymentRecord | undefined> {
  const file = deploymentPath(deploymentsDir(hre), hre.network.name);
  let record: DeploymentRecord | undefined;
  try {
    record = readDeploymentRecord(file);
  } catch (e) {
    throw new TaskError((e as Error).message);
  }
  if (!record) return undefined;
  const chainId = Number((await hre.ethers.provider.getNetwork()).chainId);
  if (record.chainId !== chainId) {
    throw new TaskError(
      `${file} was written for chain ${record.chainId} but network '${hre.network.name}' is chain ${chainId}`,
    );
  }
  return record;
}

/** True when the recorded address still holds code (the in-process network forgets everything). */
export async function isLive(
  hre: HardhatRuntimeEnvironment,
  entry: DeployedContract,
): Promise<boolean> {
  return (await hre.ethers.provider.getCode(entry.address)) !== "0x";
}

/**
 * The deployed contract `name` on the current network, or a one-line TaskError saying it is not
 * deployed there and how to deploy it.
 */
export async function requireDeployed(
  hre: HardhatRuntimeEnvironment,
  name: string,
  hint: NotDeployedHint = {},
): Promise<DeployedContract> {
  return requireLive(hre, await loadDeployments(hre), name, hint);
}

/**
 * `requireDeployed` on a record already loaded (and checked) by `loadDeployments`: the entry of
 * `name` in it, refused the same way when it is missing or holds no code.
 */
export async function requireLive(
  hre: HardhatRuntimeEnvironment,
  record: DeploymentRecord | undefined,
  name: string,
  hint: NotDeployedHint,
): Promise<DeployedContract> {
  const entry = record?.contracts[name];
  if (!entry || !(await isLive(hre, entry)))
    throw new TaskError(notDeployedMessage(name, hre.network.name, hint));
  return entry;
}

/** What the "not deployed" line names: the season file when known, a task deploying just this. */
export type NotDeployedHint = { seasonFile?: string; alone?: string };

/** Records `name` for the current network (creating the record on first use). */
export async function recordDeployed(
  hre: HardhatRuntimeEnvironment,
  name: string,
  entry: DeployedContract,
): Promise<void> {
  const file = deploymentPath(deploymentsDir(hre), hre.network.name);
  const chainId = Number((await hre.ethers.provider.getNetwork()).chainId);
  const existing = await loadDeployments(hre);
  const base: DeploymentRecord = existing ?? { network: hre.network.name, chainId, contracts: {} };
  writeDeploymentRecord(file, withContract(base, name, entry));
}

/** A contract just sent for deployment (an ethers `BaseContract`). */
interface Deploying {
  waitForDeployment(): Promise<unknown>;
  deploymentTransaction(): { hash: string; wait(): Promise<{ blockNumber: number } | null> } | null;
  getAddress(): Promise<string>;
}

/** Waits for `contract`'s deployment and records it as `name` with `meta`; returns its address. */
export async function recordDeployment(
  hre: HardhatRuntimeEnvironment,
  name: string,
  contract: Deploying,
  meta?: Record<string, unknown>,
): Promise<string> {
  await contract.waitForDeployment();
  const tx = contract.deploymentTransaction();
  const receipt = tx ? await tx.wait() : null;
  const address = await contract.getAddress();
  await recordDeployed(hre, name, {
    address,
    blockNumber: receipt?.blockNumber ?? (await hre.ethers.provider.getBlockNumber()),
    ...(tx ? { txHash: tx.hash } : {}),
    ...(meta ? { meta } : {}),
  });
  return address;
}
