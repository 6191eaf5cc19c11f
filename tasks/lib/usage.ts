/**
 * Hardhat's own usage errors as one line. Hardhat parses the command line after loading
 * hardhat.config.ts and, on a Linux machine without a display (an operator's server, CI), prints a
 * stack trace under every error. The config calls `checkCommandLine` last, when every task is
 * defined: it parses the command line the way Hardhat will and, on a usage error, prints one line
 * with the command that shows the right usage, and exits with status 1.
 *
 * What cannot be caught here: errors in the global options before the task name (Hardhat parses
 * them before it loads the config) and errors in hardhat.config.ts itself.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import path from "node:path";

interface ParsedGlobal {
  hardhatArguments: { network?: string; help?: boolean; showStackTraces?: boolean };
  scopeOrTaskName?: string;
  allUnparsedCLAs: string[];
}

interface Parser {
  parseHardhatArguments(defs: unknown, env: unknown, argv: string[]): ParsedGlobal;
  parseScopeAndTaskNames(
    argv: string[],
    tasks: unknown,
    scopes: unknown,
  ): { scopeName?: string; taskName: string; unparsedCLAs: string[] };
  parseTaskArguments(definition: unknown, argv: string[]): unknown;
}

interface HardhatErrorLike {
  message: string;
  errorDescriptor?: unknown;
}

/** True when this process is the `hardhat` command (not a script or a test importing Hardhat). */
export function runByHardhatCli(): boolean {
  const main = require.main?.filename ?? "";
  return /hardhat[\\/]internal[\\/]cli[\\/](bootstrap|cli)\.js$/.test(main);
}

/**
 * The one line for a usage error of `argv` (the arguments after `hardhat`), or undefined when
 * Hardhat will accept them. `networks` are the configured network names.
 */
export function usageError(argv: string[], networks: readonly string[]): string | undefined {
  const hh = (p: string) => require(path.join("hardhat", "internal", p)) as Record<string, unknown>;
  const { ArgumentsParser } = hh("cli/ArgumentsParser") as { ArgumentsParser: new () => Parser };
  const { HARDHAT_PARAM_DEFINITIONS } = hh("core/params/hardhat-params");
  const { getEnvHardhatArguments } = hh("core/params/env-variables") as {
    getEnvHardhatArguments: (defs: unknown, env: NodeJS.ProcessEnv) => unknown;
  };
  const { HardhatContext } = hh("context") as {
    HardhatContext: {
      getHardhatContext(): {
        tasksDSL: {
          getTaskDefinitions(): Record<string, unknown>;
          getScopesDefinitions(): Record<string, unknown>;
          getTaskDefinition(scope: string | undefined, name: string): unknown;
        };
      };
    };
  };
  const parser = new ArgumentsParser();
  const dsl = HardhatContext.getHardhatContext().tasksDSL;
  let task = "";
  try {
    const global = parser.parseHardhatArguments(
      HARDHAT_PARAM_DEFINITIONS,
      getEnvHardhatArguments(HARDHAT_PARAM_DEFINITIONS, process.env),
      argv,
    );
    const network = global.hardhatArguments.network;
    if (network !== undefined && !networks.includes(network))
      return `Error HH100: network '${network}' is not defined: use one of ${[...new Set(networks)].join(", ")} (hardhat.config.ts)`;
    if (global.hardhatArguments.help || global.scopeOrTaskName === undefined) return undefined;
    const names = parser.parseScopeAndTaskNames(
      global.allUnparsedCLAs,
      dsl.getTaskDefinitions(),
      dsl.getScopesDefinitions(),
    );
    task = names.taskName;
    const definition = dsl.getTaskDefinition(names.scopeName, names.taskName);
    if (definition === undefined)
      return `Error HH303: there is no task '${names.taskName}': \`npx hardhat\` lists the tasks`;
    parser.parseTaskArguments(definition, names.unparsedCLAs);
    return undefined;
  } catch (e) {
    const err = e as HardhatErrorLike;
    if (err.errorDescriptor === undefined) return undefined; // not a usage error: Hardhat reports it
    const first = String(err.message).split("\n")[0];
    const help = task
      ? `\`npx hardhat help ${task}\` lists its parameters`
      : "`npx hardhat --help`";
    return `Error ${first.replace(/\.$/, "")}; ${help}`;
  }
}

/** Exits with one line when the `hardhat` command line is a usage error (see the file's comment). */
export function checkCommandLine(networks: readonly string[]): void {
  if (!runByHardhatCli() || process.argv.includes("--show-stack-traces")) return;
  const line = usageError(process.argv.slice(2), networks);
  if (line === undefined) return;
  process.stderr.write(`${line}\n`);
  process.exit(1);
}
