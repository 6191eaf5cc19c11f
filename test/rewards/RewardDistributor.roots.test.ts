import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  DATA_HASH,
  DAY,
  TIMELOCK,
  acceptedEpoch1Fixture,
  deployDistributorFixture,
  rewardTree,
} from "./RewardDistributor.fixture";

const OTHER_HASH = ethers.id("another tree.json");

describe("RewardDistributor: roots", () => {
  describe("publishRoot", () => {
    it("makes a pending root, acceptable once the timelock has passed", async () => {
      const { distributor, publisher, epoch1 } = await loadFixture(deployDistributorFixture);
      const publishedAt = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(publishedAt);
      await expect(distributor.connect(publisher).publishRoot(1n, epoch1.root, DATA_HASH))
        .to.emit(distributor, "RootPublished")
        .withArgs(1n, epoch1.root, DATA_HASH, publishedAt + TIMELOCK);
      const pending = await distributor.pendingRoot();
      expect(pending.epoch).to.equal(1n);
      expect(pending.validAt).to.equal(publishedAt + TIMELOCK);
      expect(pending.root).to.equal(epoch1.root);
      expect(pending.dataHash).to.equal(DATA_HASH);
      expect(await distributor.root()).to.equal(ethers.ZeroHash);
      expect(await distributor.epoch()).to.equal(0n);
    });

    it("refuses acceptance one second before the timelock ends, and allows it at the end, by anyone", async () => {
      const { distributor, publisher, stranger, epoch1 } =
        await loadFixture(deployDistributorFixture);
      await distributor.connect(publisher).publishRoot(1n, epoch1.root, DATA_HASH);
      const { validAt } = await distributor.pendingRoot();
      await time.setNextBlockTimestamp(validAt - 1n);
      await expect(distributor.connect(stranger).acceptRoot())
        .to.be.revertedWithCustomError(distributor, "TimelockNotElapsed")
        .withArgs(1n, validAt);
      await time.setNextBlockTimestamp(validAt);
      await expect(distributor.connect(stranger).acceptRoot())
        .to.emit(distributor, "RootAccepted")
        .withArgs(1n, epoch1.root, DATA_HASH);
      expect(await distributor.root()).to.equal(epoch1.root);
      expect(await distributor.epoch()).to.equal(1n);
      expect(await distributor.dataHash()).to.equal(DATA_HASH);
      const pending = await distributor.pendingRoot();
      expect([pending.epoch, pending.validAt, pending.root, pending.dataHash]).to.deep.equal([
        0n,
        0n,
        ethers.ZeroHash,
        ethers.ZeroHash,
      ]);
      await expect(distributor.acceptRoot()).to.be.revertedWithCustomError(
        distributor,
        "NoPendingRoot",
      );
    });

    it("requires the accepted epoch plus one: no going back, no skipping", async () => {
      const { distributor, publisher, epoch1 } = await loadFixture(acceptedEpoch1Fixture);
      for (const epoch of [0n, 1n, 3n, 5n, 2n ** 64n - 1n]) {
        await expect(distributor.connect(publisher).publishRoot(epoch, epoch1.root, DATA_HASH))
          .to.be.revertedWithCustomError(distributor, "EpochNotNext")
          .withArgs(epoch, 2n);
      }
      await expect(distributor.connect(publisher).publishRoot(2n, epoch1.root, DATA_HASH)).to.emit(
        distributor,
        "RootPublished",
      );
    });

    it("refuses epoch 0 on a fresh distributor", async () => {
      const { distributor, publisher, epoch1 } = await loadFixture(deployDistributorFixture);
      await expect(distributor.connect(publisher).publishRoot(0n, epoch1.root, DATA_HASH))
        .to.be.revertedWithCustomError(distributor, "EpochNotNext")
        .withArgs(0n, 1n);
    });

    it("refuses a second root while one is pending, even once acceptable", async () => {
      const { distributor, publisher, epoch1 } = await loadFixture(acceptedEpoch1Fixture);
      await distributor.connect(publisher).publishRoot(2n, epoch1.root, DATA_HASH);
      const { validAt } = await distributor.pendingRoot();
      await expect(distributor.connect(publisher).publishRoot(3n, ethers.id("x"), OTHER_HASH))
        .to.be.revertedWithCustomError(distributor, "PendingRootExists")
        .withArgs(2n);
      await time.increaseTo(validAt + DAY);
      await expect(distributor.connect(publisher).publishRoot(3n, ethers.id("x"), OTHER_HASH))
        .to.be.revertedWithCustomError(distributor, "PendingRootExists")
        .withArgs(2n);
      // The pending root was not moved by the refused publications.
      expect((await distributor.pendingRoot()).validAt).to.equal(validAt);
    });

    it("refuses a zero root, the no-root marker, a non-publisher, and publications after the claim deadline", async () => {
      const { distributor, publisher, owner, guardian, stranger, epoch1, claimDeadline } =
        await loadFixture(deployDistributorFixture);
      const marker = ethers.toBeHex(1, 32);
      for (const invalid of [ethers.ZeroHash, marker]) {
        await expect(distributor.connect(publisher).publishRoot(1n, invalid, DATA_HASH))
          .to.be.revertedWithCustomError(distributor, "InvalidRoot")
          .withArgs(invalid);
      }
      for (const signer of [owner, guardian, stranger]) {
        await expect(distributor.connect(signer).publishRoot(1n, epoch1.root, DATA_HASH))
          .to.be.revertedWithCustomError(distributor, "NotPublisher")
          .withArgs(signer.address);
      }
      await time.increaseTo(claimDeadline + 1n);
      await expect(distributor.connect(publisher).publishRoot(1n, epoch1.root, DATA_HASH))
        .to.be.revertedWithCustomError(distributor, "ClaimDeadlinePassed")
        .withArgs(claimDeadline);
    });

    it("takes effect at once with a timelock of zero", async () => {
      const { distributor, owner, publisher, epoch1 } = await loadFixture(deployDistributorFixture);
      await distributor.connect(owner).setTimelock(0n);
      await time.increase(TIMELOCK);
      await distributor.applyTimelock();
      const tx = distributor.connect(publisher).publishRoot(1n, epoch1.root, DATA_HASH);
      await expect(tx).to.emit(distributor, "RootPublished");
      await expect(tx).to.emit(distributor, "RootAccepted").withArgs(1n, epoch1.root, DATA_HASH);
      expect(await distributor.root()).to.equal(epoch1.root);
      expect(await distributor.epoch()).to.equal(1n);
      expect((await distributor.pendingRoot()).epoch).to.equal(0n);
      // And the next epoch too, with no pending root left behind.
      await distributor.connect(publisher).publishRoot(2n, ethers.id("root 2"), OTHER_HASH);
      expect(await distributor.epoch()).to.equal(2n);
      expect(await distributor.dataHash()).to.equal(OTHER_HASH);
    });
  });

  describe("revokePendingRoot", () => {
    it("lets the guardian revoke: the revoked root can never be accepted", async () => {
      const { distributor, publisher, guardian, epoch1 } =
        await loadFixture(deployDistributorFixture);
      await distributor.connect(publisher).publishRoot(1n, epoch1.root, DATA_HASH);
      await expect(distributor.connect(guardian).revokePendingRoot())
        .to.emit(distributor, "RootRevoked")
        .withArgs(1n, epoch1.root, guardian.address);
      expect((await distributor.pendingRoot()).epoch).to.equal(0n);
      await time.increase(10n * DAY);
      await expect(distributor.acceptRoot()).to.be.revertedWithCustomError(
        distributor,
        "NoPendingRoot",
      );
      expect(await distributor.root()).to.equal(ethers.ZeroHash);
    });

    it("lets the owner revoke, even after the timelock, until the root is accepted", async () => {
      const { distributor, publisher, owner, epoch1 } = await loadFixture(acceptedEpoch1Fixture);
      const bad = ethers.id("bad root");
      await distributor.connect(publisher).publishRoot(2n, bad, OTHER_HASH);
      await time.increase(2n * DAY);
      await expect(distributor.connect(owner).revokePendingRoot())
        .to.emit(distributor, "RootRevoked")
        .withArgs(2n, bad, owner.address);
      await expect(distributor.acceptRoot()).to.be.revertedWithCustomError(
        distributor,
        "NoPendingRoot",
      );
      expect(await distributor.root()).to.equal(epoch1.root);
      expect(await distributor.epoch()).to.equal(1n);
      expect(await distributor.dataHash()).to.equal(DATA_HASH);
    });

    it("lets the revoked epoch be published again, with a fresh timelock", async () => {
      const { distributor, publisher, guardian, epoch1 } = await loadFixture(acceptedEpoch1Fixture);
      const bad = ethers.id("bad root");
      await distributor.connect(publisher).publishRoot(2n, bad, OTHER_HASH);
      const first = await distributor.pendingRoot();
      await time.increase(DAY / 2n);
      await distributor.connect(guardian).revokePendingRoot();
      const fixed = rewardTree([[ethers.Wallet.createRandom().address, ethers.ZeroAddress, 1n]]);
      await distributor.connect(publisher).publishRoot(2n, fixed.root, DATA_HASH);
      const second = await distributor.pendingRoot();
      expect(second.root).to.equal(fixed.root);
      expect(second.validAt).to.be.greaterThan(first.validAt);
      // When the revoked root would have become acceptable, the new one still waits.
      await time.setNextBlockTimestamp(first.validAt);
      await expect(distributor.acceptRoot())
        .to.be.revertedWithCustomError(distributor, "TimelockNotElapsed")
        .withArgs(2n, second.validAt);
      await time.setNextBlockTimestamp(second.validAt);
      await distributor.acceptRoot();
      expect(await distributor.root()).to.equal(fixed.root);
      expect(await distributor.root()).not.to.equal(epoch1.root);
    });

    it("is refused to anyone else, and when nothing is pending", async () => {
      const { distributor, publisher, guardian, stranger, epoch1 } =
        await loadFixture(deployDistributorFixture);
      await expect(distributor.connect(guardian).revokePendingRoot()).to.be.revertedWithCustomError(
        distributor,
        "NoPendingRoot",
      );
      await distributor.connect(publisher).publishRoot(1n, epoch1.root, DATA_HASH);
      for (const signer of [publisher, stranger]) {
        await expect(distributor.connect(signer).revokePendingRoot())
          .to.be.revertedWithCustomError(distributor, "NotGuardianOrOwner")
          .withArgs(signer.address);
      }
    });
  });

  describe("setTimelock", () => {
    it("applies to later publications once applied; a pending root keeps its validAt", async () => {
      const { distributor, owner, publisher, epoch1 } = await loadFixture(deployDistributorFixture);
      await distributor.connect(publisher).publishRoot(1n, epoch1.root, DATA_HASH);
      const before = await distributor.pendingRoot();
      // Shortening is queued behind the timelock in force, and then leaves the pending root as it was.
      await expect(distributor.connect(owner).setTimelock(60n)).to.emit(
        distributor,
        "TimelockQueued",
      );
      const [queued, validAt] = await distributor.queuedTimelock();
      expect(queued).to.equal(60n);
      expect(await distributor.timelock()).to.equal(TIMELOCK);
      await time.increaseTo(validAt);
      await expect(distributor.applyTimelock())
        .to.emit(distributor, "TimelockSet")
        .withArgs(TIMELOCK, 60n);
      expect(await distributor.timelock()).to.equal(60n);
      expect((await distributor.pendingRoot()).validAt).to.equal(before.validAt);
      await distributor.acceptRoot();
      // Lengthening does not hold back a root already pending.
      await distributor.connect(publisher).publishRoot(2n, ethers.id("root 2"), OTHER_HASH);
      const second = await distributor.pendingRoot();
      await distributor.connect(owner).setTimelock(7n * DAY);
      await time.setNextBlockTimestamp((await distributor.queuedTimelock()).validAt);
      await distributor.applyTimelock();
      expect((await distributor.pendingRoot()).validAt).to.equal(second.validAt);
      expect(await distributor.timelock()).to.equal(7n * DAY);
      await expect(distributor.acceptRoot()).to.emit(distributor, "RootAccepted");
      // The next publication waits the new timelock.
      const publishedAt = second.validAt + 200n;
      await time.setNextBlockTimestamp(publishedAt);
      await distributor.connect(publisher).publishRoot(3n, ethers.id("root 3"), OTHER_HASH);
      expect((await distributor.pendingRoot()).validAt).to.equal(publishedAt + 7n * DAY);
    });

    it("refuses a timelock above the maximum, and anyone but the owner", async () => {
      const { distributor, owner, guardian } = await loadFixture(deployDistributorFixture);
      const max = await distributor.MAX_TIMELOCK();
      expect(max).to.equal(30n * DAY);
      await expect(distributor.connect(owner).setTimelock(max + 1n))
        .to.be.revertedWithCustomError(distributor, "TimelockTooLong")
        .withArgs(max + 1n, max);
      await distributor.connect(owner).setTimelock(max);
      await expect(distributor.connect(guardian).setTimelock(0n))
        .to.be.revertedWithCustomError(distributor, "OwnableUnauthorizedAccount")
        .withArgs(guardian.address);
    });
  });

  describe("while paused", () => {
    it("accepts roots, which claims use once unpaused", async () => {
      const { distributor, owner, guardian, publisher, tokenA, alice } =
        await loadFixture(acceptedEpoch1Fixture);
      const a = await tokenA.getAddress();
      await distributor.connect(guardian).pause();
      const epoch2 = rewardTree([
        [alice.address, a, 500n],
        [ethers.Wallet.createRandom().address, a, 1n],
      ]);
      await distributor.connect(publisher).publishRoot(2n, epoch2.root, DATA_HASH);
      await time.increase(TIMELOCK);
      await distributor.acceptRoot();
      expect(await distributor.root()).to.equal(epoch2.root);
      expect(await distributor.epoch()).to.equal(2n);
      const { proof } = epoch2.leaf(alice.address, a);
      await expect(distributor.claim(alice.address, a, 500n, proof)).to.be.revertedWithCustomError(
        distributor,
        "EnforcedPause",
      );
      await distributor.connect(owner).unpause();
      await expect(distributor.claim(alice.address, a, 500n, proof)).to.changeTokenBalance(
        tokenA,
        alice,
        500n,
      );
    });

    it("keeps a distributor with no root closed on unpause", async () => {
      const { distributor, owner, guardian, tokenA, epoch1, alice } =
        await loadFixture(deployDistributorFixture);
      const a = await tokenA.getAddress();
      await distributor.connect(guardian).pause();
      expect(await distributor.root()).to.equal(ethers.ZeroHash);
      await distributor.connect(owner).unpause();
      const { amount, proof } = epoch1.leaf(alice.address, a);
      await expect(
        distributor.claim(alice.address, a, amount, proof),
      ).to.be.revertedWithCustomError(distributor, "RootNotAccepted");
    });
  });
});
