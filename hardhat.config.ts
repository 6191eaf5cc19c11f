import fs from "node:fs";
import path from "node:path";
import { subtask } from "hardhat/config";
import {
  TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD,
  TASK_COMPILE_SOLIDITY_READ_FILE,
} from "hardhat/builtin-tasks/task-names";
import type { HardhatUserConfig } from "hardhat/config";
import "@nomicfoundation/hardhat-toolbox";
import { buildFolders, EVM_VAR, hardforkOf, parseEvmTarget } from "./src/networks/live";
import { withoutCancunOpcodes } from "./src/networks/evm-compat";
import { TaskError } from "./tasks/lib/errors";
import {
  liveNetworksConfig,
  registerLiveNetworkChecks,
  seasonVar,
} from "./tasks/lib/live-networks";
import { wrapProjectTasks } from "./tasks/lib/project-tasks";
import { checkCommandLine } from "./tasks/lib/usage";

/**
 * The one Solidity compiler of this project: solc-js from the `solc` npm package, pinned exactly
 * in package.json. Hardhat never downloads a compiler: this subtask hands it the local soljson.
 */
const SOLC_VERSION: string = (require("solc/package.json") as { version: string }).version;

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args: { solcVersion: string }) => {
  if (args.solcVersion !== SOLC_VERSION) {
    throw new Error(
      `solc ${args.solcVersion} was requested but only the pinned solc-js ${SOLC_VERSION} is available offline`,
    );
  }
  const compilerPath = require.resolve("solc/soljson.js");
  return { compilerPath, isSolcJs: true, version: SOLC_VERSION, longVersion: SOLC_VERSION };
});

// Every file in tasks/ registers its own tasks. Tasks must only `import type` from typechain-types
// so that they load before the first compile.
const tasksDir = path.join(__dirname, "tasks");
const taskDefinitions = () =>
  (
    require("hardhat/internal/context") as {
      HardhatContext: {
        getHardhatContext(): {
          tasksDSL: {
            getTaskDefinitions(): Record<string, { paramDefinitions: Record<string, unknown> }>;
          };
        };
      };
    }
  ).HardhatContext.getHardhatContext().tasksDSL.getTaskDefinitions();
const builtIn = new Set(Object.keys(taskDefinitions()));
if (fs.existsSync(tasksDir)) {
  for (const file of fs.readdirSync(tasksDir).sort()) {
    if (/\.ts$/.test(file) && !file.endsWith(".d.ts")) require(path.join(tasksDir, file));
  }
}
// The project's tasks compile first on a fresh clone, and get --json where they report a result.
wrapProjectTasks(
  taskDefinitions(),
  Object.keys(taskDefinitions()).filter((name) => !builtIn.has(name)),
);

/**
 * The EVM the contracts compile for: SEASON_EVM (environment, or `npx hardhat vars set SEASON_EVM`)
 * = cancun (default: PUSH0, MCOPY, transient storage), shanghai (PUSH0) or paris (neither). Each
 * target has its own artifacts and cache folders, and the in-process network runs its hardfork.
 */
const EVM = (() => {
  try {
    return parseEvmTarget(seasonVar(EVM_VAR));
  } catch (e) {
    throw new TaskError((e as Error).message);
  }
})();
const BUILD = buildFolders(EVM);

// Before Cancun, OpenZeppelin's few MCOPY uses are compiled as an equivalent Yul function
// (src/networks/evm-compat.ts); our own contracts use neither MCOPY nor transient storage.
if (EVM !== "cancun") {
  subtask(
    TASK_COMPILE_SOLIDITY_READ_FILE,
    async (args: { absolutePath: string }, _hre, runSuper) => {
      const source = (await runSuper(args)) as string;
      if (!args.absolutePath.includes(`${path.sep}@openzeppelin${path.sep}`)) return source;
      return withoutCancunOpcodes(source, args.absolutePath);
    },
  );
}

registerLiveNetworkChecks();

const config: HardhatUserConfig = {
  solidity: {
    version: SOLC_VERSION,
    settings: {
      evmVersion: EVM,
      optimizer: { enabled: true, runs: 1_000 },
    },
  },
  networks: {
    hardhat: EVM === "cancun" ? {} : { hardfork: hardforkOf(EVM) },
    localhost: { url: process.env.LOCALHOST_RPC_URL ?? "http://127.0.0.1:8545" },
    // metis-sepolia (59902), metis (1088) and live (any chain): SEASON_RPC_URL and SEASON_PRIVATE_KEYS.
    ...liveNetworksConfig(),
  },
  paths: {
    sources: "./contracts",
    tests: "./test",
    cache: BUILD.cache,
    artifacts: BUILD.artifacts,
  },
  typechain: { outDir: "typechain-types", target: "ethers-v6" },
  gasReporter: {
    enabled: process.env.REPORT_GAS === "true",
    offline: true,
    currency: "USD",
    noColors: process.env.CI === "true",
  },
  mocha: { timeout: 120_000 },
};

// Hardhat's usage errors (unknown network, missing or misspelled parameter) as one line.
checkCommandLine(["hardhat", "localhost", ...Object.keys(config.networks ?? {})]);

export default config;
