/**
 * The attacks on the distributor's trust model, each performed and shown to fail, and the queued
 * changes that stop them: the owner cannot skip the guardian's review (timelock, publisher and
 * guardian changes wait for the timelock in force, and the guardian can cancel them), a publisher
 * cannot end the season's roots (epochs advance by exactly one), a removed publisher's pending root
 * dies with it, and a claim page can tell a stale root from a bad proof (`rootStatus`).
 */
import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  DATA_HASH,
  TIMELOCK,
  acceptedEpoch1Fixture,
  deployDistributorFixture,
  rewardTree,
} from "./RewardDistributor.fixture";

const NONE = 0n;
const PENDING = 1n;
const ACCEPTED = 2n;
const OUTDATED = 3n;

describe("RewardDistributor: hardening (queued changes, epochs, root status)", () => {
  describe("the owner cannot skip the guardian's review", () => {
    it("refuses setTimelock(0) + setPublisher(self) + publishRoot + claim in one block", async () => {
      const { distributor, owner, tokenA } = await loadFixture(acceptedEpoch1Fixture);
      const a = await tokenA.getAddress();
      const balance = await tokenA.balanceOf(await distributor.getAddress());
      const theft = rewardTree([
        [owner.address, a, balance],
        [ethers.Wallet.createRandom().address, a, 1n],
      ]);
      const leaf = theft.leaf(owner.address, a);
      const d = distributor.connect(owner);
      const gasLimit = 500_000n;
      await network.provider.send("evm_setAutomine", [false]);
      const sent = [];
      try {
        sent.push(await d.setTimelock(0n, { gasLimit }));
        sent.push(await d.setPublisher(owner.address, true, { gasLimit }));
        sent.push(await d.publishRoot(2n, theft.root, DATA_HASH, { gasLimit }));
        sent.push(await d.claim(owner.address, a, leaf.amount, leaf.proof, { gasLimit }));
        await network.provider.send("evm_mine", []);
      } finally {
        await network.provider.send("evm_setAutomine", [true]);
      }
      const receipts = await Promise.all(
        sent.map((tx) => ethers.provider.getTransactionReceipt(tx.hash)),
      );
      expect(new Set(receipts.map((r) => r!.blockNumber)).size).to.equal(1);
      // The two changes were only queued; the publication and the claim failed.
      expect(receipts.map((r) => r!.status)).to.deep.equal([1, 1, 0, 0]);
      expect(await distributor.timelock()).to.equal(TIMELOCK);
      expect(await distributor.isPublisher(owner.address)).to.equal(false);
      expect(await tokenA.balanceOf(await distributor.getAddress())).to.equal(balance);
      await expect(d.publishRoot(2n, theft.root, DATA_HASH))
        .to.be.revertedWithCustomError(distributor, "NotPublisher")
        .withArgs(owner.address);
    });

    it("lets the guardian cancel queued timelock, publisher and guardian changes", async () => {
      const { distributor, owner, guardian, stranger } =
        await loadFixture(deployDistributorFixture);
      const d = distributor.connect(owner);
      const queuedAt = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(queuedAt);
      await expect(d.setTimelock(0n))
        .to.emit(distributor, "TimelockQueued")
        .withArgs(0n, queuedAt + TIMELOCK);
      await expect(d.setPublisher(owner.address, true))
        .to.emit(distributor, "PublisherQueued")
        .withArgs(owner.address, BigInt(await time.latest()) + 1n + TIMELOCK);
      await expect(d.setGuardian(owner.address))
        .to.emit(distributor, "GuardianQueued")
        .withArgs(owner.address, BigInt(await time.latest()) + 1n + TIMELOCK);
      expect(await distributor.queuedPublisher(owner.address)).to.not.equal(0n);
      expect((await distributor.queuedGuardian())[0]).to.equal(owner.address);
      // Nobody else may cancel.
      for (const call of [
        () => distributor.connect(stranger).cancelTimelock(),
        () => distributor.connect(stranger).cancelPublisher(owner.address),
        () => distributor.connect(stranger).cancelGuardian(),
      ]) {
        await expect(call())
          .to.be.revertedWithCustomError(distributor, "NotGuardianOrOwner")
          .withArgs(stranger.address);
      }
      const g = distributor.connect(guardian);
      await expect(g.cancelTimelock())
        .to.emit(distributor, "TimelockCancelled")
        .withArgs(0n, guardian.address);
      await expect(g.cancelPublisher(owner.address))
        .to.emit(distributor, "PublisherCancelled")
        .withArgs(owner.address, guardian.address);
      await expect(g.cancelGuardian())
        .to.emit(distributor, "GuardianCancelled")
        .withArgs(owner.address, guardian.address);
      await time.increase(2n * TIMELOCK);
      for (const call of [
        () => distributor.applyTimelock(),
        () => distributor.applyPublisher(owner.address),
        () => distributor.applyGuardian(),
        () => g.cancelTimelock(),
        () => g.cancelPublisher(owner.address),
        () => g.cancelGuardian(),
      ]) {
        await expect(call()).to.be.revertedWithCustomError(distributor, "NoQueuedChange");
      }
      expect(await distributor.timelock()).to.equal(TIMELOCK);
      expect(await distributor.isPublisher(owner.address)).to.equal(false);
      expect(await distributor.guardian()).to.equal(guardian.address);
      expect(await distributor.queuedTimelock()).to.deep.equal([0n, 0n]);
      expect(await distributor.queuedGuardian()).to.deep.equal([ethers.ZeroAddress, 0n]);
    });

    it("applies a queued change only once the timelock in force has elapsed, and lets the owner cancel too", async () => {
      const { distributor, owner, stranger } = await loadFixture(deployDistributorFixture);
      const d = distributor.connect(owner);
      await d.setPublisher(stranger.address, true);
      const validAt = await distributor.queuedPublisher(stranger.address);
      await time.setNextBlockTimestamp(validAt - 1n);
      await expect(distributor.applyPublisher(stranger.address))
        .to.be.revertedWithCustomError(distributor, "ChangeNotReady")
        .withArgs(validAt);
      await d.setTimelock(60n);
      const [, timelockAt] = await distributor.queuedTimelock();
      await expect(distributor.applyTimelock())
        .to.be.revertedWithCustomError(distributor, "ChangeNotReady")
        .withArgs(timelockAt);
      await d.setGuardian(stranger.address);
      const [, guardianAt] = await distributor.queuedGuardian();
      await expect(distributor.applyGuardian())
        .to.be.revertedWithCustomError(distributor, "ChangeNotReady")
        .withArgs(guardianAt);
      await expect(d.cancelTimelock())
        .to.emit(distributor, "TimelockCancelled")
        .withArgs(60n, owner.address);
      await time.increaseTo(guardianAt);
      // Anyone may apply a due change.
      await expect(distributor.connect(stranger).applyPublisher(stranger.address))
        .to.emit(distributor, "PublisherSet")
        .withArgs(stranger.address, true);
      await expect(distributor.connect(stranger).applyGuardian()).to.emit(
        distributor,
        "GuardianSet",
      );
      expect(await distributor.queuedPublisher(stranger.address)).to.equal(0n);
    });

    it("removes a publisher at once, dropping its queued addition, and with it the root it left pending", async () => {
      const { distributor, owner, publisher, stranger, epoch1 } =
        await loadFixture(deployDistributorFixture);
      await distributor.connect(publisher).publishRoot(1n, epoch1.root, DATA_HASH);
      const tx = distributor.connect(owner).setPublisher(publisher.address, false);
      await expect(tx).to.emit(distributor, "PublisherSet").withArgs(publisher.address, false);
      await expect(tx).to.emit(distributor, "RootRevoked").withArgs(1n, epoch1.root, owner.address);
      expect((await distributor.pendingRoot()).epoch).to.equal(0n);
      await time.increase(2n * TIMELOCK);
      await expect(distributor.acceptRoot()).to.be.revertedWithCustomError(
        distributor,
        "NoPendingRoot",
      );
      // Removing a publisher with nothing pending, or one that was only queued, revokes nothing.
      await distributor.connect(owner).setPublisher(stranger.address, true);
      await expect(distributor.connect(owner).setPublisher(stranger.address, false)).not.to.emit(
        distributor,
        "RootRevoked",
      );
      expect(await distributor.queuedPublisher(stranger.address)).to.equal(0n);
      await expect(distributor.applyPublisher(stranger.address)).to.be.revertedWithCustomError(
        distributor,
        "NoQueuedChange",
      );
      await expect(
        distributor.connect(owner).setPublisher(ethers.ZeroAddress, false),
      ).to.be.revertedWithCustomError(distributor, "ZeroAddress");
    });

    it("applies every change at once while the timelock is zero (nothing to review then)", async () => {
      const { distributor, owner, stranger } = await loadFixture(deployDistributorFixture);
      const d = distributor.connect(owner);
      await d.setTimelock(0n);
      await time.increase(TIMELOCK);
      await distributor.applyTimelock();
      await expect(d.setPublisher(stranger.address, true))
        .to.emit(distributor, "PublisherSet")
        .withArgs(stranger.address, true);
      await expect(d.setGuardian(stranger.address)).to.emit(distributor, "GuardianSet");
      await expect(d.setTimelock(60n)).to.emit(distributor, "TimelockSet").withArgs(0n, 60n);
      expect(await distributor.guardian()).to.equal(stranger.address);
      expect(await distributor.timelock()).to.equal(60n);
      await expect(d.setTimelock(31n * 86_400n)).to.be.revertedWithCustomError(
        distributor,
        "TimelockTooLong",
      );
    });
  });

  describe("a publisher cannot end the season's roots", () => {
    it("refuses epoch 2^64 - 1 even with a zero timelock, and the next epoch still publishes", async () => {
      const { distributor, owner, publisher, epoch1 } = await loadFixture(deployDistributorFixture);
      await distributor.connect(owner).setTimelock(0n);
      await time.increase(TIMELOCK);
      await distributor.applyTimelock();
      const last = 2n ** 64n - 1n;
      await expect(distributor.connect(publisher).publishRoot(last, epoch1.root, DATA_HASH))
        .to.be.revertedWithCustomError(distributor, "EpochNotNext")
        .withArgs(last, 1n);
      await distributor.connect(publisher).publishRoot(1n, epoch1.root, DATA_HASH);
      await distributor.connect(publisher).publishRoot(2n, ethers.id("root 2"), DATA_HASH);
      expect(await distributor.epoch()).to.equal(2n);
    });

    it("publishes a revoked epoch again under the same number", async () => {
      const { distributor, guardian, publisher, epoch1 } = await loadFixture(acceptedEpoch1Fixture);
      await distributor.connect(publisher).publishRoot(2n, ethers.id("bad"), DATA_HASH);
      await distributor.connect(guardian).revokePendingRoot();
      await expect(distributor.connect(publisher).publishRoot(3n, epoch1.root, DATA_HASH))
        .to.be.revertedWithCustomError(distributor, "EpochNotNext")
        .withArgs(3n, 2n);
      await expect(distributor.connect(publisher).publishRoot(2n, ethers.id("good"), DATA_HASH))
        .to.emit(distributor, "RootPublished")
        .withArgs(2n, ethers.id("good"), DATA_HASH, BigInt(await time.latest()) + 1n + TIMELOCK);
    });
  });

  describe("rootStatus: a claim page tells a stale root from a bad proof", () => {
    it("names pending, accepted, revoked, replaced and unknown roots", async () => {
      const { distributor, owner, guardian, publisher, epoch1, alice, tokenA } =
        await loadFixture(acceptedEpoch1Fixture);
      const a = await tokenA.getAddress();
      const status = (epoch: bigint, root: string) => distributor.rootStatus(epoch, root);
      expect(await status(1n, epoch1.root)).to.equal(ACCEPTED);
      expect(await status(0n, ethers.ZeroHash)).to.equal(NONE);
      expect(await status(2n, epoch1.root)).to.equal(NONE);
      expect(await status(1n, ethers.id("never published"))).to.equal(OUTDATED);
      // Epoch 2 published with a bad root: pending, then revoked (None until epoch 2 is accepted).
      const bad = rewardTree([[alice.address, a, 10n ** 30n]]);
      await distributor.connect(publisher).publishRoot(2n, bad.root, DATA_HASH);
      expect(await status(2n, bad.root)).to.equal(PENDING);
      expect(await status(3n, bad.root)).to.equal(NONE);
      await distributor.connect(guardian).revokePendingRoot();
      expect(await status(2n, bad.root)).to.equal(NONE);
      // The good epoch 2 is accepted: the revoked root and epoch 1's root are outdated.
      const good = rewardTree([[alice.address, a, 150n]]);
      await distributor.connect(publisher).publishRoot(2n, good.root, DATA_HASH);
      await time.increase(TIMELOCK);
      await distributor.acceptRoot();
      expect(await status(2n, good.root)).to.equal(ACCEPTED);
      expect(await status(2n, bad.root)).to.equal(OUTDATED);
      expect(await status(1n, epoch1.root)).to.equal(OUTDATED);
      // Paused claims keep the accepted root accepted (the page reads paused() for that).
      await distributor.connect(owner).pause();
      expect(await status(2n, good.root)).to.equal(ACCEPTED);
      // A stale proof fails as InvalidProof; the status says why before the page sends it.
      await distributor.connect(owner).unpause();
      const stale = epoch1.leaf(alice.address, a);
      await expect(
        distributor.claim(alice.address, a, stale.amount, stale.proof),
      ).to.be.revertedWithCustomError(distributor, "InvalidProof");
    });
  });
});
