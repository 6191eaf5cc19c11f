import { describe, expect, it } from "vitest";
import { DEPLOYMENT, GasTally, operationOf, type OperationNames } from "./gas";

const TOKEN = "0x00000000000000000000000000000000000000aa";
const DISTRIBUTOR = "0x00000000000000000000000000000000000000Bb";
const names: OperationNames = {
  contracts: new Map([
    [TOKEN, "TestnetToken"],
    [DISTRIBUTOR.toLowerCase(), "RewardDistributor"],
  ]),
  selectors: new Map([
    ["TestnetToken", new Map([["0x095ea7b3", "approve"]])],
    ["RewardDistributor", new Map([["0x12345678", "claimMany"]])],
  ]),
};

describe("operationOf", () => {
  it("names a call Contract.function from the target and the selector (any address case)", () => {
    expect(operationOf({ to: TOKEN, data: "0x095ea7b3" + "00".repeat(64) }, names)).toBe(
      "TestnetToken.approve",
    );
    expect(
      operationOf({ to: DISTRIBUTOR.toUpperCase().replace("0X", "0x"), data: "0x12345678" }, names),
    ).toBe("RewardDistributor.claimMany");
  });

  it("names what it does not know as such", () => {
    expect(operationOf({ to: null, data: "0x6080" }, names)).toBe(DEPLOYMENT);
    expect(operationOf({ to: TOKEN, data: "0xdeadbeef" }, names)).toBe("TestnetToken.0xdeadbeef");
    expect(operationOf({ to: "0x" + "11".repeat(20), data: "0xdeadbeef00" }, names)).toBe(
      "(unknown 0xdeadbeef)",
    );
    expect(operationOf({ to: "0x" + "11".repeat(20), data: "0x" }, names)).toBe("(transfer)");
  });
});

describe("GasTally", () => {
  it("counts calls, totals, averages and extremes per operation", () => {
    const tally = new GasTally();
    tally.add("RewardDistributor.claim", 80_000n);
    tally.add("RewardDistributor.claim", 60_000n);
    tally.add("TieredMint.claim", 250_000n);
    const claim = tally.get("RewardDistributor.claim")!;
    expect(claim).toEqual({
      operation: "RewardDistributor.claim",
      calls: 2,
      totalGas: 140_000n,
      averageGas: 70_000,
      minGas: 60_000n,
      maxGas: 80_000n,
    });
    expect(tally.get("nothing")).toBeUndefined();
    expect(() => tally.add("x", -1n)).toThrow(/negative/);
  });

  it("lists participants' operations first, then operators', then the rest alphabetically", () => {
    const tally = new GasTally();
    for (const op of ["zeta", "RewardDistributor.claim", "alpha", "TieredMint.claim", DEPLOYMENT])
      tally.add(op, 1n);
    expect(tally.rows().map((r) => r.operation)).toEqual([
      "TieredMint.claim",
      "RewardDistributor.claim",
      DEPLOYMENT,
      "alpha",
      "zeta",
    ]);
    expect(tally.rows([DEPLOYMENT]).map((r) => r.operation)).not.toContain(DEPLOYMENT);
  });
});
