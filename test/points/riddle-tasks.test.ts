import fs from "node:fs";
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { riddleBoardAt } from "../../deploy/points";
import { decodeBoost } from "../../src/points/riddle";
import {
  operatorSecretPath,
  participantSecretPath,
  readOperatorSecret,
  readParticipantSecret,
} from "../../src/points/secrets";
import { expectRefusal, run } from "../helpers/tasks";
import { useTempDirs } from "./tasks.fixture";

const KEY = "riddle-01";

describe("riddle tasks", () => {
  const dirs = useTempDirs();

  /** Deployed board; riddle-01 (+500 points) published with commits for a day, reveals for two. */
  async function published() {
    await run("points:deploy", { catalog: "none" });
    const now = BigInt(await time.latest());
    const out = await run("riddle:publish", {
      key: KEY,
      answer: "  An ECHO ",
      kind: "fixed",
      points: "500",
      commitUntil: "+1d",
      revealUntil: "+2d",
      question: "What can only speak when spoken to?",
    });
    const board = await riddleBoardAt(hre);
    const state = await board.getRiddle(1);
    const [operator, alice, bob, carol] = await ethers.getSigners();
    return { out, board, state, now, operator, alice, bob, carol };
  }

  it("run a whole riddle: publish, commit, operator reveal, participant reveal, status", async () => {
    const { out, board, state, alice, bob, carol } = await published();
    expect(out).to.match(
      /^published riddle #1 'riddle-01' \(\+500 points\): commits until .*, reveals until /,
    );
    const opFile = operatorSecretPath(dirs.secrets(), "hardhat", KEY);
    expect(out).to.include(opFile);
    const opSecret = readOperatorSecret(opFile)!;
    expect(opSecret.answer).to.equal("an echo");
    expect(opSecret.answerCommitment).to.equal(state.answerCommitment);
    const [event] = await board.queryFilter(board.filters.RiddlePublished(1));
    expect(decodeBoost(event.args.kind, event.args.params)).to.deep.equal({
      kind: "fixed",
      units: 500_000_000n,
    });
    expect(event.args.question).to.equal("What can only speak when spoken to?");

    // commit phase
    expect(
      await run("riddle:answer", { key: KEY, answer: "an Echo", from: alice.address }),
    ).to.match(new RegExp(`${alice.address} committed an answer to 'riddle-01' \\(#1\\)`));
    const aliceFile = participantSecretPath(dirs.secrets(), "hardhat", KEY, alice.address);
    const aliceSecret = readParticipantSecret(aliceFile)!;
    expect(aliceSecret.answer).to.equal("an echo");
    expect(await board.commitmentOf(1, alice.address)).to.equal(aliceSecret.commitment);
    await expectRefusal(
      "riddle:answer",
      { key: KEY, answer: "an echo", from: alice.address },
      /already committed 'an echo'/,
    );
    await run("riddle:answer", { key: KEY, answer: "a ghost", from: bob.address });
    await expectRefusal(
      "riddle:answer",
      { key: KEY, from: carol.address },
      /takes commits until .*: give --answer/,
    );
    await expectRefusal(
      "riddle:reveal",
      { key: KEY },
      /commits to 'riddle-01' are open until .*: reveal after that/,
    );
    const status = await run("riddle:status", { key: KEY, account: alice.address });
    expect(status).to.match(/1 +riddle-01 +\+500 points +commit /);
    expect(status).to.include("question: What can only speak when spoken to?");
    expect(status).to.include(`${alice.address}: committed (secret in ${aliceFile})`);

    // commits closed, answer not out yet
    await time.increaseTo(state.commitDeadline);
    await expectRefusal(
      "riddle:answer",
      { key: KEY, from: alice.address },
      /the operator has not revealed 'riddle-01''s answer yet/,
    );
    await expectRefusal(
      "riddle:answer",
      { key: KEY, answer: "x", from: carol.address },
      /commits to 'riddle-01' closed at/,
    );

    // the operator reveals
    expect(await run("riddle:reveal", { key: KEY })).to.match(
      /revealed 'riddle-01''s answer 'an echo'/,
    );
    await expectRefusal("riddle:reveal", { key: KEY }, /already revealed/);

    // participants reveal
    expect(await run("riddle:answer", { key: KEY, from: alice.address })).to.match(
      /earned its boost/,
    );
    expect(await board.hasEarned(1, alice.address)).to.equal(true);
    await expectRefusal(
      "riddle:answer",
      { key: KEY, from: alice.address },
      /already revealed 'riddle-01' and earned its boost/,
    );
    await expectRefusal(
      "riddle:answer",
      { key: KEY, from: bob.address },
      /'a ghost' is not the answer to 'riddle-01': no boost \(nothing sent\)/,
    );
    await expectRefusal(
      "riddle:answer",
      { key: KEY, from: carol.address },
      /never committed to 'riddle-01'/,
    );

    const json = JSON.parse(
      await run("riddle:status", { key: KEY, account: alice.address, json: true }),
    ) as {
      riddles: { phase: string; winners: number; answer: string; account: { earned: boolean } }[];
    };
    expect(json.riddles[0]).to.include({ phase: "reveal", winners: 1, answer: "an echo" });
    expect(json.riddles[0].account.earned).to.equal(true);

    // late
    await time.increaseTo(state.revealDeadline);
    await expectRefusal(
      "riddle:answer",
      { key: KEY, from: bob.address },
      /reveals of 'riddle-01' closed at/,
    );
    expect(await run("riddle:status")).to.match(/1 +riddle-01 +\+500 points +closed .* 1$/m);
  });

  it("--json: publish, commit, the operator's reveal and the participant's reveal print what they did", async () => {
    await run("points:deploy", { catalog: "none" });
    const [, alice] = await ethers.getSigners();
    const json = async (name: string, args: Record<string, unknown>) => {
      const out = JSON.parse(await run(name, { ...args, json: true })) as Record<string, unknown>;
      const receipt = await ethers.provider.getTransactionReceipt(out.txHash as string);
      expect(receipt?.status, `${name}'s txHash`).to.equal(1);
      return out;
    };
    expect(
      await json("riddle:publish", {
        key: KEY,
        answer: "An echo",
        kind: "fixed",
        points: "500",
        commitUntil: "+1d",
        revealUntil: "+2d",
        question: "",
      }),
    ).to.include({
      key: KEY,
      riddle: 1,
      boost: "+500 points",
      secretFile: operatorSecretPath(dirs.secrets(), "hardhat", KEY),
    });
    const aliceFile = participantSecretPath(dirs.secrets(), "hardhat", KEY, alice.address);
    const answer = { key: KEY, riddle: 1, participant: alice.address, secretFile: aliceFile };
    expect(
      await json("riddle:answer", { key: KEY, answer: "an echo", from: alice.address }),
    ).to.deep.include({ ...answer, step: "committed" });
    await time.increaseTo((await (await riddleBoardAt(hre)).getRiddle(1)).commitDeadline);
    expect(await json("riddle:reveal", { key: KEY })).to.include({ riddle: 1, answer: "an echo" });
    expect(await json("riddle:answer", { key: KEY, from: alice.address })).to.deep.include({
      ...answer,
      step: "revealed",
    });
  });

  it("riddle:publish takes a multiplier or another kind, and refuses bad input before sending", async () => {
    await published();
    const out = await run("riddle:publish", {
      key: "riddle-02",
      answer: "x",
      kind: "multiplier",
      multiplier: "5/4",
      commitUntil: "+1h",
      revealUntil: "+2h",
      question: "",
    });
    expect(out).to.match(/'riddle-02' \(x5\/4\)/);
    await run("riddle:publish", {
      key: "badge-1",
      answer: "x",
      kind: "other",
      params: "0xabcd",
      commitUntil: "+1h",
      revealUntil: "+2h",
      question: "",
    });
    const base = {
      key: "riddle-09",
      answer: "yes",
      kind: "fixed",
      points: "10",
      commitUntil: "+1d",
      revealUntil: "+2d",
      question: "",
    };
    await expectRefusal(
      "riddle:publish",
      { ...base, key: "../etc" },
      /--key: riddle key '\.\.\/etc'/,
    );
    await expectRefusal(
      "riddle:publish",
      { ...base, key: KEY },
      /riddle 'riddle-01' is already published as #1/,
    );
    await expectRefusal(
      "riddle:publish",
      { ...base, answer: "  " },
      /--answer: an answer cannot be empty/,
    );
    await expectRefusal(
      "riddle:publish",
      { ...base, kind: "bonus" },
      /--kind 'bonus' is not one of fixed, multiplier, other/,
    );
    await expectRefusal(
      "riddle:publish",
      { ...base, points: undefined },
      /--kind fixed needs --points/,
    );
    await expectRefusal(
      "riddle:publish",
      { ...base, points: "0" },
      /boost: a fixed boost must be worth more than zero points/,
    );
    await expectRefusal(
      "riddle:publish",
      { ...base, kind: "multiplier" },
      /--kind multiplier needs --multiplier/,
    );
    await expectRefusal(
      "riddle:publish",
      { ...base, kind: "multiplier", multiplier: "1.25" },
      /--multiplier: multiplier '1\.25' is not a fraction/,
    );
    await expectRefusal(
      "riddle:publish",
      { ...base, kind: "multiplier", multiplier: "3/4" },
      /numerator > denominator > 0, got 3\/4/,
    );
    await expectRefusal(
      "riddle:publish",
      { ...base, kind: "other", params: "0xzz" },
      /boost params '0xzz'/,
    );
    await expectRefusal(
      "riddle:publish",
      { ...base, commitUntil: "tomorrow" },
      /--commit-until: 'tomorrow' is not a time/,
    );
    await expectRefusal(
      "riddle:publish",
      { ...base, commitUntil: "1000" },
      /--commit-until .* is not after the chain's time/,
    );
    await expectRefusal(
      "riddle:publish",
      { ...base, revealUntil: "+1d" },
      /--reveal-until .* must be after --commit-until/,
    );
  });

  it("riddle:publish refuses a non-operator and a missing board", async () => {
    const args = {
      key: KEY,
      answer: "x",
      kind: "fixed",
      points: "1",
      commitUntil: "+1d",
      revealUntil: "+2d",
      question: "",
    };
    await expectRefusal(
      "riddle:publish",
      args,
      /RiddleBoard is not deployed on the in-process 'hardhat' network/,
    );
    await run("points:deploy", { catalog: "none" });
    const board = await riddleBoardAt(hre);
    const [operator] = await ethers.getSigners();
    await board.renounceRole(await board.OPERATOR_ROLE(), operator.address);
    await expectRefusal(
      "riddle:publish",
      args,
      new RegExp(`${operator.address} is not an operator of the RiddleBoard`),
    );
  });

  it("riddle:reveal refuses a wrong or partial secret, a lost secret, a non-operator and an expired riddle", async () => {
    const { state, operator, board } = await published();
    await time.increaseTo(state.commitDeadline);
    const salt = readOperatorSecret(operatorSecretPath(dirs.secrets(), "hardhat", KEY))!.salt;
    await expectRefusal(
      "riddle:reveal",
      { key: KEY, answer: "a ghost", salt },
      /do not open 'riddle-01''s published commitment/,
    );
    await expectRefusal(
      "riddle:reveal",
      { key: KEY, answer: "an echo" },
      /give both --answer and --salt, or neither/,
    );
    await expectRefusal(
      "riddle:reveal",
      { key: KEY, answer: "an echo", salt: "0x12" },
      /--salt: salt '0x12' is not 32 bytes/,
    );
    await expectRefusal("riddle:reveal", { key: "riddle-99" }, /no riddle 'riddle-99'/);
    fs.rmSync(operatorSecretPath(dirs.secrets(), "hardhat", KEY));
    await expectRefusal(
      "riddle:reveal",
      { key: KEY },
      /no saved secret at .*operator\.json: give --answer and --salt/,
    );
    await board.renounceRole(await board.OPERATOR_ROLE(), operator.address);
    await expectRefusal(
      "riddle:reveal",
      { key: KEY, answer: "an echo", salt },
      /is not an operator of the RiddleBoard/,
    );
    await time.increaseTo(state.revealDeadline);
    await expectRefusal(
      "riddle:reveal",
      { key: KEY, answer: "an echo", salt },
      /reveal window closed at/,
    );
    expect(await run("riddle:status", { key: KEY })).to.match(/expired/);
  });

  it("riddle:answer refuses an unknown account, a malformed or foreign secret file, a changed answer and a lost secret", async () => {
    const { state, alice, bob } = await published();
    await expectRefusal(
      "riddle:answer",
      { key: KEY, answer: "x", from: "0x12" },
      /--from '0x12' is not an address/,
    );
    await expectRefusal(
      "riddle:answer",
      { key: KEY, answer: "x", from: `0x${"12".repeat(20)}` },
      /is not one of network 'hardhat''s 20 accounts/,
    );
    await expectRefusal(
      "riddle:answer",
      { key: "riddle-99", answer: "x" },
      /no riddle 'riddle-99'/,
    );

    await run("riddle:answer", { key: KEY, answer: "an echo", from: alice.address });
    await run("riddle:answer", { key: KEY, answer: "an echo", from: bob.address });
    const aliceFile = participantSecretPath(dirs.secrets(), "hardhat", KEY, alice.address);
    const bobFile = participantSecretPath(dirs.secrets(), "hardhat", KEY, bob.address);
    const good = fs.readFileSync(aliceFile, "utf8");
    fs.writeFileSync(aliceFile, JSON.stringify({ ...JSON.parse(good), salt: "nope" }));
    await expectRefusal(
      "riddle:answer",
      { key: KEY, from: alice.address },
      /secret file: .*: salt: must be 0x-prefixed 32-byte hex/,
    );
    fs.writeFileSync(
      aliceFile,
      JSON.stringify({ ...JSON.parse(good), board: `0x${"ab".repeat(20)}` }),
    );
    await expectRefusal(
      "riddle:answer",
      { key: KEY, from: alice.address },
      /was written for another board or chain/,
    );
    fs.writeFileSync(aliceFile, good);

    await time.increaseTo(state.commitDeadline);
    await run("riddle:reveal", { key: KEY });
    await expectRefusal(
      "riddle:answer",
      { key: KEY, answer: "a ghost", from: alice.address },
      /you committed 'an echo', not 'a ghost'/,
    );
    fs.writeFileSync(
      aliceFile,
      JSON.stringify({ ...JSON.parse(good), commitment: `0x${"11".repeat(32)}` }),
    );
    await expectRefusal(
      "riddle:answer",
      { key: KEY, from: alice.address },
      /the commitment on chain is not the one saved/,
    );
    fs.rmSync(bobFile);
    await expectRefusal(
      "riddle:answer",
      { key: KEY, from: bob.address },
      /no saved secret for .*: the commitment cannot be opened/,
    );
  });

  it("riddle:answer replaces a commitment with a new answer while commits are open", async () => {
    const { board, alice } = await published();
    await run("riddle:answer", { key: KEY, answer: "a ghost", from: alice.address });
    const first = await board.commitmentOf(1, alice.address);
    await run("riddle:answer", { key: KEY, answer: "an echo", from: alice.address });
    expect(await board.commitmentOf(1, alice.address)).to.not.equal(first);
    expect(
      readParticipantSecret(participantSecretPath(dirs.secrets(), "hardhat", KEY, alice.address))!
        .answer,
    ).to.equal("an echo");
  });

  it("riddle:status lists every riddle and refuses --account without --key", async () => {
    await expectRefusal("riddle:status", {}, /RiddleBoard is not deployed/);
    await run("points:deploy", { catalog: "none" });
    expect(await run("riddle:status")).to.match(/no riddle published/);
    await run("riddle:publish", {
      key: KEY,
      answer: "x",
      kind: "fixed",
      points: "1.5",
      commitUntil: "+1d",
      revealUntil: "+2d",
      question: "",
    });
    await run("riddle:publish", {
      key: "riddle-02",
      answer: "y",
      kind: "multiplier",
      multiplier: "5/4",
      commitUntil: "+1d",
      revealUntil: "+2d",
      question: "",
    });
    const out = await run("riddle:status");
    expect(out).to.match(/1 +riddle-01 +\+1\.5 points +commit/);
    expect(out).to.match(/2 +riddle-02 +x5\/4 +commit/);
    const [, alice] = await ethers.getSigners();
    await expectRefusal("riddle:status", { account: alice.address }, /--account needs --key/);
    await expectRefusal(
      "riddle:status",
      { key: KEY, account: "nope" },
      /--account 'nope' is not an address/,
    );
  });
});
