/**
 * The environment variables the tasks take their folders from (DEPLOYMENTS_DIR, EPOCHS_DIR,
 * RIDDLE_SECRETS_DIR): pointed at temporary folders by the tests, and put back afterwards.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Saves `keys` of the environment now; the returned function restores them (unset ones deleted). */
export function saveEnv(keys: readonly string[]): () => void {
  const saved = keys.map((k) => [k, process.env[k]] as const);
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/**
 * For each test, a fresh temporary folder (named from `prefix`) with each variable of `vars` set to
 * its subfolder there ("" for the folder itself); after each test the folder is removed and the
 * variables are restored to what they were when this was called. Returns the current folder.
 */
export function useTempEnvDirs(prefix: string, vars: Record<string, string>): () => string {
  let root = "";
  const restoreEnv = saveEnv(Object.keys(vars));
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    for (const [k, sub] of Object.entries(vars)) process.env[k] = path.join(root, sub);
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    restoreEnv();
  });
  return () => root;
}
