import fs from "node:fs";
import os from "node:os";
import path from "node:path";

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
