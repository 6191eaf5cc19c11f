import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  operatorSecretPath,
  participantSecretPath,
  readOperatorSecret,
  readParticipantSecret,
  writeSecret,
  type OperatorSecret,
  type ParticipantSecret,
} from "./secrets";

const SALT = `0x${"5a".repeat(32)}`;
const HASH = `0x${"c3".repeat(32)}`;
const BOARD = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

const operator: OperatorSecret = {
  version: 1,
  kind: "riddle-operator",
  chainId: "31337",
  board: BOARD,
  key: "riddle-01",
  answer: "paris",
  salt: SALT,
  answerCommitment: HASH,
};
const participant: ParticipantSecret = {
  version: 1,
  kind: "riddle-participant",
  chainId: "31337",
  board: BOARD,
  key: "riddle-01",
  riddle: 1,
  participant: ALICE,
  answer: "paris",
  salt: SALT,
  commitment: HASH,
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "riddle-secrets-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("secret files", () => {
  it("live under <dir>/<network>/<key>/, one per participant", () => {
    expect(operatorSecretPath(dir, "localhost", "riddle-01")).toBe(
      path.join(dir, "localhost", "riddle-01", "operator.json"),
    );
    expect(participantSecretPath(dir, "localhost", "riddle-01", ALICE)).toBe(
      path.join(dir, "localhost", "riddle-01", `${ALICE.toLowerCase()}.json`),
    );
    expect(() => operatorSecretPath(dir, "localhost", "../x")).toThrow(/riddle key/);
    expect(() => participantSecretPath(dir, "localhost", "r", "0x1")).toThrow(/not an address/);
  });

  it("round-trip, owner-only, and read as undefined when absent", () => {
    const opFile = operatorSecretPath(dir, "hardhat", "riddle-01");
    const pFile = participantSecretPath(dir, "hardhat", "riddle-01", ALICE);
    expect(readOperatorSecret(opFile)).toBeUndefined();
    writeSecret(opFile, operator);
    writeSecret(pFile, participant);
    expect(readOperatorSecret(opFile)).toEqual(operator);
    expect(readParticipantSecret(pFile)).toEqual(participant);
    expect(fs.statSync(pFile).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(pFile)).some((f) => f.endsWith(".tmp"))).toBe(false);
  });

  it("name the file and field of a malformed secret", () => {
    const file = path.join(dir, "bad.json");
    fs.writeFileSync(file, "{not json");
    expect(() => readOperatorSecret(file)).toThrow(/bad\.json: not valid JSON/);
    fs.writeFileSync(file, JSON.stringify({ ...participant, salt: "0x12" }));
    expect(() => readParticipantSecret(file)).toThrow(
      /bad\.json: salt: must be 0x-prefixed 32-byte hex/,
    );
    fs.writeFileSync(file, JSON.stringify(participant));
    expect(() => readOperatorSecret(file)).toThrow(/bad\.json: /);
    fs.writeFileSync(file, JSON.stringify({ ...operator, extra: 1 }));
    expect(() => readOperatorSecret(file)).toThrow(/bad\.json: /);
  });
});
