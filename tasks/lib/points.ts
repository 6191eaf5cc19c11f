/** Helpers shared by the points and riddle tasks (Hardhat side; the rules live in src/points). */
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { TaskError } from "./errors";

/** The signer for `from` (an address among the network's accounts), or the first account. */
export async function signerFor(
  hre: HardhatRuntimeEnvironment,
  from?: string,
): Promise<HardhatEthersSigner> {
  const signers = await hre.ethers.getSigners();
  if (signers.length === 0)
    throw new TaskError(`network '${hre.network.name}' has no account to send from`);
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

/** Where riddle secrets are kept: $RIDDLE_SECRETS_DIR, or `.secrets/riddles` in the project. */
export function riddleSecretsDir(hre: HardhatRuntimeEnvironment): string {
  return process.env.RIDDLE_SECRETS_DIR ?? path.join(hre.config.paths.root, ".secrets", "riddles");
}

/** Runs `fn` (pure checks), turning a thrown Error into a TaskError with `context`. */
export function check<T>(context: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof TaskError) throw e;
    throw new TaskError(`${context}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

interface RevertLike {
  revert?: { name?: string; args?: readonly unknown[] } | null;
  shortMessage?: string;
  message?: string;
}

/**
 * Sends a transaction and waits for it; a failure (e.g. a state change between the task's checks
 * and the transaction) becomes one TaskError line naming the custom error when there is one.
 */
export async function send(
  what: string,
  fn: () => Promise<{ wait: () => Promise<unknown> }>,
): Promise<void> {
  try {
    await (await fn()).wait();
  } catch (e) {
    const err = e as RevertLike;
    const reason = err.revert?.name
      ? `${err.revert.name}(${(err.revert.args ?? []).map(String).join(", ")})`
      : (err.shortMessage ?? err.message ?? String(e)).split("\n")[0];
    throw new TaskError(`${what} failed: ${reason}`);
  }
}

/** A fixed-width text table (first row: header). */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [
    line(rows[0]),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.slice(1).map(line),
  ].join("\n");
}

/** JSON with bigints as decimal strings, sorted as given, two-space indented. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);
}
