import { describe, expect, it } from "vitest";
import {
  balanceCheck,
  evmCheck,
  formatNative,
  guardianChecks,
  headCheck,
  MIN_LIVE_TIMELOCK,
} from "./checks";
import { EVM_FEATURES } from "./opcodes";

const [PUSH0, MCOPY] = EVM_FEATURES;
const OPERATOR = "0x1111111111111111111111111111111111111111";
const AUDITOR = "0x2222222222222222222222222222222222222222";

describe("balanceCheck", () => {
  const args = {
    operator: OPERATOR,
    gas: 10_000_000n,
    feePerGas: 2_000_000_000n, // 2 gwei: 0.02 ETH
    symbol: "ETH",
    measuredBy: "dry run",
  };

  it("passes when the balance covers gas times fee, and fails with the exact shortfall", () => {
    expect(balanceCheck({ ...args, balance: 2n * 10n ** 16n }).failure).toBeUndefined();
    const short = balanceCheck({ ...args, balance: 5n * 10n ** 15n });
    expect(short.failure).toBe(
      `the operator ${OPERATOR} holds 0.005 ETH but the deployment needs 0.02 ETH: send it at least 0.015 ETH more`,
    );
    expect(short.value).toContain("10,000,000 gas (dry run) × 2 gwei = 0.02 ETH");
  });

  it("fails by one wei", () => {
    expect(balanceCheck({ ...args, balance: 2n * 10n ** 16n - 1n }).failure).toMatch(/send it/);
  });
});

describe("formatNative", () => {
  it("groups whole tokens and keeps six decimals", () => {
    expect(formatNative(1_234_567n * 10n ** 18n + 5n * 10n ** 17n, "tMETIS")).toBe(
      "1,234,567.5 tMETIS",
    );
    expect(formatNative(0n, "ETH")).toBe("0 ETH");
  });
});

describe("headCheck", () => {
  it("fails a head older than ten minutes", () => {
    expect(headCheck({ number: 5, timestamp: 1_000 }, 1_030).failure).toBeUndefined();
    expect(headCheck({ number: 5, timestamp: 1_000 }, 1_000 + 3_700).failure).toMatch(
      /block 5 is 61 min old/,
    );
  });
});

describe("evmCheck", () => {
  it("says which target to compile for, with the command, when the chain lacks a needed feature", () => {
    const r = evmCheck({
      needed: [
        { feature: PUSH0, contracts: ["TieredMint"] },
        { feature: MCOPY, contracts: ["TestnetToken"] },
      ],
      missing: [MCOPY, EVM_FEATURES[2]],
      build: "cancun",
    });
    expect(r.failure).toBe(
      "the chain lacks MCOPY (used by TestnetToken): compile for shanghai with `SEASON_EVM=shanghai npx hardhat compile` and run every task with SEASON_EVM=shanghai",
    );
  });

  it("passes when the chain lacks only features the build does not use", () => {
    const r = evmCheck({
      needed: [{ feature: PUSH0, contracts: ["A"] }],
      missing: [MCOPY],
      build: "shanghai",
    });
    expect(r.failure).toBeUndefined();
  });

  it("asks for paris when PUSH0 is missing", () => {
    const r = evmCheck({
      needed: [{ feature: PUSH0, contracts: ["A"] }],
      missing: [PUSH0, MCOPY],
      build: "cancun",
    });
    expect(r.failure).toMatch(/compile for paris with `SEASON_EVM=paris npx hardhat compile`/);
  });
});

describe("guardianChecks", () => {
  const base = { chainId: 59902n, operator: OPERATOR, timelock: 86_400, allowNoGuardian: false };

  it("passes an auditor guardian and a day's timelock on a real chain", () => {
    expect(guardianChecks({ ...base, guardian: AUDITOR }).filter((r) => r.failure)).toEqual([]);
  });

  it("fails no guardian, the operator as guardian, and a short timelock, each in one line", () => {
    expect(guardianChecks(base)[0].failure).toMatch(/^no guardian is set .*--allow-no-guardian/);
    expect(
      guardianChecks({ ...base, guardian: OPERATOR.toUpperCase().replace("0X", "0x") })[0].failure,
    ).toMatch(/is the operator/);
    const short = guardianChecks({ ...base, guardian: AUDITOR, timelock: MIN_LIVE_TIMELOCK - 1 });
    expect(short[1].failure).toMatch(/timelock is 3599 s/);
  });

  it("lets --allow-no-guardian turn the failures into warnings", () => {
    const rows = guardianChecks({ ...base, timelock: 0, allowNoGuardian: true });
    expect(rows.map((r) => r.failure)).toEqual([undefined, undefined]);
    expect(rows.map((r) => Boolean(r.warning))).toEqual([true, true]);
  });

  it("asks nothing of a development chain (31337, 1337)", () => {
    for (const chainId of [31337n, 1337n])
      expect(guardianChecks({ ...base, chainId, timelock: 0 }).filter((r) => r.failure)).toEqual(
        [],
      );
  });
});
