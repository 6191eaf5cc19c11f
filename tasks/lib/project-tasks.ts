/**
 * What every project task gets without repeating it in each definition (applied once, in
 * hardhat.config.ts, to the tasks the files of tasks/ define):
 *   - the contracts are compiled first when their artifacts are missing (a fresh clone);
 *   - `--json` on the tasks that report a result and did not have it: the tables and hints are
 *     left out and the task's result is printed as JSON (bigints as decimal strings).
 * And the command line is checked before Hardhat runs a task, so that its usage errors (an unknown
 * network, a missing or misspelled parameter, a bad integer) are one line instead of a stack trace.
 */
import { task } from "hardhat/config";
import type { HardhatRuntimeEnvironment, TaskArguments } from "hardhat/types";
import { toJson } from "../../src/json-file";

/** Tasks that never read an artifact (pure computation, or JSON-RPC calls only). */
const NO_ARTIFACTS = new Set(["epoch:compute", "chain:advance"]);

/** Tasks that report a result and get `--json` here when they do not define it themselves. */
export const JSON_TASKS = [
  "season:deploy",
  "season:export",
  "mint:deploy",
  "mint:claim",
  "epoch:compute",
  "epoch:close",
  "epoch:publish",
  "epoch:accept",
  "epoch:revoke",
  "rewards:fund",
  "rewards:claim",
  "points:catalog:register",
  "points:action:add",
  "points:action:retire",
  "points:reporter:add",
  "points:reporter:remove",
  "points:pause",
  "points:unpause",
  "riddle:publish",
  "riddle:answer",
  "riddle:reveal",
  "chain:advance",
];

/** A contract every deployment compiles: when its artifact is missing, nothing was compiled. */
const PROBE_ARTIFACT = "TestnetToken";

/** Compiles the contracts (quietly, one line on stderr) when their artifacts are missing. */
export async function compileIfMissing(hre: HardhatRuntimeEnvironment): Promise<void> {
  if (await hre.artifacts.artifactExists(PROBE_ARTIFACT)) return;
  process.stderr.write("compiling the contracts first (their artifacts are missing) …\n");
  await hre.run("compile", { quiet: true });
}

/** Runs `fn` with console.log silenced (the human output of a task asked for --json). */
async function silenced<T>(fn: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = () => undefined;
  try {
    return await fn();
  } finally {
    console.log = log;
  }
}

/** Overrides each of `names` (tasks already defined) with the behaviour described above. */
export function wrapProjectTasks(
  definitions: Record<string, { paramDefinitions: Record<string, unknown> }>,
  names: readonly string[],
): void {
  for (const name of names) {
    const definition = definitions[name];
    if (!definition) continue;
    const addJson = JSON_TASKS.includes(name) && !("json" in definition.paramDefinitions);
    const compiles = !NO_ARTIFACTS.has(name);
    const overridden = task(name).setAction(
      async (args: TaskArguments, hre, runSuper): Promise<unknown> => {
        if (compiles) await compileIfMissing(hre);
        if (!addJson || !args.json) return runSuper(args);
        const result: unknown = await silenced(() => runSuper(args));
        console.log(toJson(result ?? null));
        return result;
      },
    );
    if (addJson)
      overridden.addFlag("json", "Print the result as JSON (amounts in base units), no tables");
  }
}
