import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { ContractTransactionResponse } from "ethers";
import type { PointsRegistry } from "../../typechain-types";
import { packRecords, unpackRecords, type PointsRecord } from "../../src/points/batch";
import { account, POINTS, ref, registryFixture } from "./PointsRegistry.fixture";
import { underCoverage } from "../helpers/coverage";

/** The Recorded events of a transaction, in log order. */
async function recorded(registry: PointsRegistry, tx: ContractTransactionResponse) {
  const receipt = (await tx.wait())!;
  return receipt.logs
    .filter((l) => l.address === registry.target)
    .map((l) => registry.interface.parseLog(l)!)
    .filter((e) => e.name === "Recorded")
    .map((e) => ({
      account: e.args.account as string,
      action: Number(e.args.action),
      ref: e.args.ref as string,
    }));
}

/** Writes dappCount and actionCount straight into storage (slot 1: paused, uint16, uint32). */
async function setCounts(registry: PointsRegistry, dapps: number, actions: number) {
  const word = (BigInt(actions) << 24n) | (BigInt(dapps) << 8n);
  await ethers.provider.send("hardhat_setStorageAt", [
    registry.target,
    "0x1",
    ethers.toBeHex(word, 32),
  ]);
  expect(await registry.dappCount()).to.equal(dapps);
  expect(await registry.actionCount()).to.equal(actions);
}

describe("PointsRegistry", () => {
  describe("deployment", () => {
    it("grants the admin and operator roles", async () => {
      const { registry, admin, operator } = await loadFixture(registryFixture);
      expect(await registry.hasRole(await registry.DEFAULT_ADMIN_ROLE(), admin.address)).to.equal(
        true,
      );
      expect(await registry.hasRole(await registry.OPERATOR_ROLE(), operator.address)).to.equal(
        true,
      );
      expect(await registry.UNITS_PER_POINT()).to.equal(1_000_000n);
    });

    it("refuses a zero admin or operator", async () => {
      const { registry, admin } = await loadFixture(registryFixture);
      const factory = await ethers.getContractFactory("PointsRegistry");
      await expect(factory.deploy(ethers.ZeroAddress, admin.address)).to.be.revertedWithCustomError(
        registry,
        "ZeroRoleHolder",
      );
      await expect(factory.deploy(admin.address, ethers.ZeroAddress)).to.be.revertedWithCustomError(
        registry,
        "ZeroRoleHolder",
      );
    });
  });

  describe("catalog", () => {
    it("registers a dApp with its reporter role administered by operators", async () => {
      const { registry, op } = await loadFixture(registryFixture);
      const role = await registry.reporterRole(3);
      await expect(op.registerDApp("Midas Games"))
        .to.emit(registry, "DAppRegistered")
        .withArgs(3, "Midas Games", role);
      expect(await registry.dappCount()).to.equal(3);
      expect(await registry.dappName(3)).to.equal("Midas Games");
      expect(await registry.dappId("Midas Games")).to.equal(3);
      expect(await registry.dappId("Nope")).to.equal(0);
      expect(await registry.getRoleAdmin(role)).to.equal(await registry.OPERATOR_ROLE());
      expect(role).to.not.equal(await registry.reporterRole(2));
    });

    it("refuses a duplicate, empty or over-long dApp name", async () => {
      const { registry, op } = await loadFixture(registryFixture);
      await expect(op.registerDApp("Netswap"))
        .to.be.revertedWithCustomError(registry, "DAppAlreadyRegistered")
        .withArgs("Netswap", 1);
      await expect(op.registerDApp(""))
        .to.be.revertedWithCustomError(registry, "InvalidName")
        .withArgs("");
      const long = "x".repeat(65);
      await expect(op.registerDApp(long))
        .to.be.revertedWithCustomError(registry, "InvalidName")
        .withArgs(long);
      await expect(op.registerDApp("x".repeat(64))).to.emit(registry, "DAppRegistered");
    });

    it("refuses a dApp beyond the uint16 id space", async () => {
      const { registry, op } = await loadFixture(registryFixture);
      await setCounts(registry, 65_535, 3);
      await expect(op.registerDApp("One too many")).to.be.revertedWithCustomError(
        registry,
        "TooManyDApps",
      );
    });

    it("registers an action whose event carries its catalog key and values", async () => {
      const { registry, op } = await loadFixture(registryFixture);
      await expect(op.registerAction(2, "tethys.open-position", POINTS(400), 24))
        .to.emit(registry, "ActionRegistered")
        .withArgs(4, 2, "tethys.open-position", POINTS(400), 24);
      const entry = await registry.getAction(4);
      expect([entry.dapp, entry.retired, entry.maxRepeats, entry.basePoints]).to.deep.equal([
        2n,
        false,
        24n,
        POINTS(400),
      ]);
      expect(await registry.actionKey(4)).to.equal("tethys.open-position");
      expect(await registry.actionId("tethys.open-position")).to.equal(4);
      expect(await registry.requireActionId("tethys.open-position")).to.equal(4);
      expect(await registry.actionCount()).to.equal(4);
      // fractional points and no repeat cap
      await expect(op.registerAction(2, "tethys.stake-tlp", 33_333_333n, 0))
        .to.emit(registry, "ActionRegistered")
        .withArgs(5, 2, "tethys.stake-tlp", 33_333_333n, 0);
    });

    it("refuses an action of an unknown dApp, a bad key, zero points or a taken key", async () => {
      const { registry, op } = await loadFixture(registryFixture);
      await expect(op.registerAction(0, "a", 1, 0))
        .to.be.revertedWithCustomError(registry, "UnknownDApp")
        .withArgs(0);
      await expect(op.registerAction(3, "a", 1, 0))
        .to.be.revertedWithCustomError(registry, "UnknownDApp")
        .withArgs(3);
      await expect(op.registerAction(1, "", 1, 0)).to.be.revertedWithCustomError(
        registry,
        "InvalidName",
      );
      await expect(op.registerAction(1, "k".repeat(65), 1, 0)).to.be.revertedWithCustomError(
        registry,
        "InvalidName",
      );
      await expect(op.registerAction(1, "a", 0, 0)).to.be.revertedWithCustomError(
        registry,
        "ZeroBasePoints",
      );
      await expect(op.registerAction(1, "netswap.swap", POINTS(100), 24))
        .to.be.revertedWithCustomError(registry, "ActionAlreadyRegistered")
        .withArgs("netswap.swap", 1);
    });

    it("never re-values: a retired key stays taken, a new value needs a new key", async () => {
      const { registry, op, netswapReporter } = await loadFixture(registryFixture);
      await expect(op.retireAction(1)).to.emit(registry, "ActionRetired").withArgs(1);
      expect((await registry.getAction(1)).retired).to.equal(true);
      expect((await registry.getAction(1)).basePoints).to.equal(POINTS(300));
      await expect(op.registerAction(1, "netswap.swap", POINTS(350), 24))
        .to.be.revertedWithCustomError(registry, "ActionAlreadyRegistered")
        .withArgs("netswap.swap", 1);
      await expect(op.registerAction(1, "netswap.swap.v2", POINTS(350), 24))
        .to.emit(registry, "ActionRegistered")
        .withArgs(4, 1, "netswap.swap.v2", POINTS(350), 24);
      await expect(registry.connect(netswapReporter).record(account(1), 1, ref(1)))
        .to.be.revertedWithCustomError(registry, "ActionIsRetired")
        .withArgs(1);
      await expect(registry.connect(netswapReporter).record(account(1), 4, ref(1))).to.emit(
        registry,
        "Recorded",
      );
    });

    it("refuses to retire an unknown or retired action", async () => {
      const { registry, op } = await loadFixture(registryFixture);
      await expect(op.retireAction(9))
        .to.be.revertedWithCustomError(registry, "UnknownAction")
        .withArgs(9);
      await op.retireAction(2);
      await expect(op.retireAction(2))
        .to.be.revertedWithCustomError(registry, "ActionIsRetired")
        .withArgs(2);
    });

    it("reverts UnknownActionKey for requireActionId of an unknown key", async () => {
      const { registry } = await loadFixture(registryFixture);
      await expect(registry.requireActionId("nope"))
        .to.be.revertedWithCustomError(registry, "UnknownActionKey")
        .withArgs("nope");
    });

    it("lets only operators administer the catalog, reporters and pause", async () => {
      const { registry, admin, stranger } = await loadFixture(registryFixture);
      const role = await registry.OPERATOR_ROLE();
      for (const who of [admin, stranger]) {
        const r = registry.connect(who);
        const calls = [
          () => r.registerDApp("X"),
          () => r.registerAction(1, "x", 1, 0),
          () => r.retireAction(1),
          () => r.addReporter(1, who.address),
          () => r.removeReporter(1, who.address),
          () => r.pause(),
          () => r.unpause(),
        ];
        for (const call of calls) {
          await expect(call())
            .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
            .withArgs(who.address, role);
        }
      }
    });
  });

  describe("reporters", () => {
    it("are authorised and removed per dApp by operators", async () => {
      const { registry, op, operator, stranger } = await loadFixture(registryFixture);
      const role = await registry.reporterRole(1);
      await expect(op.addReporter(1, stranger.address))
        .to.emit(registry, "RoleGranted")
        .withArgs(role, stranger.address, operator.address);
      expect(await registry.isReporter(1, stranger.address)).to.equal(true);
      expect(await registry.isReporter(2, stranger.address)).to.equal(false);
      await expect(op.removeReporter(1, stranger.address)).to.emit(registry, "RoleRevoked");
      expect(await registry.isReporter(1, stranger.address)).to.equal(false);
      await expect(registry.connect(stranger).record(account(1), 1, ref(1)))
        .to.be.revertedWithCustomError(registry, "NotReporterOfDApp")
        .withArgs(stranger.address, 1, 1);
    });

    it("cannot be added or removed for an unknown dApp", async () => {
      const { registry, op, stranger } = await loadFixture(registryFixture);
      await expect(op.addReporter(3, stranger.address))
        .to.be.revertedWithCustomError(registry, "UnknownDApp")
        .withArgs(3);
      await expect(op.removeReporter(0, stranger.address))
        .to.be.revertedWithCustomError(registry, "UnknownDApp")
        .withArgs(0);
    });

    it("cannot grant themselves or others a reporter role", async () => {
      const { registry, netswapReporter, stranger } = await loadFixture(registryFixture);
      await expect(
        registry
          .connect(netswapReporter)
          .grantRole(await registry.reporterRole(2), netswapReporter.address),
      )
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(netswapReporter.address, await registry.OPERATOR_ROLE());
      await expect(
        registry
          .connect(netswapReporter)
          .grantRole(await registry.reporterRole(1), stranger.address),
      ).to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount");
    });
  });

  describe("record", () => {
    it("emits Recorded with the account, the action and the ref", async () => {
      const { registry, netswapReporter } = await loadFixture(registryFixture);
      await expect(registry.connect(netswapReporter).record(account(1), 2, ref(1)))
        .to.emit(registry, "Recorded")
        .withArgs(account(1), 2, ref(1));
    });

    it("refuses a reporter another dApp's action", async () => {
      const { registry, netswapReporter, tethysReporter } = await loadFixture(registryFixture);
      await expect(registry.connect(netswapReporter).record(account(1), 3, ref(1)))
        .to.be.revertedWithCustomError(registry, "NotReporterOfDApp")
        .withArgs(netswapReporter.address, 3, 2);
      await expect(registry.connect(tethysReporter).record(account(1), 1, ref(1)))
        .to.be.revertedWithCustomError(registry, "NotReporterOfDApp")
        .withArgs(tethysReporter.address, 1, 1);
    });

    it("refuses a non-reporter, even an operator or the admin", async () => {
      const { registry, admin, operator } = await loadFixture(registryFixture);
      for (const who of [admin, operator]) {
        await expect(registry.connect(who).record(account(1), 1, ref(1)))
          .to.be.revertedWithCustomError(registry, "NotReporterOfDApp")
          .withArgs(who.address, 1, 1);
      }
    });

    it("refuses an unknown action, a zero account and a zero ref", async () => {
      const { registry, netswapReporter } = await loadFixture(registryFixture);
      const r = registry.connect(netswapReporter);
      await expect(r.record(account(1), 0, ref(1)))
        .to.be.revertedWithCustomError(registry, "UnknownAction")
        .withArgs(0);
      await expect(r.record(account(1), 99, ref(1)))
        .to.be.revertedWithCustomError(registry, "UnknownAction")
        .withArgs(99);
      await expect(r.record(ethers.ZeroAddress, 1, ref(1)))
        .to.be.revertedWithCustomError(registry, "ZeroAccount")
        .withArgs(0);
      await expect(r.record(account(1), 1, ethers.ZeroHash))
        .to.be.revertedWithCustomError(registry, "ZeroRef")
        .withArgs(0);
    });

    it("stops while paused and resumes when unpaused", async () => {
      const { registry, op, netswapReporter } = await loadFixture(registryFixture);
      const r = registry.connect(netswapReporter);
      await expect(op.pause()).to.emit(registry, "Paused");
      const one = [{ account: account(1), action: 1, ref: ref(1) }];
      await expect(r.record(account(1), 1, ref(1))).to.be.revertedWithCustomError(
        registry,
        "EnforcedPause",
      );
      await expect(r.recordBatch(one)).to.be.revertedWithCustomError(registry, "EnforcedPause");
      await expect(r.recordPacked(packRecords(one))).to.be.revertedWithCustomError(
        registry,
        "EnforcedPause",
      );
      await expect(op.pause()).to.be.revertedWithCustomError(registry, "EnforcedPause");
      await expect(op.unpause()).to.emit(registry, "Unpaused");
      await expect(op.unpause()).to.be.revertedWithCustomError(registry, "ExpectedPause");
      await expect(r.record(account(1), 1, ref(1))).to.emit(registry, "Recorded");
    });
  });

  describe("batches", () => {
    const batch: PointsRecord[] = [
      { account: account(1), action: 1, ref: ref(1) },
      { account: account(2), action: 2, ref: ref(2) },
      { account: account(1), action: 1, ref: ref(3) },
      { account: account(3), action: 2, ref: ref(4) },
    ];

    it("emit one Recorded per record, in batch order (ABI and packed forms alike)", async () => {
      const { registry, netswapReporter } = await loadFixture(registryFixture);
      const r = registry.connect(netswapReporter);
      expect(await recorded(registry, await r.recordBatch(batch))).to.deep.equal(batch);
      const packed = packRecords(batch);
      expect(unpackRecords(packed)).to.deep.equal(batch);
      expect(await recorded(registry, await r.recordPacked(packed))).to.deep.equal(batch);
    });

    it("are all or nothing, naming the first bad record's index", async () => {
      const { registry, netswapReporter } = await loadFixture(registryFixture);
      const r = registry.connect(netswapReporter);
      const zeroRef = batch.map((x, i) => (i === 2 ? { ...x, ref: ethers.ZeroHash } : x));
      await expect(r.recordBatch(zeroRef))
        .to.be.revertedWithCustomError(registry, "ZeroRef")
        .withArgs(2);
      const zeroAccount = batch.map((x, i) =>
        i === 3 ? { ...x, account: ethers.ZeroAddress } : x,
      );
      await expect(r.recordBatch(zeroAccount))
        .to.be.revertedWithCustomError(registry, "ZeroAccount")
        .withArgs(3);
      // the packed decoder reads the same fields: build the bad bytes by hand (packRecords refuses them)
      const good = packRecords(batch).slice(2);
      const badRef = `0x${good.slice(0, 112 * 2 + 48)}${"00".repeat(32)}${good.slice(112 * 2 + 112)}`;
      await expect(r.recordPacked(badRef))
        .to.be.revertedWithCustomError(registry, "ZeroRef")
        .withArgs(2);
      const badAccount = `0x${good.slice(0, 112)}${"00".repeat(20)}${good.slice(152)}`;
      await expect(r.recordPacked(badAccount))
        .to.be.revertedWithCustomError(registry, "ZeroAccount")
        .withArgs(1);
    });

    it("refuse another dApp's action anywhere in the batch", async () => {
      const { registry, netswapReporter } = await loadFixture(registryFixture);
      const r = registry.connect(netswapReporter);
      const mixed = [...batch, { account: account(4), action: 3, ref: ref(5) }];
      await expect(r.recordBatch(mixed))
        .to.be.revertedWithCustomError(registry, "NotReporterOfDApp")
        .withArgs(netswapReporter.address, 3, 2);
      await expect(r.recordPacked(packRecords(mixed)))
        .to.be.revertedWithCustomError(registry, "NotReporterOfDApp")
        .withArgs(netswapReporter.address, 3, 2);
      const unknown = [...batch, { account: account(4), action: 77, ref: ref(5) }];
      await expect(r.recordPacked(packRecords(unknown)))
        .to.be.revertedWithCustomError(registry, "UnknownAction")
        .withArgs(77);
    });

    it("refuse an empty batch and a packed batch that is not whole records", async () => {
      const { registry, netswapReporter } = await loadFixture(registryFixture);
      const r = registry.connect(netswapReporter);
      await expect(r.recordBatch([])).to.be.revertedWithCustomError(registry, "EmptyBatch");
      await expect(r.recordPacked("0x")).to.be.revertedWithCustomError(registry, "EmptyBatch");
      const packed = packRecords(batch);
      await expect(r.recordPacked(`${packed}00`))
        .to.be.revertedWithCustomError(registry, "MalformedPackedBatch")
        .withArgs(4 * 56 + 1);
      await expect(r.recordPacked(packed.slice(0, -2)))
        .to.be.revertedWithCustomError(registry, "MalformedPackedBatch")
        .withArgs(4 * 56 - 1);
    });

    it("check action ids from 256 up on every record", async () => {
      const { registry, op, netswapReporter, tethysReporter } = await loadFixture(registryFixture);
      await setCounts(registry, 2, 300);
      await op.registerAction(1, "netswap.launchpad", POINTS(100), 0); // id 301
      await op.registerAction(2, "tethys.high", POINTS(100), 0); // id 302
      const high = [
        { account: account(1), action: 301, ref: ref(1) },
        { account: account(2), action: 301, ref: ref(2) },
      ];
      expect(
        await recorded(registry, await registry.connect(netswapReporter).recordBatch(high)),
      ).to.deep.equal(high);
      expect(
        await recorded(
          registry,
          await registry.connect(netswapReporter).recordPacked(packRecords(high)),
        ),
      ).to.deep.equal(high);
      await expect(
        registry
          .connect(tethysReporter)
          .recordBatch([{ account: account(1), action: 302, ref: ref(1) }, ...high]),
      )
        .to.be.revertedWithCustomError(registry, "NotReporterOfDApp")
        .withArgs(tethysReporter.address, 301, 1);
      await op.retireAction(301);
      await expect(registry.connect(netswapReporter).recordPacked(packRecords(high)))
        .to.be.revertedWithCustomError(registry, "ActionIsRetired")
        .withArgs(301);
    });

    it("cost at most 4,000 gas per record in a batch of 100 (tx total / 100)", async function () {
      // solidity-coverage instruments the bytecode: gas budgets hold for the real build only
      if (underCoverage()) this.skip();
      const { registry, netswapReporter } = await loadFixture(registryFixture);
      const r = registry.connect(netswapReporter);
      const hundred = Array.from({ length: 100 }, (_, i) => ({
        account: account(i),
        action: 1 + (i % 2),
        ref: ref(i),
      }));
      const abiGas = (await (await r.recordBatch(hundred)).wait())!.gasUsed;
      const packedGas = (await (await r.recordPacked(packRecords(hundred))).wait())!.gasUsed;
      expect(abiGas / 100n).to.be.lessThanOrEqual(4_000n);
      expect(packedGas / 100n).to.be.lessThanOrEqual(4_000n);
      expect(packedGas).to.be.lessThan(abiGas);
    });
  });

  describe("exporting", () => {
    it("gives account, catalog key, ref and block time from chain data alone", async () => {
      const { registry, netswapReporter, tethysReporter } = await loadFixture(registryFixture);
      const tx1 = await registry.connect(netswapReporter).recordBatch([
        { account: account(1), action: 2, ref: ref("a") },
        { account: account(2), action: 1, ref: ref("b") },
      ]);
      const tx2 = await registry.connect(tethysReporter).record(account(1), 3, ref("c"));
      const timeOf = async (tx: ContractTransactionResponse) =>
        (await ethers.provider.getBlock((await tx.wait())!.blockNumber))!.timestamp;

      // An exporter that knows only the registry's address and ABI:
      const keys = new Map<bigint, string>();
      for (const e of await registry.queryFilter(registry.filters.ActionRegistered())) {
        keys.set(e.args.action, e.args.key);
      }
      const lines = [];
      for (const e of await registry.queryFilter(registry.filters.Recorded())) {
        const block = await e.getBlock();
        lines.push({
          account: e.args.account,
          action: keys.get(e.args.action),
          ref: e.args.ref,
          time: block.timestamp,
        });
      }
      const [t1, t2] = [await timeOf(tx1), await timeOf(tx2)];
      expect(lines).to.deep.equal([
        { account: account(1), action: "netswap.add-liquidity", ref: ref("a"), time: t1 },
        { account: account(2), action: "netswap.swap", ref: ref("b"), time: t1 },
        { account: account(1), action: "tethys.swap", ref: ref("c"), time: t2 },
      ]);
    });
  });
});
