/**
 * The rules of the daily riddles (RiddleBoard), mirrored off-chain: answer normalisation, both
 * commitments, boost encodings and a riddle's phase at a given time.
 */
import { randomBytes } from "node:crypto";
import { AbiCoder, getAddress, hexlify, keccak256 } from "ethers";
import { BYTES32_PATTERN } from "../engine/validation";

const abi = AbiCoder.defaultAbiCoder();

/**
 * The form every answer is committed in: Unicode NFC, trimmed, inner whitespace collapsed to one
 * space, lowercased. "  Paris\tFrance " and "paris france" are the same answer.
 */
export function normalizeAnswer(text: string): string {
  const normalized = text.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
  if (normalized.length === 0) throw new Error("an answer cannot be empty");
  return normalized;
}

/** A fresh random 32-byte salt (0x-prefixed hex). */
export function randomSalt(): string {
  return hexlify(randomBytes(32));
}

function checkSalt(salt: string): void {
  if (!BYTES32_PATTERN.test(salt)) throw new Error(`salt '${salt}' is not 32 bytes of hex`);
}

/** The operator's commitment to a riddle's answer: keccak256(abi.encode(key, answer, salt)). */
export function answerCommitment(key: string, answer: string, salt: string): string {
  checkSalt(salt);
  return keccak256(abi.encode(["string", "string", "bytes32"], [key, answer, salt]));
}

/** What binds a participant's commitment to one board, chain, riddle and address. */
export interface ParticipantCommitmentInput {
  readonly chainId: bigint;
  readonly board: string;
  readonly riddle: number;
  readonly participant: string;
  readonly answer: string;
  readonly salt: string;
}

/**
 * A participant's commitment: keccak256(abi.encode(chainId, board, riddle, participant, answer,
 * salt)). It names the participant, so nobody else can reveal it.
 */
export function participantCommitment(input: ParticipantCommitmentInput): string {
  checkSalt(input.salt);
  return keccak256(
    abi.encode(
      ["uint256", "address", "uint32", "address", "string", "bytes32"],
      [input.chainId, input.board, input.riddle, input.participant, input.answer, input.salt],
    ),
  );
}

/* Boosts */

/** A riddle's boost. Fixed points are in units (10^6 per point). */
export type Boost =
  | { readonly kind: "fixed"; readonly units: bigint }
  | { readonly kind: "multiplier"; readonly numerator: bigint; readonly denominator: bigint }
  | { readonly kind: "other"; readonly params: string };

/** The `kind` and `params` arguments RiddleBoard.publish expects for `boost`. */
export function encodeBoost(boost: Boost): { kind: number; params: string } {
  switch (boost.kind) {
    case "fixed":
      if (boost.units <= 0n) throw new Error("a fixed boost must be worth more than zero points");
      return { kind: 0, params: abi.encode(["uint256"], [boost.units]) };
    case "multiplier":
      if (boost.denominator <= 0n || boost.numerator <= boost.denominator) {
        throw new Error(
          `a multiplier boost needs numerator > denominator > 0, got ${boost.numerator}/${boost.denominator}`,
        );
      }
      return {
        kind: 1,
        params: abi.encode(["uint256", "uint256"], [boost.numerator, boost.denominator]),
      };
    case "other":
      if (!/^0x([0-9a-fA-F]{2})*$/.test(boost.params)) {
        throw new Error(`boost params '${boost.params}' are not 0x-prefixed hex bytes`);
      }
      return { kind: 2, params: boost.params.toLowerCase() };
  }
}

/** The boost of a RiddlePublished event's `kind` and `params`. */
export function decodeBoost(kind: number | bigint, params: string): Boost {
  switch (Number(kind)) {
    case 0: {
      const [units] = abi.decode(["uint256"], params);
      return { kind: "fixed", units: units as bigint };
    }
    case 1: {
      const [numerator, denominator] = abi.decode(["uint256", "uint256"], params);
      return {
        kind: "multiplier",
        numerator: numerator as bigint,
        denominator: denominator as bigint,
      };
    }
    case 2:
      return { kind: "other", params: params.toLowerCase() };
    default:
      throw new Error(`unknown boost kind ${kind}`);
  }
}

/** "5/4" → { numerator: 5n, denominator: 4n }. */
export function parseMultiplier(text: string): { numerator: bigint; denominator: bigint } {
  const m = /^\s*([1-9][0-9]*)\s*\/\s*([1-9][0-9]*)\s*$/.exec(text);
  if (!m) throw new Error(`multiplier '${text}' is not a fraction such as 5/4`);
  return { numerator: BigInt(m[1]), denominator: BigInt(m[2]) };
}

/* Phases */

/** A riddle's on-chain state, as RiddleBoard.getRiddle returns it. */
export interface RiddleState {
  readonly commitDeadline: bigint;
  readonly revealDeadline: bigint;
  readonly answerRevealed: boolean;
}

/**
 * Where a riddle stands at `now` (unix seconds):
 * - `commit`: participants may commit;
 * - `awaiting-answer`: commits are closed, the operator has not revealed the answer yet;
 * - `reveal`: the answer is out, participants may reveal;
 * - `closed`: the reveal window is over (the boost's winners are final);
 * - `expired`: the reveal window is over and the answer was never revealed (nobody earned it).
 */
export type RiddlePhase = "commit" | "awaiting-answer" | "reveal" | "closed" | "expired";

export function riddlePhase(state: RiddleState, now: bigint): RiddlePhase {
  if (now < state.commitDeadline) return "commit";
  if (now >= state.revealDeadline) return state.answerRevealed ? "closed" : "expired";
  return state.answerRevealed ? "reveal" : "awaiting-answer";
}

/** Checksums `address` or throws naming `what`. */
export function checkAddress(what: string, address: string): string {
  try {
    return getAddress(address);
  } catch {
    throw new Error(`${what} '${address}' is not an address`);
  }
}

/** Riddle keys the tools accept: they name files, so letters, digits, '.', '_' and '-' only. */
export function checkRiddleKey(key: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(key)) {
    throw new Error(
      `riddle key '${key}' must be 1 to 64 letters, digits, '.', '_' or '-' (starting with a letter or digit)`,
    );
  }
}
