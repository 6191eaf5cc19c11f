/** Helpers every task shares: command-line addresses and signers, the chain's time, sending, JSON output. */
import type { ContractTransactionReceipt } from "ethers";
import { types } from "hardhat/config";
import type { ConfigurableTaskDefinition, HardhatRuntimeEnvironment } from "hardhat/types";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { TaskError } from "./errors";
import { noAccountMessage } from "../../src/networks/live";

/** The signer for `from` (an address among the network's accounts), or the first account. */
export async function signerFor(
  hre: HardhatRuntimeEnvironment,
  from?: string,
): Promise<HardhatEthersSigner> {
  const signers = await hre.ethers.getSigners();
  if (signers.length === 0) throw new TaskError(noAccountMessage(hre.network.name, "send from"));
  if (from === undefined || from === "") return signers[0];
  addressArg(hre, "from", from);
  const signer = signers.find((s) => s.address.toLowerCase() === from.toLowerCase());
  if (!signer) {
    throw new TaskError(
      `--from ${from} is not one of network '${hre.network.name}''s ${signers.length} accounts`,
    );
  }
  return signer;
}

/** Checksums an address given on the command line, or refuses naming the flag. */
export function addressArg(hre: HardhatRuntimeEnvironment, flag: string, value: string): string {
  const text: string = value;
  if (!hre.ethers.isAddress(text)) {
    const why = hre.ethers.isAddress(value.toLowerCase())
      ? " (its mixed-case checksum is wrong)"
      : "";
    throw new TaskError(`--${flag} '${value}' is not an address${why}`);
  }
  return hre.ethers.getAddress(value);
}

/** The latest block's timestamp (the chain's "now"; the next transaction mines after it). */
export async function chainNow(hre: HardhatRuntimeEnvironment): Promise<bigint> {
  const block = await hre.ethers.provider.getBlock("latest");
  if (!block) throw new TaskError(`network '${hre.network.name}' returned no latest block`);
  return BigInt(block.timestamp);
}

interface RevertLike {
  revert?: { name?: string; args?: readonly unknown[] } | null;
  shortMessage?: string;
  message?: string;
}

/**
 * Sends a transaction and returns its receipt; a failure (e.g. a state change between the task's
 * checks and the transaction) becomes one TaskError line naming the custom error when there is one.
 */
export async function sendTx(
  what: string,
  fn: () => Promise<{ wait: () => Promise<ContractTransactionReceipt | null> }>,
): Promise<ContractTransactionReceipt> {
  try {
    const receipt = await (await fn()).wait();
    if (!receipt) throw new Error("no receipt");
    return receipt;
  } catch (e) {
    const err = e as RevertLike;
    const reason = err.revert?.name
      ? `${err.revert.name}(${(err.revert.args ?? []).map(String).join(", ")})`
      : (err.shortMessage ?? err.message ?? String(e)).split("\n")[0];
    throw new TaskError(`${what} failed: ${reason}`);
  }
}

/** JSON with bigints as decimal strings (the tasks' --json output). */
export { toJson } from "../../src/json-file";

/** Adds `--confirmations` and `--chunk`, the log-reading params of the tasks that follow the chain. */
export function withLogReadParams(
  definition: ConfigurableTaskDefinition,
): ConfigurableTaskDefinition {
  return definition
    .addOptionalParam(
      "confirmations",
      "Leave the newest blocks out (default: the season file's)",
      undefined,
      types.int,
    )
    .addOptionalParam(
      "chunk",
      "Blocks per log request, at first and at most: halved while the node refuses a range (default: the season file's)",
      undefined,
      types.int,
    );
}
