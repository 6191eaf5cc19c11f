import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  notDeployedMessage,
  deploymentPath,
  readDeploymentRecord,
  withContract,
  writeDeploymentRecord,
  type DeploymentRecord,
} from "./deployments";

const A = "0x00000000000000000000000000000000000000aa";

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "deployments-"));
}

describe("deployment record", () => {
  it("returns undefined when nothing was deployed on the network", () => {
    expect(readDeploymentRecord(deploymentPath(tmpDir(), "localhost"))).toBeUndefined();
  });

  it("round-trips a record with sorted contract names", () => {
    const file = deploymentPath(tmpDir(), "localhost");
    let record: DeploymentRecord = { network: "localhost", chainId: 31337, contracts: {} };
    record = withContract(record, "TieredMint", { address: A, blockNumber: 3 });
    record = withContract(record, "Basket:tUSDC", {
      address: A,
      blockNumber: 1,
      meta: { decimals: 6 },
    });
    writeDeploymentRecord(file, record);
    const back = readDeploymentRecord(file);
    expect(back).toEqual(record);
    expect(Object.keys(JSON.parse(fs.readFileSync(file, "utf8")).contracts)).toEqual([
      "Basket:tUSDC",
      "TieredMint",
    ]);
  });

  it("does not modify the record it extends", () => {
    const record: DeploymentRecord = { network: "hardhat", chainId: 31337, contracts: {} };
    withContract(record, "X", { address: A, blockNumber: 0 });
    expect(record.contracts).toEqual({});
  });

  it("names the field of a malformed record and refuses bad JSON", () => {
    const dir = tmpDir();
    const file = path.join(dir, "localhost.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        network: "localhost",
        chainId: 31337,
        contracts: { M: { address: "0x12", blockNumber: 1 } },
      }),
    );
    expect(() => readDeploymentRecord(file)).toThrow(
      /contracts\.M\.address: must be a 0x-prefixed 20-byte hex address/,
    );
    fs.writeFileSync(file, "{");
    expect(() => readDeploymentRecord(file)).toThrow(/not valid JSON/);
  });

  it("refuses a network name that could escape the folder", () => {
    expect(() => deploymentPath("/tmp", "../etc")).toThrow(/invalid network name/);
  });
});

describe("notDeployedMessage", () => {
  it("gives the exact deploy command on a network that keeps its state", () => {
    expect(notDeployedMessage("TieredMint", "localhost", { seasonFile: "season.json" })).toBe(
      "TieredMint is not deployed on network 'localhost': run `npx hardhat season:deploy --network localhost --season season.json` first",
    );
    expect(notDeployedMessage("TieredMint", "metis-sepolia", { alone: "mint:deploy" })).toBe(
      "TieredMint is not deployed on network 'metis-sepolia': run `npx hardhat season:deploy --network metis-sepolia --season <season file>` first (or `npx hardhat mint:deploy --network metis-sepolia` for it alone)",
    );
  });

  it("on the in-process network says it forgets everything and points to a node", () => {
    const line = notDeployedMessage("the season", "hardhat", { seasonFile: "season.json" });
    expect(line).toMatch(/^the season is not deployed on the in-process 'hardhat' network/);
    expect(line).toMatch(/forgets everything when a command ends/);
    expect(line).toMatch(/--network localhost/);
    expect(line).not.toMatch(/season:deploy/);
  });
});
