/** What every deploy/ module needs: the deploying account and the live entries of the record. */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { DeployedContract, DeploymentRecord } from "../src/deployments";
import { noAccountMessage } from "../src/networks/live";
import { isLive, loadDeployments } from "../tasks/lib/deployments";
import { TaskError } from "../tasks/lib/errors";

/** The network's first account, which deploys; a TaskError when it has none. */
export async function deployer(hre: HardhatRuntimeEnvironment): Promise<HardhatEthersSigner> {
  const [signer] = await hre.ethers.getSigners();
  if (!signer) throw new TaskError(noAccountMessage(hre.network.name, "deploy with"));
  return signer;
}

/** `record`'s entry `name` when its address still holds code, or undefined. */
export async function liveIn(
  hre: HardhatRuntimeEnvironment,
  record: DeploymentRecord | undefined,
  name: string,
): Promise<DeployedContract | undefined> {
  const entry = record?.contracts[name];
  return entry && (await isLive(hre, entry)) ? entry : undefined;
}

/** The live record `name` of the current network, or undefined. */
export async function liveEntry(
  hre: HardhatRuntimeEnvironment,
  name: string,
): Promise<DeployedContract | undefined> {
  return liveIn(hre, await loadDeployments(hre), name);
}
