import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import hre, { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import {
  REWARD_DISTRIBUTOR,
  deployRewardDistributor,
  type RewardDistributorConfig,
} from "../../deploy/rewards";
import { readDeploymentRecord } from "../../src/deployments";
import { useTempEnvDirs } from "../helpers/env";

describe("deploy/rewards: deployRewardDistributor", () => {
  let file: string;
  const dir = useTempEnvDirs("rewards-deploy-", { DEPLOYMENTS_DIR: "" });

  beforeEach(() => {
    file = path.join(dir(), "hardhat.json");
  });

  async function config(): Promise<RewardDistributorConfig> {
    const [owner, guardian, publisher] = await ethers.getSigners();
    return {
      owner: owner.address,
      guardian: guardian.address,
      publishers: [publisher.address],
      timelock: 3_600n,
      claimDeadline: BigInt(await time.latest()) + 90n * 86_400n,
    };
  }

  async function deployerNonce(): Promise<number> {
    const [deployer] = await ethers.getSigners();
    return ethers.provider.getTransactionCount(deployer.address);
  }

  it("deploys with the configuration and records the address", async () => {
    const c = await config();
    const result = await deployRewardDistributor(hre, c);
    expect(result.deployed).to.equal(true);
    const d = await ethers.getContractAt("RewardDistributor", result.address);
    expect(await d.owner()).to.equal(c.owner);
    expect(await d.guardian()).to.equal(c.guardian);
    expect(await d.isPublisher(c.publishers[0])).to.equal(true);
    expect(await d.timelock()).to.equal(c.timelock);
    expect(await d.claimDeadline()).to.equal(c.claimDeadline);
    const entry = readDeploymentRecord(file)!.contracts[REWARD_DISTRIBUTOR];
    expect(entry.address).to.equal(result.address);
    expect(entry.meta).to.deep.equal({
      owner: c.owner,
      guardian: c.guardian,
      publishers: c.publishers,
      timelock: "3600",
      claimDeadline: c.claimDeadline.toString(),
    });
  });

  it("reuses the live distributor on a second run", async () => {
    const c = await config();
    const first = await deployRewardDistributor(hre, c);
    const nonce = await deployerNonce();
    const again = await deployRewardDistributor(hre, c);
    expect(again).to.deep.equal({ address: first.address, deployed: false });
    expect(await deployerNonce()).to.equal(nonce);
  });

  it("refuses a live distributor with another claim deadline, changing nothing", async () => {
    const c = await config();
    const first = await deployRewardDistributor(hre, c);
    const before = fs.readFileSync(file, "utf8");
    const nonce = await deployerNonce();
    let error: Error | undefined;
    try {
      await deployRewardDistributor(hre, { ...c, claimDeadline: c.claimDeadline + 1n });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.equal(
      `RewardDistributor is already deployed at ${first.address} on network 'hardhat' with claim deadline ` +
        `${c.claimDeadline}, not ${c.claimDeadline + 1n}: the deadline cannot change`,
    );
    expect(fs.readFileSync(file, "utf8")).to.equal(before);
    expect(await deployerNonce()).to.equal(nonce);
  });

  it("redeploys when the recorded address has no code (a restarted in-process network)", async () => {
    const c = await config();
    fs.writeFileSync(
      file,
      JSON.stringify({
        network: "hardhat",
        chainId: 31337,
        contracts: {
          [REWARD_DISTRIBUTOR]: { address: ethers.Wallet.createRandom().address, blockNumber: 1 },
        },
      }),
    );
    const result = await deployRewardDistributor(hre, c);
    expect(result.deployed).to.equal(true);
    expect(readDeploymentRecord(file)!.contracts[REWARD_DISTRIBUTOR].address).to.equal(
      result.address,
    );
  });

  it("refuses a bad configuration with one line, before sending anything", async () => {
    const c = await config();
    const now = BigInt(await time.latest());
    const cases: [Partial<RewardDistributorConfig>, string][] = [
      [{ owner: "0x1234" }, "owner '0x1234' is not an address"],
      [{ owner: ethers.ZeroAddress }, "owner must not be the zero address"],
      [{ guardian: "guardian" }, "guardian 'guardian' is not an address"],
      [{ publishers: [ethers.ZeroAddress] }, "publisher must not be the zero address"],
      [
        { publishers: [c.publishers[0], c.publishers[0].toLowerCase()] },
        `publisher ${c.publishers[0].toLowerCase()} is listed twice`,
      ],
      [{ timelock: 30n * 86_400n + 1n }, "timelock 2592001 s is outside 0..2592000 s (30 days)"],
      [{ timelock: -1n }, "timelock -1 s is outside 0..2592000 s (30 days)"],
      [{ claimDeadline: now }, `is not after the chain's current time ${now}`],
    ];
    const nonce = await deployerNonce();
    for (const [change, message] of cases) {
      let error: Error | undefined;
      try {
        await deployRewardDistributor(hre, { ...c, ...change });
      } catch (e) {
        error = e as Error;
      }
      expect(
        error,
        JSON.stringify(change, (_k, v) => (typeof v === "bigint" ? `${v}` : v)),
      ).to.exist;
      expect(error!.message).to.contain(message);
      expect(error!.message).not.to.contain("\n");
    }
    expect(await deployerNonce()).to.equal(nonce);
    expect(fs.existsSync(file)).to.equal(false);
  });

  it("accepts no guardian, no publisher and a zero timelock (a test network)", async () => {
    const c = await config();
    const result = await deployRewardDistributor(hre, {
      ...c,
      guardian: ethers.ZeroAddress,
      publishers: [],
      timelock: 0n,
    });
    const d = await ethers.getContractAt("RewardDistributor", result.address);
    expect(await d.guardian()).to.equal(ethers.ZeroAddress);
    expect(await d.timelock()).to.equal(0n);
  });
});
