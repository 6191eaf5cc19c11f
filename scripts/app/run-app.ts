/**
 * `npm run app`: the participant app of a local season, in one command. Starts anvil (from npm,
 * on a free port), runs the local season's `demo` step through the operator's tasks (deploy in
 * voucher mode, two participants join, one answers the riddle, epoch 1 closed, published, funded
 * and accepted: scripts/app/local-season.ts), builds the site and serves it on 127.0.0.1, printing
 * the URL. Ctrl-C stops the server and the node.
 *
 * Which season: APP_DIR (default reports/app-season) holds it; with APP_REUSE=1 and an existing
 * APP_DIR/site, that site is served as it is (its chain must still be running at its rpcUrl).
 * APP_PORT chooses the web port (default: a free one). Anvil's first dev accounts are the
 * operator (0) and the two participants (1, 2): import their well-known keys into a wallet, on
 * chain 31337 at the node's URL, to join, answer and claim from the page.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startAnvil, type AnvilNode } from "../lib/anvil";
import { serveStatic } from "./serve";

const root = path.resolve(__dirname, "..", "..");
const dir = path.resolve(process.env.APP_DIR ?? path.join(root, "reports", "app-season"));

function hardhatRun(script: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(root, "node_modules", ".bin", "hardhat"),
      ["run", "--network", "localhost", script],
      { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit"] },
    );
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} exited with code ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  let node: AnvilNode | undefined;
  const reuse =
    process.env.APP_REUSE === "1" && fs.existsSync(path.join(dir, "site", "index.html"));
  if (!reuse) {
    node = await startAnvil();
    console.log(
      `anvil at ${node.url} (chain ${node.chainId}); building the local season in ${dir}`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
    await hardhatRun(path.join("scripts", "app", "local-season.ts"), {
      APP_DIR: dir,
      APP_STEP: "demo",
      LOCALHOST_RPC_URL: node.url,
    });
  }
  const server = await serveStatic(path.join(dir, "site"), Number(process.env.APP_PORT ?? 0));
  console.log(`\nthe participant app of the local season (${dir}/site) is at ${server.url}`);
  if (node)
    console.log(
      `its chain: ${node.url} (chain id 31337); participants: anvil's dev accounts 1 and 2. Ctrl-C to stop.`,
    );
  const stop = async () => {
    await server.close();
    await node?.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((e: unknown) => {
  console.error(`app: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
