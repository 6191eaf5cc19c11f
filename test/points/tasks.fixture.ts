import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { HardhatPluginError } from "hardhat/plugins";

/**
 * Points each task test at fresh temporary DEPLOYMENTS_DIR and RIDDLE_SECRETS_DIR folders, and
 * restores the environment afterwards.
 */
export function useTempDirs(): { deployments: () => string; secrets: () => string } {
  let root = "";
  const saved = { d: process.env.DEPLOYMENTS_DIR, s: process.env.RIDDLE_SECRETS_DIR };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "points-tasks-"));
    process.env.DEPLOYMENTS_DIR = path.join(root, "deployments");
    process.env.RIDDLE_SECRETS_DIR = path.join(root, "secrets");
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    for (const [k, v] of [
      ["DEPLOYMENTS_DIR", saved.d],
      ["RIDDLE_SECRETS_DIR", saved.s],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  return {
    deployments: () => process.env.DEPLOYMENTS_DIR!,
    secrets: () => process.env.RIDDLE_SECRETS_DIR!,
  };
}

/** Runs a task and returns what it printed. */
export async function run(name: string, args: Record<string, unknown> = {}): Promise<string> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...parts: unknown[]) => lines.push(parts.map(String).join(" "));
  try {
    await hre.run(name, args);
  } finally {
    console.log = original;
  }
  return lines.join("\n");
}

/** Asserts that `fn` rejects with a one-line `season` plugin error matching `message`. */
export async function expectTaskError(fn: () => Promise<unknown>, message: RegExp): Promise<void> {
  let error: unknown;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  expect(error, "should refuse").to.be.instanceOf(HardhatPluginError);
  const err = error as HardhatPluginError;
  expect(err.pluginName).to.equal("season");
  expect(err.message, err.message).to.match(message);
  expect(err.message).to.not.include("\n");
}

/**
 * Asserts that the task refuses with a one-line `season` plugin error matching `message`, and
 * that nothing was sent (no new block).
 */
export async function expectRefusal(
  name: string,
  args: Record<string, unknown>,
  message: RegExp,
): Promise<void> {
  const before = await ethers.provider.getBlockNumber();
  await expectTaskError(() => run(name, args), message);
  expect(await ethers.provider.getBlockNumber(), "blocks mined by a refused task").to.equal(before);
}
