import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { RiddleBoard } from "../../typechain-types";
import {
  answerCommitment,
  encodeBoost,
  participantCommitment,
  type Boost,
} from "../../src/points/riddle";

const KEY = "riddle-01";
const ANSWER = "an echo";
const OP_SALT = ethers.id("operator salt");
const FIXED: Boost = { kind: "fixed", units: 500_000_000n };
const DAY = 86_400;

async function boardFixture() {
  const [admin, operator, alice, bob, mallory] = await ethers.getSigners();
  const board = (await ethers.deployContract("RiddleBoard", [
    admin.address,
    operator.address,
  ])) as unknown as RiddleBoard;
  const op = board.connect(operator);
  const now = BigInt(await time.latest());
  const commitDeadline = now + BigInt(DAY);
  const revealDeadline = now + BigInt(2 * DAY);
  const { kind, params } = encodeBoost(FIXED);
  await op.publish({
    key: KEY,
    kind,
    params,
    answerCommitment: answerCommitment(KEY, ANSWER, OP_SALT),
    commitDeadline,
    revealDeadline,
    question: "What can only speak when spoken to?",
  });
  const { chainId } = await ethers.provider.getNetwork();
  const commitmentOf = (who: string, answer: string, salt: string, riddle = 1) =>
    participantCommitment({
      chainId,
      board: String(board.target),
      riddle,
      participant: who,
      answer,
      salt,
    });
  return {
    board,
    op,
    admin,
    operator,
    alice,
    bob,
    mallory,
    commitDeadline,
    revealDeadline,
    commitmentOf,
  };
}

/** The board after Alice committed the right answer and Bob a wrong one. */
async function committedFixture() {
  const f = await boardFixture();
  const aliceSalt = ethers.id("alice salt");
  const bobSalt = ethers.id("bob salt");
  await f.board.connect(f.alice).commit(1, f.commitmentOf(f.alice.address, ANSWER, aliceSalt));
  await f.board.connect(f.bob).commit(1, f.commitmentOf(f.bob.address, "a ghost", bobSalt));
  return { ...f, aliceSalt, bobSalt };
}

/** Commits closed and the operator revealed the answer. */
async function revealedFixture() {
  const f = await committedFixture();
  await time.increaseTo(f.commitDeadline);
  await f.op.revealAnswer(1, ANSWER, OP_SALT);
  return f;
}

describe("RiddleBoard", () => {
  describe("publish", () => {
    it("emits the boost key, boost, commitment, windows and question", async () => {
      const { board, op } = await loadFixture(boardFixture);
      const now = BigInt(await time.latest());
      const { kind, params } = encodeBoost({ kind: "multiplier", numerator: 5n, denominator: 4n });
      const commitment = answerCommitment("riddle-02", "yes", OP_SALT);
      const spec = {
        key: "riddle-02",
        kind,
        params,
        answerCommitment: commitment,
        commitDeadline: now + 100n,
        revealDeadline: now + 200n,
        question: "ipfs://question",
      };
      await expect(op.publish(spec))
        .to.emit(board, "RiddlePublished")
        .withArgs(2, "riddle-02", 1, params, commitment, now + 100n, now + 200n, "ipfs://question");
      const r = await board.getRiddle(2);
      expect([
        r.answerCommitment,
        r.answerHash,
        r.commitDeadline,
        r.revealDeadline,
        r.kind,
        r.answerRevealed,
        r.winners,
      ]).to.deep.equal([commitment, ethers.ZeroHash, now + 100n, now + 200n, 1n, false, 0n]);
      expect(await board.riddleKey(2)).to.equal("riddle-02");
      expect(await board.riddleId("riddle-02")).to.equal(2);
      expect(await board.riddleCount()).to.equal(2);
    });

    it("accepts another boost kind with opaque parameters", async () => {
      const { board, op } = await loadFixture(boardFixture);
      const now = BigInt(await time.latest());
      await expect(
        op.publish({
          key: "badge-day",
          kind: 2,
          params: "0xbadc0de5",
          answerCommitment: ethers.id("c"),
          commitDeadline: now + 100n,
          revealDeadline: now + 200n,
          question: "",
        }),
      )
        .to.emit(board, "RiddlePublished")
        .withArgs(2, "badge-day", 2, "0xbadc0de5", ethers.id("c"), now + 100n, now + 200n, "");
    });

    it("matches the off-chain commitments exactly", async () => {
      const { board, alice, commitmentOf } = await loadFixture(boardFixture);
      expect(await board.answerCommitment(KEY, ANSWER, OP_SALT)).to.equal(
        answerCommitment(KEY, ANSWER, OP_SALT),
      );
      const salt = ethers.id("s");
      expect(await board.participantCommitment(1, alice.address, ANSWER, salt)).to.equal(
        commitmentOf(alice.address, ANSWER, salt),
      );
    });

    it("refuses a bad key, a taken key, bad boost parameters, a zero commitment and bad windows", async () => {
      const { board, op } = await loadFixture(boardFixture);
      const now = BigInt(await time.latest());
      const ok = {
        key: "riddle-02",
        kind: 0,
        params: encodeBoost(FIXED).params,
        answerCommitment: ethers.id("c"),
        commitDeadline: now + 100n,
        revealDeadline: now + 200n,
        question: "",
      };
      await expect(op.publish({ ...ok, key: "" }))
        .to.be.revertedWithCustomError(board, "InvalidRiddleKey")
        .withArgs("");
      await expect(op.publish({ ...ok, key: "k".repeat(65) })).to.be.revertedWithCustomError(
        board,
        "InvalidRiddleKey",
      );
      await expect(op.publish({ ...ok, key: KEY }))
        .to.be.revertedWithCustomError(board, "RiddleKeyTaken")
        .withArgs(KEY, 1);
      const coder = ethers.AbiCoder.defaultAbiCoder();
      const badParams: [number, string][] = [
        [0, "0x"],
        [0, coder.encode(["uint256"], [0])],
        [0, coder.encode(["uint256", "uint256"], [5, 4])],
        [1, coder.encode(["uint256"], [5])],
        [1, coder.encode(["uint256", "uint256"], [5, 0])],
        [1, coder.encode(["uint256", "uint256"], [4, 4])],
        [1, coder.encode(["uint256", "uint256"], [3, 4])],
      ];
      for (const [kind, params] of badParams) {
        await expect(op.publish({ ...ok, kind, params }))
          .to.be.revertedWithCustomError(board, "InvalidBoostParams")
          .withArgs(kind, params);
      }
      await expect(
        op.publish({ ...ok, answerCommitment: ethers.ZeroHash }),
      ).to.be.revertedWithCustomError(board, "ZeroCommitment");
      const at = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(at);
      await expect(op.publish({ ...ok, commitDeadline: at }))
        .to.be.revertedWithCustomError(board, "InvalidWindows")
        .withArgs(at, now + 200n, at);
      await expect(op.publish({ ...ok, revealDeadline: now + 100n })).to.be.revertedWithCustomError(
        board,
        "InvalidWindows",
      );
    });

    it("lets only operators publish and reveal", async () => {
      const { board, admin, alice } = await loadFixture(boardFixture);
      const role = await board.OPERATOR_ROLE();
      const now = BigInt(await time.latest());
      for (const who of [admin, alice]) {
        await expect(
          board.connect(who).publish({
            key: "x",
            kind: 2,
            params: "0x",
            answerCommitment: ethers.id("c"),
            commitDeadline: now + 100n,
            revealDeadline: now + 200n,
            question: "",
          }),
        )
          .to.be.revertedWithCustomError(board, "AccessControlUnauthorizedAccount")
          .withArgs(who.address, role);
        await expect(board.connect(who).revealAnswer(1, ANSWER, OP_SALT))
          .to.be.revertedWithCustomError(board, "AccessControlUnauthorizedAccount")
          .withArgs(who.address, role);
      }
    });

    it("refuses a zero admin or operator at deployment", async () => {
      const { board, admin } = await loadFixture(boardFixture);
      const factory = await ethers.getContractFactory("RiddleBoard");
      await expect(factory.deploy(ethers.ZeroAddress, admin.address)).to.be.revertedWithCustomError(
        board,
        "ZeroRoleHolder",
      );
      await expect(factory.deploy(admin.address, ethers.ZeroAddress)).to.be.revertedWithCustomError(
        board,
        "ZeroRoleHolder",
      );
    });
  });

  describe("commit", () => {
    it("records the participant's commitment and lets them replace it while open", async () => {
      const { board, alice, commitmentOf } = await loadFixture(boardFixture);
      const first = commitmentOf(alice.address, "x", ethers.id("1"));
      await expect(board.connect(alice).commit(1, first))
        .to.emit(board, "AnswerCommitted")
        .withArgs(1, alice.address, first);
      const second = commitmentOf(alice.address, ANSWER, ethers.id("2"));
      await board.connect(alice).commit(1, second);
      expect(await board.commitmentOf(1, alice.address)).to.equal(second);
    });

    it("refuses a late commit, a zero commitment and an unknown riddle", async () => {
      const { board, alice, commitDeadline } = await loadFixture(boardFixture);
      await expect(board.connect(alice).commit(1, ethers.ZeroHash)).to.be.revertedWithCustomError(
        board,
        "ZeroCommitment",
      );
      await expect(board.connect(alice).commit(2, ethers.id("c")))
        .to.be.revertedWithCustomError(board, "UnknownRiddle")
        .withArgs(2);
      await time.setNextBlockTimestamp(commitDeadline);
      await expect(board.connect(alice).commit(1, ethers.id("c")))
        .to.be.revertedWithCustomError(board, "CommitClosed")
        .withArgs(1, commitDeadline);
    });
  });

  describe("the operator's reveal", () => {
    it("is refused while commits are open", async () => {
      const { board, op, commitDeadline } = await loadFixture(committedFixture);
      await time.setNextBlockTimestamp(commitDeadline - 1n);
      await expect(op.revealAnswer(1, ANSWER, OP_SALT))
        .to.be.revertedWithCustomError(board, "CommitStillOpen")
        .withArgs(1, commitDeadline);
    });

    it("must open the published commitment: the answer cannot change", async () => {
      const { board, op, commitDeadline } = await loadFixture(committedFixture);
      await time.increaseTo(commitDeadline);
      await expect(op.revealAnswer(1, "a ghost", OP_SALT))
        .to.be.revertedWithCustomError(board, "AnswerMismatch")
        .withArgs(1);
      await expect(op.revealAnswer(1, ANSWER, ethers.id("other salt")))
        .to.be.revertedWithCustomError(board, "AnswerMismatch")
        .withArgs(1);
      await expect(op.revealAnswer(2, ANSWER, OP_SALT))
        .to.be.revertedWithCustomError(board, "UnknownRiddle")
        .withArgs(2);
    });

    it("publishes the answer once", async () => {
      const { board, op, commitDeadline } = await loadFixture(committedFixture);
      await time.increaseTo(commitDeadline);
      await expect(op.revealAnswer(1, ANSWER, OP_SALT))
        .to.emit(board, "AnswerRevealed")
        .withArgs(1, ANSWER, OP_SALT);
      const r = await board.getRiddle(1);
      expect(r.answerRevealed).to.equal(true);
      expect(r.answerHash).to.equal(ethers.id(ANSWER));
      await expect(op.revealAnswer(1, ANSWER, OP_SALT))
        .to.be.revertedWithCustomError(board, "AnswerAlreadyRevealed")
        .withArgs(1);
    });

    it("is refused after the reveal window, leaving the riddle without winners", async () => {
      const { board, op, alice, aliceSalt, revealDeadline } = await loadFixture(committedFixture);
      await time.setNextBlockTimestamp(revealDeadline);
      await expect(op.revealAnswer(1, ANSWER, OP_SALT))
        .to.be.revertedWithCustomError(board, "RevealClosed")
        .withArgs(1, revealDeadline);
      await expect(board.connect(alice).reveal(1, ANSWER, aliceSalt))
        .to.be.revertedWithCustomError(board, "AnswerNotRevealed")
        .withArgs(1);
    });
  });

  describe("participants' reveals", () => {
    it("must wait for the operator's reveal", async () => {
      const { board, alice, aliceSalt, commitDeadline } = await loadFixture(committedFixture);
      await time.increaseTo(commitDeadline);
      await expect(board.connect(alice).reveal(1, ANSWER, aliceSalt))
        .to.be.revertedWithCustomError(board, "AnswerNotRevealed")
        .withArgs(1);
    });

    it("earn the boost with the right answer, once", async () => {
      const { board, alice, aliceSalt } = await loadFixture(revealedFixture);
      await expect(board.connect(alice).reveal(1, ANSWER, aliceSalt))
        .to.emit(board, "BoostEarned")
        .withArgs(1, alice.address);
      expect(await board.hasEarned(1, alice.address)).to.equal(true);
      expect((await board.getRiddle(1)).winners).to.equal(1);
      await expect(board.connect(alice).reveal(1, ANSWER, aliceSalt))
        .to.be.revertedWithCustomError(board, "AlreadyRevealed")
        .withArgs(1, alice.address);
    });

    it("refuse a wrong answer", async () => {
      const { board, bob, bobSalt } = await loadFixture(revealedFixture);
      await expect(board.connect(bob).reveal(1, "a ghost", bobSalt))
        .to.be.revertedWithCustomError(board, "WrongAnswer")
        .withArgs(1, bob.address);
      expect(await board.hasEarned(1, bob.address)).to.equal(false);
    });

    it("refuse an answer or salt that does not open the participant's commitment", async () => {
      const { board, bob, bobSalt, aliceSalt } = await loadFixture(revealedFixture);
      // Bob committed "a ghost": switching to the revealed answer does not open his commitment.
      await expect(board.connect(bob).reveal(1, ANSWER, bobSalt))
        .to.be.revertedWithCustomError(board, "CommitmentMismatch")
        .withArgs(1, bob.address);
      await expect(board.connect(bob).reveal(1, "a ghost", aliceSalt))
        .to.be.revertedWithCustomError(board, "CommitmentMismatch")
        .withArgs(1, bob.address);
    });

    it("refuse a participant who never committed, and an unknown riddle", async () => {
      const { board, mallory } = await loadFixture(revealedFixture);
      await expect(board.connect(mallory).reveal(1, ANSWER, ethers.id("s")))
        .to.be.revertedWithCustomError(board, "NotCommitted")
        .withArgs(1, mallory.address);
      await expect(board.connect(mallory).reveal(7, ANSWER, ethers.id("s")))
        .to.be.revertedWithCustomError(board, "UnknownRiddle")
        .withArgs(7);
    });

    it("refuse a late reveal", async () => {
      const { board, alice, aliceSalt, revealDeadline } = await loadFixture(revealedFixture);
      await time.setNextBlockTimestamp(revealDeadline);
      await expect(board.connect(alice).reveal(1, ANSWER, aliceSalt))
        .to.be.revertedWithCustomError(board, "RevealClosed")
        .withArgs(1, revealDeadline);
    });
  });

  describe("front-running", () => {
    it("a copied commitment or a replayed reveal gains the copier nothing", async () => {
      const { board, op, alice, mallory, commitDeadline, commitmentOf } =
        await loadFixture(boardFixture);
      const aliceSalt = ethers.id("alice salt");
      const aliceCommitment = commitmentOf(alice.address, ANSWER, aliceSalt);
      await board.connect(alice).commit(1, aliceCommitment);
      // Mallory copies Alice's commitment bytes from the mempool or from chain state.
      await board.connect(mallory).commit(1, await board.commitmentOf(1, alice.address));
      await time.increaseTo(commitDeadline);
      await op.revealAnswer(1, ANSWER, OP_SALT);
      // Mallory front-runs Alice's reveal with the same answer and salt: they open Alice's
      // commitment only, because it names Alice's address.
      await expect(board.connect(mallory).reveal(1, ANSWER, aliceSalt))
        .to.be.revertedWithCustomError(board, "CommitmentMismatch")
        .withArgs(1, mallory.address);
      // Too late to commit the now-public answer under Mallory's own address.
      await expect(
        board.connect(mallory).commit(1, commitmentOf(mallory.address, ANSWER, aliceSalt)),
      )
        .to.be.revertedWithCustomError(board, "CommitClosed")
        .withArgs(1, commitDeadline);
      // Alice is unaffected.
      await expect(board.connect(alice).reveal(1, ANSWER, aliceSalt))
        .to.emit(board, "BoostEarned")
        .withArgs(1, alice.address);
      expect(await board.hasEarned(1, mallory.address)).to.equal(false);
    });

    it("a second account replaying a reveal without any commitment is refused", async () => {
      const { board, bob, alice, aliceSalt } = await loadFixture(revealedFixture);
      await board.connect(alice).reveal(1, ANSWER, aliceSalt);
      const [, , , , , eve] = await ethers.getSigners();
      await expect(board.connect(eve).reveal(1, ANSWER, aliceSalt))
        .to.be.revertedWithCustomError(board, "NotCommitted")
        .withArgs(1, eve.address);
      expect((await board.getRiddle(1)).winners).to.equal(1);
      expect(await board.hasEarned(1, bob.address)).to.equal(false);
    });

    it("a commitment made for another riddle cannot be replayed on this one", async () => {
      const { board, op, alice, commitmentOf, commitDeadline } = await loadFixture(boardFixture);
      const now = BigInt(await time.latest());
      const { kind, params } = encodeBoost(FIXED);
      await op.publish({
        key: "riddle-02",
        kind,
        params,
        answerCommitment: answerCommitment("riddle-02", ANSWER, OP_SALT),
        commitDeadline,
        revealDeadline: now + BigInt(2 * DAY),
        question: "",
      });
      const salt = ethers.id("s");
      await board.connect(alice).commit(1, commitmentOf(alice.address, ANSWER, salt, 1));
      await board.connect(alice).commit(2, commitmentOf(alice.address, ANSWER, salt, 1)); // riddle 1's bytes
      await time.increaseTo(commitDeadline);
      await op.revealAnswer(2, ANSWER, OP_SALT);
      await expect(board.connect(alice).reveal(2, ANSWER, salt))
        .to.be.revertedWithCustomError(board, "CommitmentMismatch")
        .withArgs(2, alice.address);
    });
  });

  describe("who earned a boost", () => {
    it("is decidable from the events alone", async () => {
      const { board, alice, aliceSalt } = await loadFixture(revealedFixture);
      await board.connect(alice).reveal(1, ANSWER, aliceSalt);
      const published = await board.queryFilter(board.filters.RiddlePublished());
      const keyOf = new Map(published.map((e) => [e.args.riddle, e.args.key]));
      const earned = (await board.queryFilter(board.filters.BoostEarned())).map((e) => ({
        account: e.args.participant,
        boost: keyOf.get(e.args.riddle),
      }));
      expect(earned).to.deep.equal([{ account: alice.address, boost: KEY }]);
    });
  });
});
