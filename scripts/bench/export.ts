/**
 * Benchmark of the export from a node (and of the relayer):
 *
 *     npm run bench:export -- [--records 1000000] [--blocks 100000] [--per-tx 200]
 *                             [--participants 100000] [--swaps 20000] [--relay-batch 500]
 *                             [--latency 20] [--skip-header-run]
 *
 * Starts anvil (out of process, from npm; Cancun, no history of states) with a 1e9 block gas
 * limit, deploys a Season 1 on it with `season:deploy`, then writes the load straight into the
 * node: `--records` actions recorded with PointsRegistry.recordPacked, `--per-tx` per transaction,
 * one transaction per block and empty blocks (anvil_mine) between, so that the records span
 * `--blocks` blocks; then `--swaps` Netswap swaps (the relayed dApp) for `points:relay`, to as
 * many recipients. Every task then runs in this process as
 * `npx hardhat --network localhost <task>` runs it, its network URL being a counting JSON-RPC
 * proxy (scripts/lib/rpc-proxy.ts) in front of anvil:
 *   1. season:export, the proxy adding no latency;
 *   2. season:export, the proxy adding `--latency` ms to every request (a remote provider);
 *   3. the same, the proxy removing `blockTimestamp` from the logs (a node that does not send it:
 *      the exporter then reads block headers, in JSON-RPC batches);
 *   4. points:relay without and with the latency.
 * For each: the time, events (or records) per second, the HTTP requests and JSON-RPC calls made,
 * requests per 1,000 events. Results also go to .bench/bench-export-<records>.json. The three
 * exports must give the same bytes; the bench fails otherwise.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { execSync, fork } from "node:child_process";
import { Interface } from "ethers";
import { startAnvil } from "../lib/anvil";
import { elapsedLog } from "./flags";
import type { RpcProxyStats } from "../lib/rpc-proxy";
import type { ProxyCommand } from "./proxy-child";
import { recordLoad, reporterFor } from "../lib/season-load";
import { httpTransport } from "../../src/indexer/json-rpc";
import { season1SeasonFile } from "../../src/season/season1-template";

const { values: flags } = parseArgs({
  options: {
    records: { type: "string", default: "1000000" },
    blocks: { type: "string", default: "100000" },
    "per-tx": { type: "string", default: "200" },
    participants: { type: "string", default: "100000" },
    swaps: { type: "string", default: "20000" },
    "relay-batch": { type: "string", default: "500" },
    latency: { type: "string", default: "20" },
    "skip-header-run": { type: "boolean", default: false },
  },
});
const RECORDS = Number(flags.records);
const BLOCKS = Number(flags.blocks);
const PER_TX = Number(flags["per-tx"]);
const SWAPS = Number(flags.swaps);
const LATENCY = Number(flags.latency);
const RELAY_BATCH = Number(flags["relay-batch"]);
const transactions = Math.ceil(RECORDS / PER_TX);
const GAP = Math.max(0, Math.ceil(BLOCKS / transactions) - 1);

const log = elapsedLog();
const group = (n: number) => Math.round(n).toLocaleString("en-US");
const hex = (n: number | bigint) => `0x${n.toString(16)}`;

/** The counting proxy in a child process (its CPU is not the task's); one command at a time. */
async function startProxyChild(upstream: string) {
  const child = fork(path.join(__dirname, "proxy-child.ts"), [upstream], {
    execArgv: ["--import", "tsx"],
  });
  const next = () =>
    new Promise<{ url?: string; stats?: RpcProxyStats; reads?: number }>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`the proxy exited (${code})`));
      child.once("exit", exited);
      child.once("message", (m: { url?: string; stats?: RpcProxyStats; reads?: number }) => {
        child.off("exit", exited);
        resolve(m);
      });
    });
  const { url } = await next();
  const send = async (command: ProxyCommand) => {
    const answer = next();
    child.send(command);
    return answer as Promise<{ stats: RpcProxyStats; reads: number }>;
  };
  return { url: url!, send };
}

// Interrupted: exit through process.exit, so that anvil and the proxy are stopped with it.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

async function main(): Promise<void> {
  const machine = {
    nproc: os.cpus().length,
    model: os.cpus()[0]?.model ?? "unknown",
    loadBefore: execSync("uptime").toString().trim(),
    node: process.version,
  };
  log(`machine: ${machine.nproc} × ${machine.model}; ${machine.loadBefore}`);
  const root = path.resolve(".bench", "export");
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });

  // Cancun, as the season is built for by default: from Prague on, anvil writes every block's
  // hash into the EIP-2935 history contract and recomputes that growing storage's root on each
  // block (10,000 empty blocks took 94 s, then 179 s); on Cancun they take 0.3 s. Without the
  // history of states (`--prune-history`) a block's cost no longer grows with the chain. Logs,
  // receipts and headers are all kept: the exporter and the relayer read nothing else.
  const anvil = await startAnvil({
    hardfork: "cancun",
    args: ["--gas-limit", "1000000000", "--prune-history"],
  });
  const proxy = await startProxyChild(anvil.url);
  try {
    process.env.HARDHAT_NETWORK = "localhost";
    process.env.LOCALHOST_RPC_URL = proxy.url;
    process.env.DEPLOYMENTS_DIR = path.join(root, "deployments");
    process.env.EPOCHS_DIR = path.join(root, "epochs");
    const hre = (await import("hardhat")).default;

    const rpc = httpTransport({ url: anvil.url, timeoutMs: 300_000 });
    const latest = (await rpc.call("eth_getBlockByNumber", ["latest", false])) as {
      timestamp: string;
    };
    const seasonFile = path.join(root, "season.json");
    fs.writeFileSync(
      seasonFile,
      JSON.stringify(
        season1SeasonFile({
          start: Number(latest.timestamp),
          epochSeconds: 7 * 86_400,
          epochs: 4,
          timelock: 0,
          mintMode: "open",
        }),
      ),
    );
    log("season:deploy");
    await hre.run("season:deploy", { season: seasonFile });
    const record = JSON.parse(
      fs.readFileSync(path.join(root, "deployments", "localhost.json"), "utf8"),
    ) as { contracts: Record<string, { address: string }> };
    const at = (name: string) => record.contracts[name].address;
    const [operator] = (await rpc.call("eth_accounts", [])) as string[];

    const build0 = performance.now();
    // The exporter's load.
    log(
      `building: ${group(RECORDS)} records, ${PER_TX} per transaction, ${GAP} empty blocks after each`,
    );
    const action = await reporterFor(
      anvil.url,
      at("PointsRegistry"),
      operator,
      operator,
      "midas.buy-ticket",
    );
    let shown = 0;
    const span = await recordLoad({
      url: anvil.url,
      registry: at("PointsRegistry"),
      reporter: operator,
      action,
      records: RECORDS,
      perTransaction: PER_TX,
      gapBlocks: GAP,
      participants: Number(flags.participants),
      onProgress: (done, total) => {
        if (done - shown >= total / 10 || done === total) {
          shown = done;
          log(`  ${group(done)} of ${group(total)} records`);
        }
      },
    });
    // The relayer's load: swaps, many per block (automine off), to as many recipients. After the
    // records: each new recipient is a new balance in the token's storage, and anvil recomputes
    // the whole state's root on every block, so a large state early would slow every later block
    // (with 20,000 recipients first, anvil mined about 43 blocks a second instead of 1,400).
    log(`building: ${group(SWAPS)} Netswap swaps`);
    await reporterFor(anvil.url, at("PointsRegistry"), operator, operator, "netswap.swap");
    const token = new Interface([
      "function mint(address to, uint256 amount)",
      "function approve(address spender, uint256 amount)",
    ]);
    const pair = new Interface([
      "function swap(address tokenIn, uint256 amountIn, uint256 minAmountOut, address to)",
    ]);
    const usd = at("TestnetToken:tUSDC");
    const send = (to: string, data: string) =>
      rpc.call("eth_sendTransaction", [{ from: operator, to, data, gas: hex(300_000) }]);
    await send(usd, token.encodeFunctionData("mint", [operator, 10n ** 15n]));
    await send(usd, token.encodeFunctionData("approve", [at("MockNetswapPair"), 10n ** 15n]));
    await rpc.call("evm_setAutomine", [false]);
    for (let i = 0; i < SWAPS; i++) {
      const to = `0x5a${(i + 1).toString(16).padStart(38, "0")}`;
      await send(at("MockNetswapPair"), pair.encodeFunctionData("swap", [usd, 10n ** 5n, 0, to]));
      if ((i + 1) % 250 === 0 || i === SWAPS - 1) await rpc.call("evm_mine", []);
    }
    await rpc.call("evm_setAutomine", [true]);

    const head = Number.parseInt((await rpc.call("eth_blockNumber", [])) as string, 16);
    const buildSeconds = (performance.now() - build0) / 1000;
    log(
      `built in ${buildSeconds.toFixed(1)} s: head ${group(head)}, records in ${span.firstBlock}..${span.lastBlock}`,
    );

    interface Run {
      name: string;
      seconds: number;
      items: number;
      perSecond: number;
      requests: number;
      reads: number;
      calls: number;
      batches: number;
      readsPer1000: number;
      /** CPU seconds of this process (the task; anvil and the proxy run apart). */
      cpuSeconds: number;
      byMethod: Record<string, number>;
      extra?: Record<string, number>;
    }
    const runs: Run[] = [];
    async function measure(
      name: string,
      fn: () => Promise<{ items: number; extra?: Record<string, number> }>,
    ): Promise<Run> {
      await proxy.send({ cmd: "reset" });
      log(`${name}: running`);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const { items, extra } = await fn();
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      const { stats, reads } = await proxy.send({ cmd: "stats" });
      const run: Run = {
        name,
        seconds,
        items,
        perSecond: items / seconds,
        requests: stats.requests,
        reads,
        calls: stats.calls,
        batches: stats.batches,
        readsPer1000: (reads * 1000) / Math.max(1, items),
        cpuSeconds,
        byMethod: stats.byMethod,
        extra,
      };
      runs.push(run);
      log(
        `${name}: ${group(items)} in ${seconds.toFixed(1)} s = ${group(run.perSecond)}/s ` +
          `(${cpuSeconds.toFixed(1)} CPU s, ${group(items / cpuSeconds)} per CPU s); ` +
          `${group(stats.requests)} requests (${group(reads)} reads, ${run.readsPer1000.toFixed(2)} per 1,000), ` +
          `${group(stats.calls)} calls, ${stats.batches} batches`,
      );
      return run;
    }

    const exportOnce = async (out: string) => {
      const r = (await hre.run("season:export", {
        season: seasonFile,
        out,
        quiet: true,
      })) as { lines: number };
      return { items: r.lines };
    };
    const files = ["local", "latency", "headers"].map((n) => path.join(root, `events-${n}.ndjson`));
    await measure("season:export, 0 ms", () => exportOnce(files[0]));
    await proxy.send({ cmd: "latency", ms: LATENCY });
    await measure(`season:export, ${LATENCY} ms per request`, () => exportOnce(files[1]));
    if (!flags["skip-header-run"]) {
      await proxy.send({ cmd: "strip", on: true });
      await measure(
        `season:export, ${LATENCY} ms, no blockTimestamp in logs (batched headers)`,
        () => exportOnce(files[2]),
      );
      await proxy.send({ cmd: "strip", on: false });
    }
    const reference = fs.readFileSync(files[0]);
    for (const f of files.slice(1).filter((f) => fs.existsSync(f))) {
      if (!fs.readFileSync(f).equals(reference)) throw new Error(`${f} differs from ${files[0]}`);
    }
    log("the exports are byte for byte equal");

    const relayOnce = async (logFile: string) => {
      const r = (await hre.run("points:relay", {
        season: seasonFile,
        batch: RELAY_BATCH,
        log: logFile,
        json: false,
      })) as { relayed: Record<string, number>; batches: { records: number }[] };
      const items = Object.values(r.relayed).reduce((a, b) => a + b, 0);
      return {
        items,
        extra: { transactions: r.batches.length, perTransaction: items / r.batches.length },
      };
    };
    await proxy.send({ cmd: "latency", ms: 0 });
    await measure("points:relay, 0 ms", () => relayOnce(path.join(root, "relay-local.ndjson")));
    await proxy.send({ cmd: "latency", ms: LATENCY });
    await measure(`points:relay, ${LATENCY} ms per request`, () =>
      relayOnce(path.join(root, "relay-latency.ndjson")),
    );

    const result = {
      command: `npm run bench:export -- ${process.argv.slice(2).join(" ")}`.trim(),
      machine: { ...machine, loadAfter: execSync("uptime").toString().trim() },
      load: {
        records: RECORDS,
        perTransaction: PER_TX,
        gapBlocks: GAP,
        head,
        swaps: SWAPS,
        buildSeconds,
      },
      runs,
    };
    const out = path.join(".bench", `bench-export-${RECORDS}.json`);
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      [
        "| run | items | seconds | per second | CPU s | per CPU s | HTTP requests | reads per 1,000 | calls | batches |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ...runs.map(
          (r) =>
            `| ${r.name} | ${group(r.items)} | ${r.seconds.toFixed(1)} | ${group(r.perSecond)} | ${r.cpuSeconds.toFixed(1)} | ${group(r.items / r.cpuSeconds)} | ${group(r.requests)} | ${r.readsPer1000.toFixed(2)} | ${group(r.calls)} | ${r.batches} |`,
        ),
      ].join("\n"),
    );
    log(`results in ${out}; ${result.machine.loadAfter}`);
  } finally {
    await proxy.send({ cmd: "close" }).catch(() => undefined);
    await anvil.stop();
  }
}

main().then(
  // Hardhat's HTTP provider keeps connections alive: exit once done.
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
