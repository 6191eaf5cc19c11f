import fs from "node:fs";
import path from "node:path";
import { subtask } from "hardhat/config";
import { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } from "hardhat/builtin-tasks/task-names";
import type { HardhatUserConfig } from "hardhat/config";
import "@nomicfoundation/hardhat-toolbox";
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

const config: HardhatUserConfig = {
  solidity: {
    version: SOLC_VERSION,
    settings: {
      // Cancun: PUSH0, MCOPY and transient storage, supported by every major L2 since 2024.
      evmVersion: "cancun",
      optimizer: { enabled: true, runs: 1_000 },
    },
  },
  networks: {
    hardhat: {},
    localhost: { url: process.env.LOCALHOST_RPC_URL ?? "http://127.0.0.1:8545" },
  },
  paths: {
    sources: "./contracts",
    tests: "./test",
    cache: "./cache",
    artifacts: "./artifacts",
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
