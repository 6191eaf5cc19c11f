/**
 * The local-node walkthrough of docs/operator.md runs as written: the fenced shell block between
 * `<!-- walkthrough:start -->` and `<!-- walkthrough:end -->` is run, command by command, by bash
 * in a fresh copy of the project (sources linked, nothing compiled, no deployment, no epoch
 * folder), against a `hardhat node` of its own on a free port (LOCALHOST_RPC_URL points
 * `--network localhost` at it). The first task therefore compiles the contracts, as on a fresh
 * clone. Slow by nature (some thirty Hardhat commands): skipped when WALKTHROUGH=skip.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { childEnv, killChildren, startNode } from "../audit/node.helpers";

const ROOT = path.join(__dirname, "..", "..");
/** What a fresh clone has: the sources and the installed packages (linked, read only). */
const LINKED = [
  "tsconfig.json",
  "package.json",
  "node_modules",
  "contracts",
  "tasks",
  "src",
  "deploy",
  "scripts",
];

/** The walkthrough's shell commands, from docs/operator.md's marked section. */
export function walkthroughScript(markdown: string): string {
  const start = markdown.indexOf("<!-- walkthrough:start -->");
  const end = markdown.indexOf("<!-- walkthrough:end -->");
  if (start < 0 || end < start) throw new Error("docs/operator.md has no walkthrough section");
  const blocks = [...markdown.slice(start, end).matchAll(/^```sh\n([\s\S]*?)^```/gm)];
  if (blocks.length !== 1) throw new Error(`expected one sh block, found ${blocks.length}`);
  return blocks[0][1];
}

describe("docs/operator.md walkthrough", function () {
  after(killChildren);

  it("extracts the commands of the marked section", () => {
    const script = walkthroughScript(
      fs.readFileSync(path.join(ROOT, "docs", "operator.md"), "utf8"),
    );
    const commands = script.split("\n").filter((l) => l.startsWith("npx hardhat "));
    expect(commands.length).to.be.greaterThan(25);
    expect(commands[0]).to.match(/^npx hardhat season:init \$N /);
    expect(script).to.not.include("npx hardhat node");
  });

  it("runs as written against a local node, from a fresh copy to the last claim", async function () {
    if (process.env.WALKTHROUGH === "skip") this.skip();
    this.timeout(30 * 60_000);
    const script = walkthroughScript(
      fs.readFileSync(path.join(ROOT, "docs", "operator.md"), "utf8"),
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "walkthrough-"));
    try {
      for (const name of LINKED) fs.symlinkSync(path.join(ROOT, name), path.join(dir, name));
      // A config file of the copy's own (a link would be resolved to the project, and with it
      // every folder the tasks write to): the project's config, rooted in the copy.
      fs.writeFileSync(
        path.join(dir, "hardhat.config.ts"),
        `export { default } from ${JSON.stringify(path.join(ROOT, "hardhat.config"))};\n`,
      );
      const { child: node, url } = await startNode();
      const env = childEnv({ LOCALHOST_RPC_URL: url, NO_COLOR: "1" });
      for (const k of ["DEPLOYMENTS_DIR", "EPOCHS_DIR", "RIDDLE_SECRETS_DIR"]) delete env[k];
      // -e: stop at the first failing command; -x: show each command as it runs.
      const run = spawn("bash", ["-e", "-x", "-c", script], {
        cwd: dir,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      run.stdout.on("data", (d: Buffer) => (out += d.toString()));
      run.stderr.on("data", (d: Buffer) => (out += d.toString()));
      const code = await new Promise<number | null>((resolve) => run.on("exit", resolve));
      node.proc.kill("SIGKILL");
      expect(code, out.slice(-6000)).to.equal(0);
      // A fresh copy: the first task compiled the contracts itself.
      expect(out).to.include("compiling the contracts first");
      // season:deploy prints the deployment's measured cost before it sends anything.
      expect(out).to.match(
        /^estimate: deployment [\d,]+ gas \(dry run, \d+ transactions\) at the node's fee of [\d,]+ wei per gas = [\d,.]+ ETH; the operator holds [\d,.]+ ETH$/m,
      );
      // Both epochs verified by the auditor, claims paid, the season's status at the end.
      expect(out.match(/^VERIFIED/gm)?.length, out.slice(-4000)).to.equal(2);
      expect(out).to.match(/claimed epoch 1's rewards \(claimMany/);
      expect(out).to.match(/claimed epoch 2's rewards \(claim,/);
      expect(out).to.match(/^ {4}2 +\S+ +accepted/m);
      // Every next: line names the network and a real file.
      for (const line of out.split("\n").filter((l) => l.startsWith("next: ")))
        expect(line).to.match(/^next: npx hardhat \S+ --network localhost --season season\.json/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
