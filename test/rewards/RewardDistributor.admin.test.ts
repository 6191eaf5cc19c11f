import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  DATA_HASH,
  DAY,
  TIMELOCK,
  acceptedEpoch1Fixture,
  deployDistributorFixture,
} from "./RewardDistributor.fixture";

describe("RewardDistributor: administration", () => {
  describe("constructor", () => {
    it("sets the roles, the timelock and the deadline, with an event for each", async () => {
      const [owner, publisher, guardian, other] = await ethers.getSigners();
      const deadline = BigInt(await time.latest()) + 30n * DAY;
      const factory = await ethers.getContractFactory("RewardDistributor");
      const distributor = await factory.deploy(
        owner.address,
        guardian.address,
        [publisher.address, other.address],
        TIMELOCK,
        deadline,
      );
      const tx = distributor.deploymentTransaction()!;
      await expect(tx)
        .to.emit(distributor, "OwnershipTransferred")
        .withArgs(ethers.ZeroAddress, owner.address);
      await expect(tx)
        .to.emit(distributor, "GuardianSet")
        .withArgs(ethers.ZeroAddress, guardian.address);
      await expect(tx).to.emit(distributor, "TimelockSet").withArgs(0n, TIMELOCK);
      await expect(tx).to.emit(distributor, "PublisherSet").withArgs(publisher.address, true);
      await expect(tx).to.emit(distributor, "PublisherSet").withArgs(other.address, true);
      expect(await distributor.owner()).to.equal(owner.address);
      expect(await distributor.guardian()).to.equal(guardian.address);
      expect(await distributor.isPublisher(publisher.address)).to.equal(true);
      expect(await distributor.isPublisher(guardian.address)).to.equal(false);
      expect(await distributor.timelock()).to.equal(TIMELOCK);
      expect(await distributor.claimDeadline()).to.equal(deadline);
      expect(await distributor.paused()).to.equal(false);
    });

    it("refuses a deadline not in the future, a long timelock, a zero owner or publisher", async () => {
      const [owner, publisher, guardian] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("RewardDistributor");
      const now = BigInt(await time.latest());
      await time.setNextBlockTimestamp(now + 10n);
      await expect(factory.deploy(owner, guardian, [publisher], TIMELOCK, now + 10n))
        .to.be.revertedWithCustomError(factory, "InvalidClaimDeadline")
        .withArgs(now + 10n);
      const deadline = now + 365n * DAY;
      await expect(factory.deploy(owner, guardian, [publisher], 31n * DAY, deadline))
        .to.be.revertedWithCustomError(factory, "TimelockTooLong")
        .withArgs(31n * DAY, 30n * DAY);
      await expect(factory.deploy(ethers.ZeroAddress, guardian, [publisher], TIMELOCK, deadline))
        .to.be.revertedWithCustomError(factory, "OwnableInvalidOwner")
        .withArgs(ethers.ZeroAddress);
      await expect(
        factory.deploy(owner, guardian, [publisher, ethers.ZeroAddress], TIMELOCK, deadline),
      ).to.be.revertedWithCustomError(factory, "ZeroAddress");
      // No guardian and no publisher is a valid start: the owner adds them later.
      await expect(factory.deploy(owner, ethers.ZeroAddress, [], 0n, deadline)).not.to.be.reverted;
    });
  });

  describe("publishers and guardian", () => {
    it("lets the owner add and remove publishers", async () => {
      const { distributor, owner, publisher, stranger, epoch1 } =
        await loadFixture(deployDistributorFixture);
      await distributor.connect(owner).setPublisher(stranger.address, true);
      await time.increase(TIMELOCK);
      await expect(distributor.connect(stranger).applyPublisher(stranger.address))
        .to.emit(distributor, "PublisherSet")
        .withArgs(stranger.address, true);
      await distributor.connect(stranger).publishRoot(1n, epoch1.root, DATA_HASH);
      await expect(distributor.connect(owner).setPublisher(publisher.address, false))
        .to.emit(distributor, "PublisherSet")
        .withArgs(publisher.address, false);
      expect(await distributor.isPublisher(publisher.address)).to.equal(false);
      // Another publisher's pending root stays.
      expect((await distributor.pendingRoot()).epoch).to.equal(1n);
      await distributor.connect(owner).revokePendingRoot();
      await expect(distributor.connect(publisher).publishRoot(1n, epoch1.root, DATA_HASH))
        .to.be.revertedWithCustomError(distributor, "NotPublisher")
        .withArgs(publisher.address);
      await expect(
        distributor.connect(owner).setPublisher(ethers.ZeroAddress, true),
      ).to.be.revertedWithCustomError(distributor, "ZeroAddress");
    });

    it("lets the owner replace the guardian, whose powers move with the role", async () => {
      const { distributor, owner, guardian, stranger, publisher, epoch1 } =
        await loadFixture(deployDistributorFixture);
      await distributor.connect(owner).setGuardian(stranger.address);
      expect(await distributor.guardian()).to.equal(guardian.address);
      await time.increase(TIMELOCK);
      await expect(distributor.applyGuardian())
        .to.emit(distributor, "GuardianSet")
        .withArgs(guardian.address, stranger.address);
      expect(await distributor.guardian()).to.equal(stranger.address);
      await distributor.connect(publisher).publishRoot(1n, epoch1.root, DATA_HASH);
      await expect(distributor.connect(guardian).revokePendingRoot())
        .to.be.revertedWithCustomError(distributor, "NotGuardianOrOwner")
        .withArgs(guardian.address);
      await expect(distributor.connect(guardian).pause())
        .to.be.revertedWithCustomError(distributor, "NotGuardianOrOwner")
        .withArgs(guardian.address);
      await distributor.connect(stranger).revokePendingRoot();
      // Removing the guardian leaves the owner's powers.
      await distributor.connect(owner).setGuardian(ethers.ZeroAddress);
      await time.increase(TIMELOCK);
      await distributor.applyGuardian();
      await expect(distributor.connect(stranger).pause()).to.be.revertedWithCustomError(
        distributor,
        "NotGuardianOrOwner",
      );
      await distributor.connect(owner).pause();
    });

    it("refuses every owner action to anyone else", async () => {
      const { distributor, guardian, publisher, stranger, tokenA } =
        await loadFixture(deployDistributorFixture);
      const a = await tokenA.getAddress();
      for (const signer of [guardian, publisher, stranger]) {
        const d = distributor.connect(signer);
        for (const call of [
          () => d.setPublisher(signer.address, true),
          () => d.setGuardian(signer.address),
          () => d.setTimelock(0n),
          () => d.setPublisher(signer.address, false),
          () => d.unpause(),
          () => d.sweep(a, signer.address),
          () => d.transferOwnership(signer.address),
        ]) {
          await expect(call())
            .to.be.revertedWithCustomError(distributor, "OwnableUnauthorizedAccount")
            .withArgs(signer.address);
        }
      }
    });
  });

  describe("ownership", () => {
    it("moves in two steps and cannot be renounced", async () => {
      const { distributor, owner, stranger, guardian } =
        await loadFixture(deployDistributorFixture);
      await expect(distributor.connect(owner).transferOwnership(stranger.address))
        .to.emit(distributor, "OwnershipTransferStarted")
        .withArgs(owner.address, stranger.address);
      expect(await distributor.owner()).to.equal(owner.address);
      await expect(distributor.connect(guardian).acceptOwnership())
        .to.be.revertedWithCustomError(distributor, "OwnableUnauthorizedAccount")
        .withArgs(guardian.address);
      await expect(distributor.connect(stranger).acceptOwnership())
        .to.emit(distributor, "OwnershipTransferred")
        .withArgs(owner.address, stranger.address);
      await expect(distributor.connect(owner).setTimelock(0n)).to.be.revertedWithCustomError(
        distributor,
        "OwnableUnauthorizedAccount",
      );
      await distributor.connect(stranger).setTimelock(0n);
      await expect(distributor.connect(stranger).renounceOwnership()).to.be.revertedWithCustomError(
        distributor,
        "RenounceOwnershipDisabled",
      );
      expect(await distributor.owner()).to.equal(stranger.address);
    });
  });

  describe("pause", () => {
    it("is for the guardian or the owner; unpausing is for the owner", async () => {
      const { distributor, owner, guardian, publisher, stranger } =
        await loadFixture(acceptedEpoch1Fixture);
      for (const signer of [publisher, stranger]) {
        await expect(distributor.connect(signer).pause())
          .to.be.revertedWithCustomError(distributor, "NotGuardianOrOwner")
          .withArgs(signer.address);
      }
      await expect(distributor.connect(guardian).pause())
        .to.emit(distributor, "Paused")
        .withArgs(guardian.address);
      expect(await distributor.paused()).to.equal(true);
      await expect(distributor.connect(owner).pause()).to.be.revertedWithCustomError(
        distributor,
        "EnforcedPause",
      );
      await expect(distributor.connect(guardian).unpause())
        .to.be.revertedWithCustomError(distributor, "OwnableUnauthorizedAccount")
        .withArgs(guardian.address);
      await expect(distributor.connect(owner).unpause())
        .to.emit(distributor, "Unpaused")
        .withArgs(owner.address);
      await expect(distributor.connect(owner).unpause()).to.be.revertedWithCustomError(
        distributor,
        "ExpectedPause",
      );
      await distributor.connect(owner).pause();
      expect(await distributor.paused()).to.equal(true);
    });
  });

  describe("fund", () => {
    it("pulls the approved amount and emits Funded", async () => {
      const { distributor, tokenA, funder } = await loadFixture(deployDistributorFixture);
      const a = await tokenA.getAddress();
      await tokenA.connect(funder).approve(await distributor.getAddress(), 500n);
      const tx = distributor.connect(funder).fund(a, 500n);
      await expect(tx).to.emit(distributor, "Funded").withArgs(a, funder.address, 500n);
      await expect(tx).to.changeTokenBalances(tokenA, [funder, distributor], [-500n, 500n]);
    });

    it("refuses zero, a missing approval, a token that delivers nothing, and funding after the deadline", async () => {
      const { distributor, tokenA, funder, claimDeadline } =
        await loadFixture(deployDistributorFixture);
      const a = await tokenA.getAddress();
      const d = await distributor.getAddress();
      await expect(distributor.connect(funder).fund(a, 0n)).to.be.revertedWithCustomError(
        distributor,
        "ZeroAmount",
      );
      await expect(distributor.connect(funder).fund(a, 1n)).to.be.revertedWithCustomError(
        tokenA,
        "ERC20InsufficientAllowance",
      );
      const burnsAll = await ethers.deployContract("FeeOnTransferToken", [10_000n]); // 100% fee
      await burnsAll.mint(funder.address, 1_000n);
      await burnsAll.connect(funder).approve(d, 1_000n);
      await expect(distributor.connect(funder).fund(await burnsAll.getAddress(), 1_000n))
        .to.be.revertedWithCustomError(distributor, "FundingAmountMismatch")
        .withArgs(await burnsAll.getAddress(), 1_000n, 0n);
      await tokenA.connect(funder).approve(d, 500n);
      await time.increaseTo(claimDeadline + 1n);
      await expect(distributor.connect(funder).fund(a, 500n))
        .to.be.revertedWithCustomError(distributor, "ClaimDeadlinePassed")
        .withArgs(claimDeadline);
    });
  });

  describe("sweep", () => {
    it("is refused until the claim deadline has passed", async () => {
      const { distributor, owner, tokenA, claimDeadline } =
        await loadFixture(acceptedEpoch1Fixture);
      const a = await tokenA.getAddress();
      await time.setNextBlockTimestamp(claimDeadline);
      await expect(distributor.connect(owner).sweep(a, owner.address))
        .to.be.revertedWithCustomError(distributor, "ClaimDeadlineNotPassed")
        .withArgs(claimDeadline);
    });

    it("sends the whole balance to the owner's choice after the deadline", async () => {
      const { distributor, owner, stranger, tokenA, tokenB, claimDeadline } =
        await loadFixture(acceptedEpoch1Fixture);
      const a = await tokenA.getAddress();
      await time.increaseTo(claimDeadline + 1n);
      await expect(
        distributor.connect(owner).sweep(a, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(distributor, "ZeroAddress");
      const tx = distributor.connect(owner).sweep(a, stranger.address);
      await expect(tx).to.emit(distributor, "Swept").withArgs(a, stranger.address, 10_000n);
      await expect(tx).to.changeTokenBalances(tokenA, [distributor, stranger], [-10_000n, 10_000n]);
      await expect(distributor.connect(owner).sweep(a, stranger.address))
        .to.be.revertedWithCustomError(distributor, "NothingToSweep")
        .withArgs(a);
      expect(await tokenB.balanceOf(await distributor.getAddress())).to.equal(10_000n);
    });

    it("reverts, sending nothing, when the token refuses the sweep", async () => {
      const { distributor, owner, claimDeadline } = await loadFixture(deployDistributorFixture);
      const frozen = await ethers.deployContract("FreezableToken");
      const z = await frozen.getAddress();
      await frozen.mint(await distributor.getAddress(), 300n);
      await frozen.setFrozen(true);
      await time.increaseTo(claimDeadline + 1n);
      await expect(distributor.connect(owner).sweep(z, owner.address))
        .to.be.revertedWithCustomError(distributor, "SafeERC20FailedOperation")
        .withArgs(z);
      expect(await frozen.balanceOf(await distributor.getAddress())).to.equal(300n);
    });
  });
});
