/**
 * Running Hardhat tasks in tests: their output captured instead of printed, and the refusal every
 * task owes a bad input asserted in one place — a one-line `season` TaskError, no transaction
 * sent, the deployment record untouched.
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { HardhatPluginError } from "hardhat/plugins";

/** Runs a task; returns its value and what it printed (stdout), with its stderr progress silenced. */
export async function runTask<T>(
  name: string,
  args: Record<string, unknown> = {},
): Promise<{ value: T; out: string }> {
  const lines: string[] = [];
  const log = console.log;
  const stdout = process.stdout.write;
  const stderr = process.stderr.write;
  console.log = (...parts: unknown[]) => void lines.push(parts.map(String).join(" "));
  process.stdout.write = ((chunk: string | Uint8Array) => {
    lines.push(String(chunk).replace(/\n$/, ""));
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    const value = (await hre.run(name, args)) as T;
    return { value, out: lines.join("\n") };
  } finally {
    console.log = log;
    process.stdout.write = stdout;
    process.stderr.write = stderr;
  }
}

/** Runs a task and returns what it printed. */
export async function run(name: string, args: Record<string, unknown> = {}): Promise<string> {
  return (await runTask(name, args)).out;
}

/** Runs a task and returns its value, printing nothing. */
export async function runQuietly<T>(name: string, args: Record<string, unknown> = {}): Promise<T> {
  return (await runTask<T>(name, args)).value;
}

/** Asserts that `fn` rejects with a one-line `season` TaskError matching `message`; returns it. */
export async function expectTaskError(
  fn: () => Promise<unknown>,
  message: RegExp,
): Promise<string> {
  let error: unknown;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  // Hardhat loads tasks/ through its own require: compare the plugin name, not the class.
  expect(
    HardhatPluginError.isHardhatPluginError(error),
    `should refuse: ${String(error)}`,
  ).to.equal(true);
  const err = error as HardhatPluginError;
  expect(err.pluginName).to.equal("season");
  expect(err.message, err.message).to.match(message);
  expect(err.message).to.not.include("\n");
  return err.message;
}

/** The current network's deployment record in DEPLOYMENTS_DIR, as text (undefined: none). */
export function deploymentRecordText(): string | undefined {
  const dir = process.env.DEPLOYMENTS_DIR;
  const file = dir && path.join(dir, `${hre.network.name}.json`);
  return file && fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
}

/**
 * Asserts that the task `name` (or `fn`) refuses with a one-line `season` TaskError matching
 * `message`, having changed nothing: no block mined, the deployment record untouched.
 */
export async function expectRefusal(
  name: string,
  args: Record<string, unknown>,
  message: RegExp,
): Promise<string>;
export async function expectRefusal(fn: () => Promise<unknown>, message: RegExp): Promise<string>;
export async function expectRefusal(
  target: string | (() => Promise<unknown>),
  argsOrMessage: Record<string, unknown> | RegExp,
  message?: RegExp,
): Promise<string> {
  const fn =
    typeof target === "string"
      ? () => runTask(target, argsOrMessage as Record<string, unknown>)
      : target;
  const pattern = typeof target === "string" ? message! : (argsOrMessage as RegExp);
  const block = await ethers.provider.getBlockNumber();
  const record = deploymentRecordText();
  const text = await expectTaskError(fn, pattern);
  expect(await ethers.provider.getBlockNumber(), "blocks mined by a refused task").to.equal(block);
  expect(deploymentRecordText(), "the deployment record changed").to.equal(record);
  return text;
}
