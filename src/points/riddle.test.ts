import { describe, expect, it } from "vitest";
import { AbiCoder, keccak256 } from "ethers";
import {
  answerCommitment,
  checkAddress,
  checkRiddleKey,
  decodeBoost,
  encodeBoost,
  normalizeAnswer,
  parseMultiplier,
  participantCommitment,
  randomSalt,
  riddlePhase,
  type Boost,
} from "./riddle";

const SALT = `0x${"5a".repeat(32)}`;
const BOARD = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BOB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

describe("normalizeAnswer", () => {
  it("trims, collapses whitespace, lowercases and NFC-normalises", () => {
    expect(normalizeAnswer("  Paris\t FRANCE \n")).toBe("paris france");
    expect(normalizeAnswer("Cafe\u0301")).toBe("caf\u00e9");
  });
  it("refuses an empty answer", () => {
    expect(() => normalizeAnswer(" \t ")).toThrow(/cannot be empty/);
  });
});

describe("commitments", () => {
  it("the operator's is keccak256(abi.encode(key, answer, salt))", () => {
    const expected = keccak256(
      AbiCoder.defaultAbiCoder().encode(
        ["string", "string", "bytes32"],
        ["riddle-01", "paris", SALT],
      ),
    );
    expect(answerCommitment("riddle-01", "paris", SALT)).toBe(expected);
    expect(answerCommitment("riddle-02", "paris", SALT)).not.toBe(expected);
  });

  it("a participant's names the chain, board, riddle and participant", () => {
    const input = {
      chainId: 31337n,
      board: BOARD,
      riddle: 1,
      participant: ALICE,
      answer: "paris",
      salt: SALT,
    };
    const expected = keccak256(
      AbiCoder.defaultAbiCoder().encode(
        ["uint256", "address", "uint32", "address", "string", "bytes32"],
        [31337n, BOARD, 1, ALICE, "paris", SALT],
      ),
    );
    expect(participantCommitment(input)).toBe(expected);
    expect(participantCommitment({ ...input, participant: BOB })).not.toBe(expected);
    expect(participantCommitment({ ...input, chainId: 1n })).not.toBe(expected);
    expect(participantCommitment({ ...input, riddle: 2 })).not.toBe(expected);
  });

  it("refuses a malformed salt", () => {
    expect(() => answerCommitment("k", "a", "0x12")).toThrow(/salt '0x12' is not 32 bytes/);
  });

  it("draws fresh 32-byte salts", () => {
    const a = randomSalt();
    expect(a).toMatch(/^0x[0-9a-f]{64}$/);
    expect(randomSalt()).not.toBe(a);
  });
});

describe("boosts", () => {
  it("encode as RiddleBoard expects and decode back", () => {
    const boosts: Boost[] = [
      { kind: "fixed", units: 500_000_000n },
      { kind: "multiplier", numerator: 5n, denominator: 4n },
      { kind: "other", params: "0xdeadbeef" },
    ];
    const encoded = boosts.map(encodeBoost);
    expect(encoded.map((e) => e.kind)).toEqual([0, 1, 2]);
    expect(encoded[0].params).toBe(AbiCoder.defaultAbiCoder().encode(["uint256"], [500_000_000n]));
    expect(encoded.map((e) => decodeBoost(e.kind, e.params))).toEqual(boosts);
  });

  it("refuse what the board would refuse", () => {
    expect(() => encodeBoost({ kind: "fixed", units: 0n })).toThrow(/more than zero/);
    expect(() => encodeBoost({ kind: "multiplier", numerator: 4n, denominator: 4n })).toThrow(
      /4\/4/,
    );
    expect(() => encodeBoost({ kind: "multiplier", numerator: 5n, denominator: 0n })).toThrow(
      /5\/0/,
    );
    expect(() => encodeBoost({ kind: "other", params: "0x1" })).toThrow(/hex bytes/);
    expect(() => decodeBoost(3, "0x")).toThrow(/unknown boost kind 3/);
  });

  it("parse multipliers written as fractions", () => {
    expect(parseMultiplier("5/4")).toEqual({ numerator: 5n, denominator: 4n });
    expect(parseMultiplier(" 3 / 2 ")).toEqual({ numerator: 3n, denominator: 2n });
    for (const bad of ["1.25", "5/0", "0/4", "5:4", "/4"]) {
      expect(() => parseMultiplier(bad), bad).toThrow(/not a fraction/);
    }
  });
});

describe("riddlePhase", () => {
  const state = { commitDeadline: 100n, revealDeadline: 200n, answerRevealed: false };
  it("follows the windows and the operator's reveal", () => {
    expect(riddlePhase(state, 99n)).toBe("commit");
    expect(riddlePhase(state, 100n)).toBe("awaiting-answer");
    expect(riddlePhase({ ...state, answerRevealed: true }, 100n)).toBe("reveal");
    expect(riddlePhase({ ...state, answerRevealed: true }, 199n)).toBe("reveal");
    expect(riddlePhase({ ...state, answerRevealed: true }, 200n)).toBe("closed");
    expect(riddlePhase(state, 200n)).toBe("expired");
  });
});

describe("checks", () => {
  it("accept file-safe riddle keys only", () => {
    expect(() => checkRiddleKey("riddle-01")).not.toThrow();
    expect(() => checkRiddleKey("day_3.v2")).not.toThrow();
    for (const bad of ["", "../x", "a/b", "-x", "a b", "x".repeat(65)]) {
      expect(() => checkRiddleKey(bad), bad).toThrow(/riddle key/);
    }
  });
  it("checksum addresses or name the bad one", () => {
    expect(checkAddress("account", ALICE.toLowerCase())).toBe(ALICE);
    expect(() => checkAddress("account", "0x12")).toThrow(/account '0x12' is not an address/);
  });
});
