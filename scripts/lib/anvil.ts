/**
 * anvil, the node of Foundry, as an out-of-process node for tests and benchmarks. The binary comes
 * from npm (`@foundry-rs/anvil` and its platform package): nothing is downloaded. `startAnvil`
 * listens on a free port chosen by the operating system and `stop()` ends the process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface AnvilOptions {
  /** EVM hardfork (anvil's `--hardfork`), e.g. `cancun`, `shanghai`, `paris`. Default: anvil's. */
  hardfork?: string;
  /** Chain id (default 31337). */
  chainId?: number;
  /** Funded dev accounts (default 10), derived from anvil's default mnemonic. */
  accounts?: number;
  /** Balance of each dev account in ether (default 10,000). */
  balanceEther?: number;
  /** Seconds between blocks; unset mines a block per transaction. */
  blockTime?: number;
  /** More command-line arguments, passed as they are. */
  args?: string[];
  /** Milliseconds to wait for the node to listen (default 30,000). */
  startTimeoutMs?: number;
}

export interface AnvilNode {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  chainId: number;
  /** The process, for its pid or its output. */
  process: ChildProcess;
  /** Ends the node (SIGTERM, then SIGKILL after 5 s) and waits for it. Idempotent. */
  stop: () => Promise<void>;
}

/** The path of the anvil binary shipped by the platform package of `@foundry-rs/anvil`. */
export function anvilBinary(): string {
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const pkg = `@foundry-rs/anvil-${process.platform}-${arch}`;
  let dir: string;
  try {
    dir = path.dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    throw new Error(
      `anvil: the package ${pkg} is not installed (npm ci installs it on this platform)`,
    );
  }
  const binary = path.join(dir, "bin", process.platform === "win32" ? "anvil.exe" : "anvil");
  if (!fs.existsSync(binary)) throw new Error(`anvil: ${binary} is missing from ${pkg}`);
  return binary;
}

/** Starts anvil on 127.0.0.1 and a free port; resolves once it listens. */
export async function startAnvil(options: AnvilOptions = {}): Promise<AnvilNode> {
  const chainId = options.chainId ?? 31337;
  const args = ["--host", "127.0.0.1", "--port", "0", "--chain-id", String(chainId)];
  if (options.hardfork) args.push("--hardfork", options.hardfork);
  if (options.accounts !== undefined) args.push("--accounts", String(options.accounts));
  if (options.balanceEther !== undefined) args.push("--balance", String(options.balanceEther));
  if (options.blockTime !== undefined) args.push("--block-time", String(options.blockTime));
  args.push(...(options.args ?? []));

  const child = spawn(anvilBinary(), args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let exited = false;
  // A node outlives no process that started it: killed with it when this process exits.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const exit = new Promise<void>((resolve) => {
    child.once("exit", () => {
      exited = true;
      process.off("exit", killOnExit);
      resolve();
    });
  });
  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exit;
    clearTimeout(timer);
  };

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new Error(`anvil did not listen within ${options.startTimeoutMs ?? 30_000} ms:\n${output}`),
      );
    }, options.startTimeoutMs ?? 30_000);
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = /Listening on [^\s:]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        // Keep draining the pipe so that a chatty node never blocks on a full buffer.
        child.stdout?.resume();
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (data: Buffer) => {
      output += data.toString();
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`anvil exited (${signal ?? `code ${code}`}) before listening:\n${output}`));
    });
  }).catch(async (e: unknown) => {
    await stop();
    throw e;
  });

  return { url: `http://127.0.0.1:${port}`, port, chainId, process: child, stop };
}
