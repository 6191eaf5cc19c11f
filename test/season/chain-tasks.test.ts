import { expect } from "chai";
import hre from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { expectRefusal, run, runQuietly } from "../helpers/tasks";

describe("chain:advance", () => {
  it("moves the local chain's clock forward by the given seconds and mines a block", async () => {
    const before = await time.latest();
    const block = await hre.ethers.provider.getBlockNumber();
    const now = await runQuietly<{ block: number; timestamp: number; time: string }>(
      "chain:advance",
      { seconds: 3_600 },
    );
    expect(now.timestamp).to.be.within(before + 3_600, before + 3_601);
    expect(await time.latest()).to.equal(now.timestamp);
    expect(now.time).to.equal(new Date(now.timestamp * 1000).toISOString().replace(".000", ""));
    expect(now.block).to.equal(block + 1);
    expect(await hre.ethers.provider.getBlockNumber()).to.equal(block + 1);
  });

  it("--json prints the new block and time as JSON, and nothing else", async () => {
    const out = await run("chain:advance", { seconds: 60, json: true });
    const parsed = JSON.parse(out) as { block: number; timestamp: number };
    expect(parsed.block).to.equal(await hre.ethers.provider.getBlockNumber());
    expect(parsed.timestamp).to.equal(await time.latest());
  });

  it("refuses a non-positive number of seconds", async () => {
    await expectRefusal(
      "chain:advance",
      { seconds: 0 },
      /--seconds must be a positive integer, got 0/,
    );
  });

  it("refuses any chain but a local Hardhat one", async () => {
    const original = hre.ethers.provider.getNetwork.bind(hre.ethers.provider);
    hre.ethers.provider.getNetwork = async () =>
      ({ ...(await original()), chainId: 59_902n }) as Awaited<ReturnType<typeof original>>;
    try {
      await expectRefusal(
        "chain:advance",
        { seconds: 60 },
        /network 'hardhat' is chain 59902, not a local Hardhat chain \(31337\)/,
      );
    } finally {
      hre.ethers.provider.getNetwork = original;
    }
  });
});
