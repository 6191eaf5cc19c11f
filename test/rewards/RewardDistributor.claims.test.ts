import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { processProof } from "@openzeppelin/merkle-tree/dist/core";
import { standardLeafHash } from "@openzeppelin/merkle-tree/dist/hashes";
import {
  DATA_HASH,
  LEAF_ENCODING,
  acceptedEpoch1Fixture,
  deployDistributorFixture,
  publishAndAccept,
  rewardTree,
} from "./RewardDistributor.fixture";

describe("RewardDistributor: claims", () => {
  describe("paying what the accepted root owes", () => {
    it("pays the leaf's account, whoever sends the claim, and records the claimed amount", async () => {
      const { distributor, tokenA, epoch1, alice, stranger } =
        await loadFixture(acceptedEpoch1Fixture);
      const a = await tokenA.getAddress();
      const { amount, proof } = epoch1.leaf(alice.address, a);
      expect(
        await distributor.connect(stranger).claim.staticCall(alice.address, a, amount, proof),
      ).to.equal(100n);
      const tx = distributor.connect(stranger).claim(alice.address, a, amount, proof);
      await expect(tx).to.emit(distributor, "Claimed").withArgs(alice.address, a, 100n);
      await expect(tx).to.changeTokenBalances(
        tokenA,
        [alice, stranger, distributor],
        [100n, 0n, -100n],
      );
      expect(await distributor.claimed(alice.address, a)).to.equal(100n);
    });

    it("pays only the increase of a later epoch's cumulative amount", async () => {
      const { distributor, publisher, tokenA, epoch1, alice } =
        await loadFixture(acceptedEpoch1Fixture);
      const a = await tokenA.getAddress();
      const first = epoch1.leaf(alice.address, a);
      await distributor.claim(alice.address, a, first.amount, first.proof);
      const epoch2 = rewardTree([
        [alice.address, a, 260n],
        [ethers.Wallet.createRandom().address, a, 1n],
      ]);
      await publishAndAccept(distributor, publisher, 2n, epoch2);
      const second = epoch2.leaf(alice.address, a);
      await expect(distributor.claim(alice.address, a, 260n, second.proof)).to.changeTokenBalance(
        tokenA,
        alice,
        160n,
      );
      expect(await distributor.claimed(alice.address, a)).to.equal(260n);
    });

    it("covers every past epoch with one claim of the cumulative amount", async () => {
      const { distributor, publisher, tokenA, alice } = await loadFixture(acceptedEpoch1Fixture);
      const a = await tokenA.getAddress();
      const epoch2 = rewardTree([
        [alice.address, a, 260n],
        [ethers.Wallet.createRandom().address, a, 1n],
      ]);
      await publishAndAccept(distributor, publisher, 2n, epoch2);
      const { proof } = epoch2.leaf(alice.address, a);
      await expect(distributor.claim(alice.address, a, 260n, proof)).to.changeTokenBalance(
        tokenA,
        alice,
        260n,
      );
    });

    it("keeps the accounts and the tokens of a tree apart", async () => {
      const { distributor, tokenA, tokenB, epoch1, alice } =
        await loadFixture(acceptedEpoch1Fixture);
      const a = await tokenA.getAddress();
      const b = await tokenB.getAddress();
      const leafB = epoch1.leaf(alice.address, b);
      await expect(distributor.claim(alice.address, b, 7n, leafB.proof)).to.changeTokenBalance(
        tokenB,
        alice,
        7n,
      );
      expect(await distributor.claimed(alice.address, a)).to.equal(0n);
      expect(await distributor.claimed(alice.address, b)).to.equal(7n);
    });
  });

  describe("attacks on the proof", () => {
    it("refuses someone else's leaf claimed for oneself", async () => {
      const { distributor, tokenA, epoch1, alice, bob } = await loadFixture(acceptedEpoch1Fixture);
      const a = await tokenA.getAddress();
      const { amount, proof } = epoch1.leaf(bob.address, a);
      await expect(distributor.connect(alice).claim(alice.address, a, amount, proof))
        .to.be.revertedWithCustomError(distributor, "InvalidProof")
        .withArgs(alice.address, a, amount);
      // Sending bob's own leaf pays bob, never the sender.
      await expect(
        distributor.connect(alice).claim(bob.address, a, amount, proof),
      ).to.changeTokenBalances(tokenA, [alice, bob], [0n, amount]);
    });

    it("refuses a wrong amount, a wrong token and a tampered proof", async () => {
      const { distributor, tokenA, tokenB, epoch1, alice } =
        await loadFixture(acceptedEpoch1Fixture);
      const a = await tokenA.getAddress();
      const b = await tokenB.getAddress();
      const { amount, proof } = epoch1.leaf(alice.address, a);
      for (const wrong of [amount + 1n, amount - 1n, 0n, 10_000n]) {
        await expect(distributor.claim(alice.address, a, wrong, proof))
          .to.be.revertedWithCustomError(distributor, "InvalidProof")
          .withArgs(alice.address, a, wrong);
      }
      await expect(
        distributor.claim(alice.address, b, amount, proof),
      ).to.be.revertedWithCustomError(distributor, "InvalidProof");
      const tampered = [...proof];
      tampered[0] = ethers.id("not a sibling");
      await expect(
        distributor.claim(alice.address, a, amount, tampered),
      ).to.be.revertedWithCustomError(distributor, "InvalidProof");
      await expect(distributor.claim(alice.address, a, amount, [])).to.be.revertedWithCustomError(
        distributor,
        "InvalidProof",
      );
      expect(await distributor.claimed(alice.address, a)).to.equal(0n);
    });

    it("refuses a proof for another root (an old one or the pending one)", async () => {
      const { distributor, publisher, tokenA, epoch1, alice, bob } =
        await loadFixture(acceptedEpoch1Fixture);
      const a = await tokenA.getAddress();
      const epoch2 = rewardTree([
        [alice.address, a, 300n],
        [ethers.Wallet.createRandom().address, a, 5n],
      ]);
      await distributor.connect(publisher).publishRoot(2n, epoch2.root, DATA_HASH);
      // The pending root pays nothing...
      await expect(
        distributor.claim(alice.address, a, 300n, epoch2.leaf(alice.address, a).proof),
      ).to.be.revertedWithCustomError(distributor, "InvalidProof");
      // ...while the accepted one still pays.
      const old = epoch1.leaf(alice.address, a);
      await expect(
        distributor.claim(alice.address, a, old.amount, old.proof),
      ).to.changeTokenBalance(tokenA, alice, 100n);
      // Once epoch 2 is accepted, epoch 1's proofs are dead and epoch 2's pay the rest.
      await time.increase(86_400n);
      await distributor.acceptRoot();
      const oldBob = epoch1.leaf(bob.address, a);
      await expect(
        distributor.claim(bob.address, a, oldBob.amount, oldBob.proof),
      ).to.be.revertedWithCustomError(distributor, "InvalidProof");
      await expect(
        distributor.claim(alice.address, a, 300n, epoch2.leaf(alice.address, a).proof),
      ).to.changeTokenBalance(tokenA, alice, 200n);
    });

    it("refuses an interior node offered as a leaf (64-byte second preimage)", async () => {
      const { distributor, publisher, tokenA, alice } = await loadFixture(deployDistributorFixture);
      const a = await tokenA.getAddress();
      const signers = await ethers.getSigners();
      const tree = rewardTree(signers.slice(3, 7).map((s, i) => [s.address, a, 10n + BigInt(i)]));
      await publishAndAccept(distributor, publisher, 1n, tree);
      // Heap layout of the dump: node 0 is the root, nodes 1 and 2 its children, 3..6 the leaves.
      const nodes = tree.tree.dump().tree;
      const interior = nodes[1];
      const [left, right] = [nodes[3], nodes[4]];
      // The attack input is real: the interior node is keccak256(left ‖ right) (sorted), and with the
      // one-element proof [nodes[2]] it reaches the root, so a verifier taking 64 bytes as a leaf would pay.
      const [lo, hi] = BigInt(left) < BigInt(right) ? [left, right] : [right, left];
      expect(ethers.keccak256(ethers.concat([lo, hi]))).to.equal(interior);
      expect(processProof(interior, [nodes[2]])).to.equal(tree.root);
      // The distributor hashes (account, token, amount) twice: no leaf fields make that interior node.
      const asAccount = ethers.getAddress(ethers.dataSlice(lo, 12));
      const asToken = ethers.getAddress(ethers.dataSlice(hi, 12));
      for (const [account, token, amount] of [
        [asAccount, asToken, BigInt(hi)],
        [asAccount, a, BigInt(hi)],
        [alice.address, a, BigInt(interior)],
      ] as [string, string, bigint][]) {
        expect(standardLeafHash(LEAF_ENCODING, [account, token, amount])).not.to.equal(interior);
        await expect(
          distributor.claim(account, token, amount, [nodes[2]]),
        ).to.be.revertedWithCustomError(distributor, "InvalidProof");
      }
    });

    it("refuses a replayed claim, and a leaf whose cumulative amount did not grow", async () => {
      const { distributor, publisher, tokenA, epoch1, alice } =
        await loadFixture(acceptedEpoch1Fixture);
      const a = await tokenA.getAddress();
      const { amount, proof } = epoch1.leaf(alice.address, a);
      await distributor.claim(alice.address, a, amount, proof);
      await expect(distributor.claim(alice.address, a, amount, proof))
        .to.be.revertedWithCustomError(distributor, "NothingToClaim")
        .withArgs(alice.address, a, amount, amount);
      // A later root listing a smaller cumulative amount (an operator mistake) pays nothing either.
      const epoch2 = rewardTree([
        [alice.address, a, 60n],
        [ethers.Wallet.createRandom().address, a, 1n],
      ]);
      await publishAndAccept(distributor, publisher, 2n, epoch2);
      await expect(distributor.claim(alice.address, a, 60n, epoch2.leaf(alice.address, a).proof))
        .to.be.revertedWithCustomError(distributor, "NothingToClaim")
        .withArgs(alice.address, a, 60n, 100n);
      expect(await distributor.claimed(alice.address, a)).to.equal(100n);
    });
  });

  describe("when nothing can be claimed", () => {
    it("refuses claims before any root is accepted", async () => {
      const { distributor, publisher, tokenA, epoch1, alice } =
        await loadFixture(deployDistributorFixture);
      const a = await tokenA.getAddress();
      const { amount, proof } = epoch1.leaf(alice.address, a);
      await expect(
        distributor.claim(alice.address, a, amount, proof),
      ).to.be.revertedWithCustomError(distributor, "RootNotAccepted");
      await distributor.connect(publisher).publishRoot(1n, epoch1.root, DATA_HASH);
      await expect(
        distributor.claim(alice.address, a, amount, proof),
      ).to.be.revertedWithCustomError(distributor, "RootNotAccepted");
      await expect(
        distributor.claimMany([
          { account: alice.address, token: a, cumulativeAmount: amount, proof },
        ]),
      ).to.be.revertedWithCustomError(distributor, "RootNotAccepted");
    });

    it("refuses every claim path while paused, and resumes on unpause", async () => {
      const { distributor, owner, guardian, tokenA, epoch1, alice } =
        await loadFixture(acceptedEpoch1Fixture);
      const a = await tokenA.getAddress();
      const { amount, proof } = epoch1.leaf(alice.address, a);
      await distributor.connect(guardian).pause();
      await expect(
        distributor.claim(alice.address, a, amount, proof),
      ).to.be.revertedWithCustomError(distributor, "EnforcedPause");
      await expect(
        distributor.claimMany([
          { account: alice.address, token: a, cumulativeAmount: amount, proof },
        ]),
      ).to.be.revertedWithCustomError(distributor, "EnforcedPause");
      expect(await distributor.root()).to.equal(epoch1.root);
      await distributor.connect(owner).unpause();
      await expect(distributor.claim(alice.address, a, amount, proof)).to.changeTokenBalance(
        tokenA,
        alice,
        amount,
      );
    });

    it("refuses claims after the claim deadline", async () => {
      const { distributor, tokenA, epoch1, alice, bob, claimDeadline } =
        await loadFixture(acceptedEpoch1Fixture);
      const a = await tokenA.getAddress();
      const { amount, proof } = epoch1.leaf(alice.address, a);
      await time.setNextBlockTimestamp(claimDeadline);
      await expect(distributor.claim(alice.address, a, amount, proof)).to.changeTokenBalance(
        tokenA,
        alice,
        amount,
      );
      const leaf = epoch1.leaf(bob.address, a);
      await expect(distributor.claim(bob.address, a, leaf.amount, leaf.proof))
        .to.be.revertedWithCustomError(distributor, "ClaimDeadlinePassed")
        .withArgs(claimDeadline);
      await expect(
        distributor.claimMany([
          { account: bob.address, token: a, cumulativeAmount: leaf.amount, proof: leaf.proof },
        ]),
      )
        .to.be.revertedWithCustomError(distributor, "ClaimDeadlinePassed")
        .withArgs(claimDeadline);
    });
  });

  describe("claimMany", () => {
    it("pays several accounts and tokens in one call", async () => {
      const { distributor, tokenA, tokenB, epoch1, alice, bob, carol, stranger } =
        await loadFixture(acceptedEpoch1Fixture);
      const a = await tokenA.getAddress();
      const b = await tokenB.getAddress();
      const claims = [
        [alice.address, a],
        [alice.address, b],
        [bob.address, a],
        [carol.address, a],
      ].map(([account, token]) => {
        const { amount, proof } = epoch1.leaf(account, token);
        return { account, token, cumulativeAmount: amount, proof };
      });
      expect(await distributor.connect(stranger).claimMany.staticCall(claims)).to.deep.equal([
        100n,
        7n,
        250n,
        40n,
      ]);
      const tx = distributor.connect(stranger).claimMany(claims);
      await expect(tx).to.changeTokenBalances(
        tokenA,
        [alice, bob, carol, distributor],
        [100n, 250n, 40n, -390n],
      );
      await expect(tx).to.changeTokenBalance(tokenB, alice, 7n);
      await expect(tx).to.emit(distributor, "Claimed").withArgs(carol.address, a, 40n);
      expect(await distributor.claimed(bob.address, a)).to.equal(250n);
    });

    it("skips a leaf already claimed, so that claiming first cannot make a batch fail", async () => {
      const { distributor, tokenA, epoch1, alice, bob } = await loadFixture(acceptedEpoch1Fixture);
      const a = await tokenA.getAddress();
      const claims = [alice, bob].map((s) => {
        const { amount, proof } = epoch1.leaf(s.address, a);
        return { account: s.address, token: a, cumulativeAmount: amount, proof };
      });
      await distributor.connect(alice).claim(alice.address, a, 100n, claims[0].proof); // front-run
      expect(await distributor.claimMany.staticCall(claims)).to.deep.equal([0n, 250n]);
      const tx = distributor.claimMany(claims);
      await expect(tx).to.changeTokenBalances(tokenA, [alice, bob], [0n, 250n]);
      const receipt = await (await tx).wait();
      const claimedEvents = receipt!.logs.filter(
        (l) => l.topics[0] === distributor.interface.getEvent("Claimed").topicHash,
      );
      expect(claimedEvents).to.have.length(1);
    });

    it("reverts the whole batch on one invalid proof", async () => {
      const { distributor, tokenA, epoch1, alice, bob } = await loadFixture(acceptedEpoch1Fixture);
      const a = await tokenA.getAddress();
      const good = epoch1.leaf(alice.address, a);
      const bad = epoch1.leaf(bob.address, a);
      await expect(
        distributor.claimMany([
          { account: alice.address, token: a, cumulativeAmount: good.amount, proof: good.proof },
          { account: bob.address, token: a, cumulativeAmount: bad.amount + 1n, proof: bad.proof },
        ]),
      )
        .to.be.revertedWithCustomError(distributor, "InvalidProof")
        .withArgs(bob.address, a, bad.amount + 1n);
      expect(await distributor.claimed(alice.address, a)).to.equal(0n);
    });

    it("does nothing for an empty batch", async () => {
      const { distributor } = await loadFixture(acceptedEpoch1Fixture);
      expect(await distributor.claimMany.staticCall([])).to.deep.equal([]);
    });
  });

  describe("tokens that misbehave", () => {
    it("gives a re-entrant token nothing more, through claim or claimMany", async () => {
      const { distributor, publisher, alice, bob } = await loadFixture(deployDistributorFixture);
      const evil = await ethers.deployContract("ReentrantRewardToken", [
        await distributor.getAddress(),
      ]);
      const e = await evil.getAddress();
      await evil.mint(await distributor.getAddress(), 1_000n);
      const tree = rewardTree([
        [alice.address, e, 100n],
        [bob.address, e, 50n],
      ]);
      await publishAndAccept(distributor, publisher, 1n, tree);
      const leafA = tree.leaf(alice.address, e);
      const leafB = tree.leaf(bob.address, e);

      // During alice's payment the token re-enters with alice's own leaf: already recorded, so refused.
      await evil.arm(1, alice.address, leafA.amount, leafA.proof); // Mode.Claim
      await distributor.claim(alice.address, e, leafA.amount, leafA.proof);
      expect(await evil.reentries()).to.equal(1n);
      expect(await evil.reentriesSucceeded()).to.equal(0n);
      expect(await evil.lastRevertData()).to.equal(
        distributor.interface.encodeErrorResult("NothingToClaim", [alice.address, e, 100n, 100n]),
      );

      // Through claimMany: the re-entry is skipped (nothing left), bob's own claim pays once.
      await evil.arm(2, bob.address, leafB.amount, leafB.proof); // Mode.ClaimMany
      await distributor.claimMany([
        { account: bob.address, token: e, cumulativeAmount: leafB.amount, proof: leafB.proof },
      ]);
      expect(await evil.reentries()).to.equal(2n);
      expect(await evil.reentriesSucceeded()).to.equal(0n);

      expect(await evil.balanceOf(alice.address)).to.equal(100n);
      expect(await evil.balanceOf(bob.address)).to.equal(50n);
      expect(await evil.balanceOf(await distributor.getAddress())).to.equal(850n);
      expect(await distributor.claimed(alice.address, e)).to.equal(100n);
      expect(await distributor.claimed(bob.address, e)).to.equal(50n);
    });

    it("refuses, state unchanged, a claim the distributor holds too little for", async () => {
      const { distributor, publisher, tokenA, alice, bob } =
        await loadFixture(deployDistributorFixture);
      const a = await tokenA.getAddress();
      const tree = rewardTree([
        [alice.address, a, 9_000n],
        [bob.address, a, 2_000n],
      ]);
      await publishAndAccept(distributor, publisher, 1n, tree); // funded with 10,000
      const leafA = tree.leaf(alice.address, a);
      const leafB = tree.leaf(bob.address, a);
      await distributor.claim(alice.address, a, 9_000n, leafA.proof);
      await expect(distributor.claim(bob.address, a, 2_000n, leafB.proof))
        .to.be.revertedWithCustomError(distributor, "InsufficientBalance")
        .withArgs(a, 1_000n, 2_000n);
      await expect(
        distributor.claimMany([
          { account: bob.address, token: a, cumulativeAmount: 2_000n, proof: leafB.proof },
        ]),
      )
        .to.be.revertedWithCustomError(distributor, "InsufficientBalance")
        .withArgs(a, 1_000n, 2_000n);
      expect(await distributor.claimed(bob.address, a)).to.equal(0n);
      expect(await tokenA.balanceOf(bob.address)).to.equal(0n);
      expect(await tokenA.balanceOf(await distributor.getAddress())).to.equal(1_000n);
      // Topping up makes the same claim pay in full.
      await tokenA.mint(await distributor.getAddress(), 1_000n);
      await expect(distributor.claim(bob.address, a, 2_000n, leafB.proof)).to.changeTokenBalance(
        tokenA,
        bob,
        2_000n,
      );
    });

    it("refuses fee-on-transfer funding, and reverts cleanly once such a token runs short", async () => {
      const { distributor, publisher, alice, bob, funder } =
        await loadFixture(deployDistributorFixture);
      const fot = await ethers.deployContract("FeeOnTransferToken", [100n]); // 1% burnt per transfer
      const f = await fot.getAddress();
      const d = await distributor.getAddress();
      await fot.mint(funder.address, 100_000n);
      await fot.connect(funder).approve(d, 10_000n);
      await expect(distributor.connect(funder).fund(f, 10_000n))
        .to.be.revertedWithCustomError(distributor, "FundingAmountMismatch")
        .withArgs(f, 10_000n, 9_900n);
      expect(await fot.balanceOf(d)).to.equal(0n);

      // Funded by a plain transfer instead, the distributor holds 1% less than the tree owes.
      await fot.connect(funder).transfer(d, 10_000n);
      const tree = rewardTree([
        [alice.address, f, 5_000n],
        [bob.address, f, 5_000n],
      ]);
      await publishAndAccept(distributor, publisher, 1n, tree);
      await distributor.claim(alice.address, f, 5_000n, tree.leaf(alice.address, f).proof);
      await expect(distributor.claim(bob.address, f, 5_000n, tree.leaf(bob.address, f).proof))
        .to.be.revertedWithCustomError(distributor, "InsufficientBalance")
        .withArgs(f, 4_900n, 5_000n);
      expect(await distributor.claimed(bob.address, f)).to.equal(0n);
      expect(await fot.balanceOf(bob.address)).to.equal(0n);
      expect(await fot.balanceOf(d)).to.equal(4_900n);
    });

    it("reports a token that refuses the transfer while the balance suffices", async () => {
      const { distributor, publisher, alice, bob } = await loadFixture(deployDistributorFixture);
      const frozen = await ethers.deployContract("FreezableToken");
      const z = await frozen.getAddress();
      await frozen.mint(await distributor.getAddress(), 1_000n);
      const noCode = ethers.Wallet.createRandom().address; // a "token" with no code at all
      const tree = rewardTree([
        [alice.address, z, 100n],
        [bob.address, noCode, 100n],
      ]);
      await publishAndAccept(distributor, publisher, 1n, tree);
      await frozen.setFrozen(true);
      await expect(distributor.claim(alice.address, z, 100n, tree.leaf(alice.address, z).proof))
        .to.be.revertedWithCustomError(distributor, "TransferFailed")
        .withArgs(z, alice.address, 100n);
      expect(await distributor.claimed(alice.address, z)).to.equal(0n);
      await expect(
        distributor.claim(bob.address, noCode, 100n, tree.leaf(bob.address, noCode).proof),
      )
        .to.be.revertedWithCustomError(distributor, "TransferFailed")
        .withArgs(noCode, bob.address, 100n);
      await frozen.setFrozen(false);
      await expect(
        distributor.claim(alice.address, z, 100n, tree.leaf(alice.address, z).proof),
      ).to.changeTokenBalance(frozen, alice, 100n);
    });
  });
});
