/**
 * Hardhat's usage errors as one line (tasks/lib/usage.ts): the parser's verdicts in-process, and
 * one real `npx hardhat` run showing a single line, exit status 1 and no stack trace.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect } from "chai";
import { usageError } from "../../tasks/lib/usage";

const NETWORKS = ["hardhat", "localhost"];

function withoutDisplay(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DISPLAY;
  return env;
}

describe("usage errors", () => {
  it("accepts a well-formed command line", () => {
    expect(
      usageError(["season:status", "--network", "localhost", "--season", "s.json"], NETWORKS),
    ).to.equal(undefined);
    expect(usageError(["test", "test/docs/usage.test.ts"], NETWORKS)).to.equal(undefined);
    expect(usageError(["help", "season:status"], NETWORKS)).to.equal(undefined);
  });

  it("names an unknown network, a misspelled or missing parameter, a bad integer, an unknown task", () => {
    expect(
      usageError(["season:status", "--network", "metis-sepolai", "--season", "s"], NETWORKS),
    ).to.equal(
      "Error HH100: network 'metis-sepolai' is not defined: use one of hardhat, localhost (hardhat.config.ts)",
    );
    expect(usageError(["season:status", "--seasn", "s.json"], NETWORKS)).to.equal(
      "Error HH305: Unrecognized param --seasn; `npx hardhat help season:status` lists its parameters",
    );
    expect(usageError(["season:status"], NETWORKS)).to.match(
      /^Error HH306: The '--season' parameter of task 'season:status' expects a value, but none was passed; `npx hardhat help season:status` lists its parameters$/,
    );
    expect(usageError(["epoch:close", "--season", "s", "--epoch", "one"], NETWORKS)).to.equal(
      "Error HH301: Invalid value one for argument epoch of type int; `npx hardhat help epoch:close` lists its parameters",
    );
    expect(usageError(["epoch:clsoe"], NETWORKS)).to.match(/^Error HH\d+: .*epoch:clsoe/);
  });

  it("prints one line and exits 1 from the real command", function () {
    this.timeout(120_000);
    const root = path.join(__dirname, "..", "..");
    const r = spawnSync(
      process.execPath,
      [
        path.join(root, "node_modules", "hardhat", "internal", "cli", "bootstrap.js"),
        "season:status",
        "--network",
        "nowhere",
        "--season",
        "s.json",
      ],
      // No DISPLAY: where Hardhat prints a stack trace under every error by default.
      { cwd: root, encoding: "utf8", env: withoutDisplay() },
    );
    expect(r.status).to.equal(1);
    expect(r.stdout).to.equal("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(
      /^Error HH100: network 'nowhere' is not defined: use one of hardhat, localhost(, [\w-]+)* \(hardhat\.config\.ts\)$/,
    );
  });
});
