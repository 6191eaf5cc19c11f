/**
 * season:preflight's reads of the chain: every check of src/preflight/ fed with what the node says,
 * the deployment's gas measured by a dry run, the node's eth_getLogs limit probed and recorded.
 */
import { openModeWarning } from "../../src/season/open-mode";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ZeroAddress } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { compileRelayRules } from "../../src/export/relay-rules";
import { LIVE_PRESETS } from "../../src/networks/live";
import {
  balanceCheck,
  formatNative,
  evmCheck,
  guardianChecks,
  headCheck,
  type CheckResult,
} from "../../src/preflight/checks";
import { featuresNeeded } from "../../src/preflight/opcodes";
import {
  EIP1967_IMPLEMENTATION_SLOT,
  probeLogRange,
  probeMissingFeatures,
  relayRuleProblem,
} from "../../src/preflight/probes";
import { readRpcLimits, rpcLimitsPath, writeRpcLimits } from "../../src/preflight/rpc-limits";
import type { SeasonFile } from "../../src/season/season-file";
import { DAPP_RECORDS } from "../../deploy/points";
import { REWARD_DISTRIBUTOR } from "../../deploy/rewards";
import { formatTable } from "../../src/format/table";
import { toJson } from "../../src/json-file";
import { signerFor } from "./cli";
import { deploymentsDir, isLive, loadDeployments } from "./deployments";
import { TaskError } from "./errors";
import { readSeasonFile } from "./season";

/** The contracts season:deploy creates, by artifact name. */
export function contractsToDeploy(file: SeasonFile): string[] {
  const names = [
    "TestnetToken",
    "TieredMint",
    "PointsRegistry",
    "RiddleBoard",
    "RewardDistributor",
  ];
  if (file.chain?.dapps === "mocks")
    names.push(...Object.values(DAPP_RECORDS), "SeasonDAppReporter");
  return names;
}

/** The largest log range the preflight asks for (the exporter's default chunk is 5,000). */
export const LOG_RANGE_CAP = 10_000;

export interface PreflightReport {
  network: string;
  chainId: string;
  rows: CheckResult[];
  failures: string[];
  warnings: string[];
  /** The eth_getLogs range recorded for the exporter, and where. */
  logRange?: { blocks: number; capped: boolean; file: string };
}

async function rpc<T>(
  hre: HardhatRuntimeEnvironment,
  method: string,
  params: unknown[],
): Promise<T> {
  return (await hre.network.provider.send(method, params)) as T;
}

const hex = (n: number | bigint) => `0x${n.toString(16)}`;

/** The gas of a full deployment of `seasonFile`, measured by a dry run on the in-process network. */
async function dryRunGas(
  hre: HardhatRuntimeEnvironment,
  seasonFile: string,
): Promise<{ gas: bigint; transactions: number }> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "season-preflight-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PREFLIGHT_SEASON: path.resolve(seasonFile),
    DEPLOYMENTS_DIR: scratch,
    RIDDLE_SECRETS_DIR: scratch,
    EPOCHS_DIR: scratch,
  };
  delete env.HARDHAT_NETWORK;
  const cli = require.resolve("hardhat/internal/cli/cli.js");
  const args = [
    cli,
    "run",
    path.join("scripts", "preflight", "dry-run.ts"),
    "--network",
    "hardhat",
  ];
  try {
    const { code, out } = await new Promise<{ code: number | null; out: string }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, args, {
          cwd: hre.config.paths.root,
          env,
          stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.stderr.on("data", (d: Buffer) => (out += d.toString()));
        child.once("error", reject);
        child.once("exit", (c) => resolve({ code: c, out }));
      },
    );
    const match = /^PREFLIGHT_GAS (\d+) (\d+)$/m.exec(out);
    if (code !== 0 || !match) {
      const last =
        out
          .trim()
          .split("\n")
          .filter((l) => l.trim() !== "")
          .pop() ?? `exit code ${code}`;
      throw new TaskError(
        `the deployment's dry run on the in-process network failed: ${last.trim()}`,
      );
    }
    return { gas: BigInt(match[1]), transactions: Number(match[2]) };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The deployment's gas: a dry run's, or the one measured earlier for the same season file bytes and
 * the same build (kept in `<deployments>/<network>.preflight-gas.json`, so that season:deploy right
 * after season:preflight does not dry-run again).
 */
async function measuredGas(
  hre: HardhatRuntimeEnvironment,
  file: SeasonFile,
  say: (line: string) => void,
): Promise<{ gas: bigint; transactions: number; reused: boolean }> {
  const hash = createHash("sha256");
  hash.update(fs.readFileSync(file.source));
  for (const name of contractsToDeploy(file))
    hash.update((await hre.artifacts.readArtifact(name)).bytecode);
  const key = hash.digest("hex");
  const cache = path.join(deploymentsDir(hre), `${hre.network.name}.preflight-gas.json`);
  try {
    const saved = JSON.parse(fs.readFileSync(cache, "utf8")) as {
      key: string;
      gas: string;
      transactions: number;
    };
    if (saved.key === key)
      return { gas: BigInt(saved.gas), transactions: saved.transactions, reused: true };
  } catch {
    // none saved (or unreadable): measure
  }
  say("measuring the deployment's gas with a dry run on the in-process network…");
  const measured = await dryRunGas(hre, file.source);
  fs.mkdirSync(path.dirname(cache), { recursive: true });
  fs.writeFileSync(
    cache,
    `${JSON.stringify({ key, gas: measured.gas.toString(), transactions: measured.transactions }, null, 2)}\n`,
  );
  return { ...measured, reused: false };
}

/**
 * The deployment's cost before `season:deploy` sends anything on a node that is not a live preset
 * (those run the whole preflight): the dry run's gas times the node's current fee, one line through
 * `say`, with the operator's balance; nothing when the season's distributor is deployed already.
 */
export async function printDeploymentEstimate(
  hre: HardhatRuntimeEnvironment,
  file: SeasonFile,
  operator: string,
  say: (line: string) => void,
): Promise<void> {
  const record = await loadDeployments(hre);
  const distributor = record?.contracts[REWARD_DISTRIBUTOR];
  if (distributor !== undefined && (await isLive(hre, distributor))) return;
  const measured = await measuredGas(hre, file, say);
  const fees = await hre.ethers.provider.getFeeData();
  const feePerGas = fees.maxFeePerGas ?? fees.gasPrice ?? 0n;
  const balance = await hre.ethers.provider.getBalance(operator);
  const measuredBy = `dry run, ${measured.transactions} transactions`;
  const row = balanceCheck({
    operator,
    balance,
    gas: measured.gas,
    feePerGas,
    symbol: "ETH",
    measuredBy,
  });
  say(
    `estimate: deployment ${measured.gas.toLocaleString("en-US")} gas (${measuredBy}) at the node's ` +
      `fee of ${feePerGas.toLocaleString("en-US")} wei per gas = ${formatNative(measured.gas * feePerGas, "ETH")}; ` +
      `the operator holds ${formatNative(balance, "ETH")}`,
  );
  if (row.failure) throw new TaskError(row.failure);
}

/** Runs every check against the task's network; refuses (one line) only when it cannot check at all. */
export async function runPreflight(
  hre: HardhatRuntimeEnvironment,
  args: {
    file: SeasonFile;
    operator: string;
    allowNoGuardian: boolean;
    say: (line: string) => void;
  },
): Promise<PreflightReport> {
  const { file, operator, say } = args;
  const chain = file.chain;
  if (!chain) throw new TaskError(`${file.source} has no 'chain' section: nothing to deploy`);
  const provider = hre.ethers.provider;
  const network = hre.network.name;
  const rows: CheckResult[] = [];

  // The node.
  const { chainId } = await provider.getNetwork();
  const preset = LIVE_PRESETS[network];
  rows.push({
    check: "chain id",
    value: `${chainId}${preset?.chainId ? ` (${preset.label})` : ""}`,
  });
  let client = "unknown (web3_clientVersion not answered)";
  try {
    client = await rpc<string>(hre, "web3_clientVersion", []);
  } catch {
    // A node may hide its version: worth a row, not a failure.
  }
  rows.push({ check: "client", value: client });
  const head = await provider.getBlock("latest");
  if (!head) throw new TaskError(`network '${network}' returned no latest block`);
  rows.push(
    headCheck({ number: head.number, timestamp: head.timestamp }, Math.floor(Date.now() / 1000)),
  );

  // The operator's balance against the deployment's measured gas.
  const record = await loadDeployments(hre);
  const distributor = record?.contracts[REWARD_DISTRIBUTOR];
  const deployed = distributor !== undefined && (await isLive(hre, distributor));
  const balance = await provider.getBalance(operator);
  const symbol = preset?.nativeSymbol ?? "ETH";
  if (deployed) {
    rows.push({
      check: "operator balance",
      value: `${balance} wei; the season is deployed already`,
    });
  } else {
    const measured = await measuredGas(hre, file, say);
    const fees = await provider.getFeeData();
    const feePerGas = fees.maxFeePerGas ?? fees.gasPrice ?? 0n;
    rows.push(
      balanceCheck({
        operator,
        balance,
        gas: measured.gas,
        feePerGas,
        symbol,
        measuredBy: `dry run, ${measured.transactions} transactions${measured.reused ? ", measured earlier for this file and build" : ""}`,
      }),
    );
  }

  // The EVM features the build needs, probed on the chain.
  const build = String(hre.config.solidity.compilers[0]?.settings?.evmVersion ?? "default");
  const contracts = await Promise.all(
    contractsToDeploy(file).map(async (name) => {
      const artifact = await hre.artifacts.readArtifact(name);
      return { name, bytecode: artifact.bytecode };
    }),
  );
  const needed = featuresNeeded(contracts);
  const missing = await probeMissingFeatures(async (data) => {
    try {
      await rpc(hre, "eth_call", [{ from: operator, data }, "latest"]);
      return true;
    } catch {
      return false;
    }
  });
  rows.push(evmCheck({ needed, missing, build }));

  // The largest eth_getLogs range, recorded for the exporter.
  say("probing the node's eth_getLogs range…");
  const range = await probeLogRange(
    async (blocks) => {
      try {
        await rpc(hre, "eth_getLogs", [
          {
            address: operator,
            fromBlock: hex(Math.max(0, head.number - blocks + 1)),
            toBlock: hex(head.number),
          },
        ]);
        return true;
      } catch {
        return false;
      }
    },
    { cap: LOG_RANGE_CAP },
  );
  const limitsFile = rpcLimitsPath(deploymentsDir(hre), network);
  writeRpcLimits(limitsFile, {
    network,
    chainId: Number(chainId),
    maxLogBlocks: range.blocks,
    capped: range.capped,
    probedAt: new Date().toISOString(),
  });
  rows.push({
    check: "eth_getLogs range",
    value: `${range.capped ? "at least " : ""}${range.blocks.toLocaleString("en-US")} blocks (${range.requests} requests; recorded in ${limitsFile})`,
  });

  // Guardian and timelock.
  rows.push(
    ...guardianChecks({
      chainId,
      operator,
      guardian: chain.distributor.guardian === ZeroAddress ? undefined : chain.distributor.guardian,
      timelock: chain.distributor.timelock,
      allowNoGuardian: args.allowNoGuardian,
    }),
  );

  // Relay rules: code, and the event in it.
  const mocks = new Set<string>(chain.dapps === "mocks" ? Object.values(DAPP_RECORDS) : []);
  chain.relay.forEach((rule, i) => {
    if (mocks.has(rule.contract) && !record?.contracts[rule.contract]) {
      rows.push({
        check: `relay rule ${i}`,
        value: `${rule.contract} (deployed by season:deploy)`,
      });
    }
  });
  const resolvable = chain.relay.filter(
    (rule) => !(mocks.has(rule.contract) && !record?.contracts[rule.contract]),
  );
  let compiled: ReturnType<typeof compileRelayRules>;
  try {
    compiled = compileRelayRules(resolvable, (name) => record?.contracts[name]?.address);
  } catch (e) {
    rows.push({
      check: "relay rules",
      value: "unresolved",
      failure: `${file.source}: chain.${(e as Error).message}`,
    });
    compiled = [];
  }
  for (const rule of compiled) {
    const i = chain.relay.indexOf(resolvable[compiled.indexOf(rule)]);
    const code = await provider.getCode(rule.address);
    let implementationCode: string | undefined;
    if (code !== "0x") {
      const slot = await provider.getStorage(rule.address, EIP1967_IMPLEMENTATION_SLOT);
      const implementation = `0x${slot.slice(-40)}`;
      if (BigInt(implementation) !== 0n)
        implementationCode = await provider.getCode(implementation);
    }
    const problem = relayRuleProblem({
      index: i,
      address: rule.address,
      event: rule.fragment.format("sighash"),
      topic: rule.topic,
      code,
      implementationCode,
    });
    rows.push({
      check: `relay rule ${i}`,
      value: `${rule.fragment.name} of ${rule.address} → ${rule.action}`,
      failure: problem,
    });
  }

  // The mint: open mode with reward pools is warned about (many EOAs can still claim).
  const openMode = openModeWarning(file.raw);
  if (openMode)
    rows.push({ check: "mint mode", value: "open", warning: openMode.replace(/^warning: /, "") });

  const failures = rows.flatMap((r) => (r.failure ? [r.failure] : []));
  const warnings = rows.flatMap((r) => (r.warning ? [r.warning] : []));
  return {
    network,
    chainId: chainId.toString(),
    rows,
    failures,
    warnings,
    logRange: { blocks: range.blocks, capped: range.capped, file: limitsFile },
  };
}

/** The eth_getLogs range season:preflight recorded for the task's network and node, if any. */
export async function probedLogRange(hre: HardhatRuntimeEnvironment): Promise<number | undefined> {
  const limits = readRpcLimits(rpcLimitsPath(deploymentsDir(hre), hre.network.name));
  if (!limits) return undefined;
  const { chainId } = await hre.ethers.provider.getNetwork();
  return BigInt(limits.chainId) === chainId ? limits.maxLogBlocks : undefined;
}

/**
 * season:preflight as a task runs it (and season:deploy before sending anything): the report as a
 * table (or JSON), each failure on its own line, then one refusal line when any check failed.
 */
export async function preflight(
  hre: HardhatRuntimeEnvironment,
  args: { season: string; allowNoGuardian: boolean; json: boolean; forDeploy?: boolean },
): Promise<PreflightReport> {
  const file = readSeasonFile(args.season);
  const operator = (await signerFor(hre)).address;
  const say = (line: string) => process.stderr.write(`[preflight] ${line}\n`);
  const report = await runPreflight(hre, {
    file,
    operator,
    allowNoGuardian: args.allowNoGuardian,
    say,
  });
  const network = hre.network.name;
  if (args.json) console.log(toJson(report));
  else {
    console.log(`season:preflight on network '${network}' (operator ${operator})`);
    console.log(
      formatTable(
        ["check", "result", "found"],
        report.rows.map((r) => [r.check, r.failure ? "FAIL" : r.warning ? "WARN" : "ok", r.value]),
        [false, false, false],
      ),
    );
    for (const w of report.warnings) console.log(`warning: ${w}`);
  }
  if (report.failures.length > 0) {
    for (const f of report.failures) console.error(f);
    const n = report.failures.length;
    const checks = `${n} preflight check${n === 1 ? "" : "s"} failed on network '${network}'`;
    throw new TaskError(
      args.forDeploy
        ? `season:deploy refused: ${checks} (above); nothing was sent`
        : `${checks} (above): fix ${n === 1 ? "it" : "them"} and run season:preflight again`,
    );
  }
  if (!args.json && !args.forDeploy)
    console.log(
      `preflight passed; next: npx hardhat season:deploy --network ${network} --season ${args.season}`,
    );
  return report;
}
