/**
 * Daily riddles: the operator publishes (riddle:publish) and reveals (riddle:reveal), participants
 * answer in two phases (riddle:answer commits, then reveals from the saved secret), and anyone
 * reads where a riddle stands (riddle:status). Secrets are kept in local files (see
 * src/points/secrets.ts) under $RIDDLE_SECRETS_DIR or `.secrets/riddles/`.
 */
import fs from "node:fs";
import path from "node:path";
import { keccak256, toUtf8Bytes } from "ethers";
import { task } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { RiddleBoard } from "../typechain-types";
import type { RiddlePublishedEvent } from "../typechain-types/contracts/points/RiddleBoard";
import { requireOperator, RIDDLE_BOARD_RECORD, riddleBoardAt } from "../deploy/points";
import {
  answerCommitment,
  checkRiddleKey,
  decodeBoost,
  encodeBoost,
  normalizeAnswer,
  parseMultiplier,
  participantCommitment,
  randomSalt,
  riddlePhase,
  type Boost,
  type RiddlePhase,
} from "../src/points/riddle";
import {
  operatorSecretPath,
  participantSecretPath,
  readOperatorSecret,
  readParticipantSecret,
  writeSecret,
} from "../src/points/secrets";
import { formatTable } from "../src/format/table";
import { isoTime, parseMoment } from "../src/format/time";
import { formatPoints, pointsToUnits } from "../src/engine/units";
import { loadDeployments } from "./lib/deployments";
import { check, TaskError } from "./lib/errors";
import { addressArg, chainNow, sendTx, signerFor, toJson } from "./lib/cli";

/** Where riddle secrets are kept: $RIDDLE_SECRETS_DIR, or `.secrets/riddles` in the project. */
function riddleSecretsDir(hre: HardhatRuntimeEnvironment): string {
  return process.env.RIDDLE_SECRETS_DIR ?? path.join(hre.config.paths.root, ".secrets", "riddles");
}

/** A boost for humans: "+500 points", "x5/4", "other 0x…". */
export function describeBoost(boost: Boost): string {
  switch (boost.kind) {
    case "fixed":
      return `+${formatPoints(boost.units)} points`;
    case "multiplier":
      return `x${boost.numerator}/${boost.denominator}`;
    case "other":
      return `other ${boost.params}`;
  }
}

/** The boost described by riddle:publish's flags. */
function boostFromArgs(args: PublishArgs): Boost {
  switch (args.kind) {
    case "fixed":
      if (!args.points) throw new TaskError("--kind fixed needs --points (e.g. --points 500)");
      return { kind: "fixed", units: check("--points", () => pointsToUnits(args.points!.trim())) };
    case "multiplier": {
      if (!args.multiplier)
        throw new TaskError("--kind multiplier needs --multiplier (e.g. --multiplier 5/4)");
      const m = check("--multiplier", () => parseMultiplier(args.multiplier!));
      return { kind: "multiplier", ...m };
    }
    case "other":
      return { kind: "other", params: args.params ?? "0x" };
    default:
      throw new TaskError(`--kind '${args.kind}' is not one of fixed, multiplier, other`);
  }
}

/** The riddle keyed `key` on the board, or a TaskError. */
async function findRiddle(board: RiddleBoard, key: string) {
  check("--key", () => checkRiddleKey(key));
  const id = Number(await board.riddleId(key));
  if (id === 0) throw new TaskError(`no riddle '${key}' on the RiddleBoard at ${board.target}`);
  const state = await board.getRiddle(id);
  return { id, state };
}

/** The block the board was deployed in (where its event queries start). */
async function boardBlock(hre: HardhatRuntimeEnvironment): Promise<number> {
  return (await loadDeployments(hre))?.contracts[RIDDLE_BOARD_RECORD]?.blockNumber ?? 0;
}

/**
 * The RiddlePublished events (key, kind, params, question) of riddle `id`, or of every riddle
 * when `id` is undefined, from `fromBlock`: the first one of each riddle, by riddle id.
 */
async function publishedEvents(
  board: RiddleBoard,
  fromBlock: number,
  id: number | undefined,
): Promise<Map<number, RiddlePublishedEvent.OutputObject>> {
  const byId = new Map<number, RiddlePublishedEvent.OutputObject>();
  for (const event of await board.queryFilter(board.filters.RiddlePublished(id), fromBlock)) {
    const riddle = Number(event.args.riddle);
    if (!byId.has(riddle)) byId.set(riddle, event.args);
  }
  return byId;
}

/** True for an all-zero hex word (no commitment). */
function isZero(hex: string): boolean {
  return /^0x0*$/.test(hex);
}

function windows(state: { commitDeadline: bigint; revealDeadline: bigint }): string {
  return `commits until ${isoTime(state.commitDeadline)}, reveals until ${isoTime(state.revealDeadline)}`;
}

interface PublishArgs {
  key: string;
  answer: string;
  kind: string;
  points?: string;
  multiplier?: string;
  params?: string;
  commitUntil: string;
  revealUntil: string;
  question: string;
}

task("riddle:publish", "Publishes a riddle with a commitment to its answer (operator)")
  .addParam("key", "the boost key, as in the season file's boosts (e.g. riddle-01)")
  .addParam(
    "answer",
    "the answer (normalised: trimmed, lowercased, single spaces); kept in a local secret file",
  )
  .addOptionalParam("kind", "the boost kind: fixed, multiplier or other", "fixed")
  .addOptionalParam("points", "--kind fixed: the points earned (decimal)")
  .addOptionalParam("multiplier", "--kind multiplier: the multiplier as a fraction (e.g. 5/4)")
  .addOptionalParam("params", "--kind other: opaque parameters (0x hex)")
  .addOptionalParam(
    "commitUntil",
    "end of the commit window: unix seconds, ISO date or +24h",
    "+1d",
  )
  .addOptionalParam(
    "revealUntil",
    "end of the reveal window: unix seconds, ISO date or +48h",
    "+2d",
  )
  .addOptionalParam("question", "the riddle's text or a URI to it", "")
  .setAction(async (args: PublishArgs, hre) => {
    check("--key", () => checkRiddleKey(args.key));
    const answer = check("--answer", () => normalizeAnswer(args.answer));
    const boost = boostFromArgs(args);
    const { kind, params } = check("boost", () => encodeBoost(boost));
    const now = await chainNow(hre);
    const commitDeadline = check("--commit-until", () => parseMoment(args.commitUntil, now));
    const revealDeadline = check("--reveal-until", () => parseMoment(args.revealUntil, now));
    if (commitDeadline <= now + 1n) {
      throw new TaskError(
        `--commit-until ${isoTime(commitDeadline)} is not after the chain's time ${isoTime(now)}`,
      );
    }
    if (revealDeadline <= commitDeadline) {
      throw new TaskError(
        `--reveal-until ${isoTime(revealDeadline)} must be after --commit-until ${isoTime(commitDeadline)}`,
      );
    }
    const signer = await signerFor(hre);
    const board = await riddleBoardAt(hre, signer);
    await requireOperator(board, signer.address, "RiddleBoard");
    const existing = await board.riddleId(args.key);
    if (existing !== 0n)
      throw new TaskError(`riddle '${args.key}' is already published as #${existing}`);

    // The secret is saved before the transaction: a riddle whose answer is lost cannot be revealed.
    const salt = randomSalt();
    const commitment = answerCommitment(args.key, answer, salt);
    const file = operatorSecretPath(riddleSecretsDir(hre), hre.network.name, args.key);
    const { chainId } = await hre.ethers.provider.getNetwork();
    writeSecret(file, {
      version: 1,
      kind: "riddle-operator",
      chainId: chainId.toString(),
      board: String(board.target),
      key: args.key,
      answer,
      salt,
      answerCommitment: commitment,
    });
    const receipt = await sendTx(`publishing '${args.key}'`, () =>
      board.publish({
        key: args.key,
        kind,
        params,
        answerCommitment: commitment,
        commitDeadline,
        revealDeadline,
        question: args.question,
      }),
    );
    const id = await board.riddleId(args.key);
    console.log(
      `published riddle #${id} '${args.key}' (${describeBoost(boost)}): ${windows({ commitDeadline, revealDeadline })}`,
    );
    console.log(`answer and salt saved in ${file}: keep it for riddle:reveal`);
    return {
      key: args.key,
      riddle: Number(id),
      boost: describeBoost(boost),
      commitDeadline: isoTime(commitDeadline),
      revealDeadline: isoTime(revealDeadline),
      secretFile: file,
      txHash: receipt.hash,
    };
  });

task(
  "riddle:answer",
  "Answers a riddle: commits while commits are open, reveals once the answer is out",
)
  .addParam("key", "the riddle's boost key")
  .addOptionalParam("answer", "your answer (needed to commit; the reveal reads the saved secret)")
  .addOptionalParam("from", "the participant's address (default: the first account)")
  .setAction(async (args: { key: string; answer?: string; from?: string }, hre) => {
    const signer = await signerFor(hre, args.from);
    const board = await riddleBoardAt(hre, signer);
    const { id, state } = await findRiddle(board, args.key);
    const now = await chainNow(hre);
    const phase = riddlePhase(state, now + 1n);
    const file = participantSecretPath(
      riddleSecretsDir(hre),
      hre.network.name,
      args.key,
      signer.address,
    );
    const saved = check("secret file", () => readParticipantSecret(file));
    const { chainId } = await hre.ethers.provider.getNetwork();
    if (
      saved &&
      (saved.chainId !== chainId.toString() ||
        saved.board.toLowerCase() !== String(board.target).toLowerCase())
    ) {
      throw new TaskError(
        `${file} was written for another board or chain (${saved.board} on chain ${saved.chainId})`,
      );
    }
    const onChain = await board.commitmentOf(id, signer.address);
    const answer =
      args.answer === undefined
        ? undefined
        : check("--answer", () => normalizeAnswer(args.answer!));
    const answered = (step: "committed" | "revealed", txHash: string, secretFile: string) => ({
      key: args.key,
      riddle: Number(id),
      participant: signer.address,
      step,
      secretFile,
      txHash,
    });

    if (phase === "commit") {
      if (answer === undefined) {
        throw new TaskError(
          `riddle '${args.key}' takes commits until ${isoTime(state.commitDeadline)}: give --answer`,
        );
      }
      if (saved && saved.answer === answer && saved.commitment === onChain) {
        throw new TaskError(
          `${signer.address} already committed '${answer}' to '${args.key}': run riddle:answer again once the operator reveals (after ${isoTime(state.commitDeadline)})`,
        );
      }
      const salt = randomSalt();
      const commitment = participantCommitment({
        chainId,
        board: String(board.target),
        riddle: id,
        participant: signer.address,
        answer,
        salt,
      });
      writeSecret(file, {
        version: 1,
        kind: "riddle-participant",
        chainId: chainId.toString(),
        board: String(board.target),
        key: args.key,
        riddle: id,
        participant: signer.address,
        answer,
        salt,
        commitment,
      });
      const receipt = await sendTx(`committing to '${args.key}'`, () =>
        board.commit(id, commitment),
      );
      console.log(
        `${signer.address} committed an answer to '${args.key}' (#${id}); secret saved in ${file}`,
      );
      console.log(
        `reveal with the same command once the operator reveals the answer (after ${isoTime(state.commitDeadline)})`,
      );
      return answered("committed", receipt.hash, file);
    }
    if (phase === "awaiting-answer") {
      throw new TaskError(
        isZero(onChain)
          ? `commits to '${args.key}' closed at ${isoTime(state.commitDeadline)}`
          : `the operator has not revealed '${args.key}''s answer yet; reveals are open until ${isoTime(state.revealDeadline)}`,
      );
    }
    if (phase !== "reveal") {
      throw new TaskError(`reveals of '${args.key}' closed at ${isoTime(state.revealDeadline)}`);
    }
    if (await board.hasEarned(id, signer.address)) {
      throw new TaskError(`${signer.address} already revealed '${args.key}' and earned its boost`);
    }
    if (isZero(onChain)) {
      throw new TaskError(
        `${signer.address} never committed to '${args.key}': commits closed at ${isoTime(state.commitDeadline)}`,
      );
    }
    if (!saved)
      throw new TaskError(
        `no saved secret for ${signer.address} at ${file}: the commitment cannot be opened`,
      );
    if (saved.commitment !== onChain || saved.riddle !== id) {
      throw new TaskError(
        `the commitment on chain is not the one saved in ${file} (was it made elsewhere?)`,
      );
    }
    if (answer !== undefined && answer !== saved.answer) {
      throw new TaskError(
        `you committed '${saved.answer}', not '${answer}': a reveal opens the saved commitment`,
      );
    }
    if (keccak256(toUtf8Bytes(saved.answer)) !== state.answerHash) {
      throw new TaskError(
        `'${saved.answer}' is not the answer to '${args.key}': no boost (nothing sent)`,
      );
    }
    const receipt = await sendTx(`revealing '${args.key}'`, () =>
      board.reveal(id, saved.answer, saved.salt),
    );
    console.log(
      `${signer.address} revealed the right answer to '${args.key}' and earned its boost`,
    );
    return answered("revealed", receipt.hash, file);
  });

task("riddle:reveal", "Reveals a riddle's answer after its commit window (operator)")
  .addParam("key", "the riddle's boost key")
  .addOptionalParam("answer", "the answer (default: from riddle:publish's secret file)")
  .addOptionalParam("salt", "the salt (default: from riddle:publish's secret file)")
  .setAction(async (args: { key: string; answer?: string; salt?: string }, hre) => {
    const signer = await signerFor(hre);
    const board = await riddleBoardAt(hre, signer);
    const { id, state } = await findRiddle(board, args.key);
    if ((args.answer === undefined) !== (args.salt === undefined)) {
      throw new TaskError("give both --answer and --salt, or neither (to use the saved secret)");
    }
    let answer: string;
    let salt: string;
    if (args.answer !== undefined && args.salt !== undefined) {
      answer = args.answer;
      salt = args.salt;
    } else {
      const file = operatorSecretPath(riddleSecretsDir(hre), hre.network.name, args.key);
      const saved = check("secret file", () => readOperatorSecret(file));
      if (!saved) throw new TaskError(`no saved secret at ${file}: give --answer and --salt`);
      answer = saved.answer;
      salt = saved.salt;
    }
    const opens = check(
      "--salt",
      () => answerCommitment(args.key, answer, salt) === state.answerCommitment,
    );
    if (!opens)
      throw new TaskError(`that answer and salt do not open '${args.key}''s published commitment`);
    const phase = riddlePhase(state, (await chainNow(hre)) + 1n);
    if (phase === "commit") {
      throw new TaskError(
        `commits to '${args.key}' are open until ${isoTime(state.commitDeadline)}: reveal after that`,
      );
    }
    if (phase === "reveal" || phase === "closed")
      throw new TaskError(`'${args.key}''s answer is already revealed`);
    if (phase === "expired")
      throw new TaskError(
        `'${args.key}''s reveal window closed at ${isoTime(state.revealDeadline)}`,
      );
    await requireOperator(board, signer.address, "RiddleBoard");
    const receipt = await sendTx(`revealing '${args.key}'`, () =>
      board.revealAnswer(id, answer, salt),
    );
    console.log(
      `revealed '${args.key}''s answer '${answer}': participants may reveal until ${isoTime(state.revealDeadline)}`,
    );
    return {
      key: args.key,
      riddle: Number(id),
      answer,
      revealDeadline: isoTime(state.revealDeadline),
      txHash: receipt.hash,
    };
  });

/** One riddle's summary, as riddle:status prints it. */
interface RiddleSummary {
  id: number;
  key: string;
  boost: string;
  phase: RiddlePhase;
  commitDeadline: string;
  revealDeadline: string;
  winners: number;
  answer?: string;
  question?: string;
  account?: { address: string; committed: boolean; earned: boolean; secretFile?: string };
}

task("riddle:status", "Shows the riddles, or one riddle (and one account's state in it)")
  .addOptionalParam("key", "one riddle's boost key")
  .addOptionalParam("account", "with --key: an account whose commitment and boost to show")
  .addFlag("json", "print JSON instead of text")
  .setAction(async (args: { key?: string; account?: string; json: boolean }, hre) => {
    const board = await riddleBoardAt(hre);
    const account =
      args.account === undefined ? undefined : addressArg(hre, "account", args.account);
    if (account && args.key === undefined) throw new TaskError("--account needs --key");
    const now = (await chainNow(hre)) + 1n;
    // with --key, findRiddle has read the riddle's state already
    const riddles: { id: number; state?: Awaited<ReturnType<RiddleBoard["getRiddle"]>> }[] = [];
    if (args.key !== undefined) {
      riddles.push(await findRiddle(board, args.key));
    } else {
      const count = Number(await board.riddleCount());
      for (let id = 1; id <= count; id++) riddles.push({ id });
    }
    const fromBlock = await boardBlock(hre);
    const published = await publishedEvents(
      board,
      fromBlock,
      args.key !== undefined ? riddles[0].id : undefined,
    );
    const summaries: RiddleSummary[] = [];
    for (const { id, state: found } of riddles) {
      const state = found ?? (await board.getRiddle(id));
      const event = published.get(id);
      if (!event) throw new TaskError(`riddle #${id}'s RiddlePublished event was not found`);
      const summary: RiddleSummary = {
        id,
        key: event.key,
        boost: describeBoost(decodeBoost(event.kind, event.params)),
        phase: riddlePhase(state, now),
        commitDeadline: isoTime(state.commitDeadline),
        revealDeadline: isoTime(state.revealDeadline),
        winners: Number(state.winners),
      };
      if (args.key !== undefined) {
        if (event.question) summary.question = event.question;
        if (state.answerRevealed) {
          const [revealed] = await board.queryFilter(board.filters.AnswerRevealed(id), fromBlock);
          if (revealed) summary.answer = revealed.args.answer;
        }
        if (account) {
          const file = participantSecretPath(
            riddleSecretsDir(hre),
            hre.network.name,
            event.key,
            account,
          );
          summary.account = {
            address: account,
            committed: !isZero(await board.commitmentOf(id, account)),
            earned: await board.hasEarned(id, account),
            ...(fs.existsSync(file) ? { secretFile: file } : {}),
          };
        }
      }
      summaries.push(summary);
    }
    if (args.json) {
      console.log(toJson({ board: board.target, riddles: summaries }));
      return;
    }
    if (summaries.length === 0) {
      console.log(`no riddle published on the RiddleBoard at ${board.target}`);
      return;
    }
    console.log(
      formatTable(
        ["id", "key", "boost", "phase", "commits until", "reveals until", "winners"],
        summaries.map((s) => [
          s.id,
          s.key,
          s.boost,
          s.phase,
          s.commitDeadline,
          s.revealDeadline,
          s.winners,
        ]),
      ),
    );
    const one = args.key !== undefined ? summaries[0] : undefined;
    if (one?.question) console.log(`question: ${one.question}`);
    if (one?.answer !== undefined) console.log(`answer: ${one.answer}`);
    if (one?.account) {
      const a = one.account;
      console.log(
        `${a.address}: ${a.earned ? "earned the boost" : a.committed ? "committed" : "no commitment"}` +
          (a.secretFile ? ` (secret in ${a.secretFile})` : ""),
      );
    }
  });
