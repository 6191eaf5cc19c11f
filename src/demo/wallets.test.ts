import { Wallet } from "ethers";
import { describe, expect, it } from "vitest";
import { participantKey, riddleSalt } from "./wallets";

describe("participant keys", () => {
  it("are reproducible, distinct per index and per seed, and valid secp256k1 keys", () => {
    expect(participantKey("s", 0)).toBe(participantKey("s", 0));
    const keys = new Set(Array.from({ length: 200 }, (_, i) => participantKey("s", i)));
    expect(keys.size).toBe(200);
    expect(participantKey("s", 1)).not.toBe(participantKey("t", 1));
    const wallet = new Wallet(participantKey("s", 3));
    expect(wallet.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(() => participantKey("s", -1)).toThrow(/non-negative/);
  });

  it("salts differ per participant and riddle, and are 32 bytes", () => {
    expect(riddleSalt("s", 1, "riddle-01")).toMatch(/^0x[0-9a-f]{64}$/);
    expect(riddleSalt("s", 1, "riddle-01")).not.toBe(riddleSalt("s", 2, "riddle-01"));
    expect(riddleSalt("s", 1, "riddle-01")).not.toBe(riddleSalt("s", 1, "riddle-02"));
  });
});
