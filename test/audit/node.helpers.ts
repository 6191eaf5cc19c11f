/**
 * Child processes for the fault tests: a real `hardhat node`, Hardhat commands against it, and a
 * JSON-RPC proxy that fails chosen requests. The Hardhat CLI is started with this Node binary
 * directly (what `npx hardhat` runs), so the process id we hold is the process we kill.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const HARDHAT_CLI = require.resolve("hardhat/internal/cli/bootstrap.js");

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The environment of a child Hardhat command: ours, minus Hardhat's own variables, plus `env`. */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("HARDHAT_")) out[k] = v;
  return { ...out, ...env };
}

/** A running child: its process and what it printed so far. */
export interface Child {
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (null) and signal when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const KEEP = 64 * 1024;
const children = new Set<ChildProcess>();

/**
 * Starts `hardhat <args>` in the project (output kept, the last 64 KiB of each stream), in plain
 * text: without NO_COLOR, Hardhat colours its error lines whenever CI is set.
 */
export function startHardhat(args: string[], env: NodeJS.ProcessEnv): Child {
  const proc = spawn(process.execPath, [HARDHAT_CLI, ...args], {
    cwd: ROOT,
    env: { ...env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(proc);
  let out = "";
  let err = "";
  proc.stdout!.on("data", (d: Buffer) => {
    out = (out + d.toString()).slice(-KEEP);
  });
  proc.stderr!.on("data", (d: Buffer) => {
    err = (err + d.toString()).slice(-KEEP);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on("exit", (code, signal) => {
      children.delete(proc);
      resolve({ code, signal });
    }),
  );
  return { proc, stdout: () => out, stderr: () => err, exited };
}

/** Runs `hardhat <args>` to its end. */
export async function runHardhat(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startHardhat(args, env);
  const { code } = await child.exited;
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

/** Kills every child still running, by its process id. */
export function killChildren(): void {
  for (const proc of children) if (proc.exitCode === null) proc.kill("SIGKILL");
}

/** Polls `predicate` every `ms` until it is true; fails after `timeoutMs`. */
export async function waitFor(
  what: string,
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 120_000,
  ms = 5,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}

/** Starts `hardhat node` on a free port and waits until it serves JSON-RPC. */
export async function startNode(): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const child = startHardhat(
    ["node", "--hostname", "127.0.0.1", "--port", String(port)],
    childEnv({}),
  );
  await waitFor(
    "the hardhat node to start",
    () => {
      if (child.proc.exitCode !== null) throw new Error(`hardhat node exited: ${child.stderr()}`);
      return child.stdout().includes("Started HTTP and WebSocket JSON-RPC server");
    },
    120_000,
    50,
  );
  return { child, url: `http://127.0.0.1:${port}` };
}

/** Which JSON-RPC requests a proxy fails: return true to answer with an error instead. */
type FailRule = (method: string, params: unknown[]) => boolean;

/**
 * A JSON-RPC proxy in front of `target`: forwards every request, except those `fail` picks, which
 * get a JSON-RPC error (as a node under load would answer). Counts the failures it injected.
 */
export async function startFailingProxy(
  target: string,
  fail: FailRule,
): Promise<{ url: string; failures: () => number; close: () => Promise<void> }> {
  let failures = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const request = JSON.parse(body.toString()) as {
        id: unknown;
        method: string;
        params?: unknown[];
      };
      if (!Array.isArray(request) && fail(request.method, request.params ?? [])) {
        failures++;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            jsonrpc: "2.0",
            id: request.id,
            error: { code: -32000, message: "proxy: injected eth_getLogs failure" },
          }),
        );
        return;
      }
      const forward = http.request(
        target,
        { method: "POST", headers: { "content-type": "application/json" } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, { "content-type": "application/json" });
          answer.pipe(res);
        },
      );
      forward.on("error", (e) => {
        res.writeHead(502);
        res.end(String(e));
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    failures: () => failures,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
