import { describe, expect, it } from "vitest";
import { CONTROL_PROBE, EVM_FEATURES } from "./opcodes";
import { probeLogRange, probeMissingFeatures, relayRuleProblem } from "./probes";

describe("probeMissingFeatures", () => {
  it("lists the features whose probe the node refuses", async () => {
    const shanghai = new Set([CONTROL_PROBE, EVM_FEATURES[0].probe]);
    const missing = await probeMissingFeatures(async (data) => shanghai.has(data));
    expect(missing.map((f) => f.name)).toEqual(["MCOPY", "TLOAD/TSTORE"]);
  });

  it("refuses to conclude when even the control call fails", async () => {
    await expect(probeMissingFeatures(async () => false)).rejects.toThrow(/trivial eth_call/);
  });
});

describe("probeLogRange", () => {
  const node = (limit: number) => {
    const asked: number[] = [];
    return { asked, accepts: async (n: number) => (asked.push(n), n <= limit) };
  };

  it("finds a node's limit within an eighth, with few requests, never above it", async () => {
    for (const limit of [1, 7, 500, 1_000, 2_048, 3_000, 9_999]) {
      const { asked, accepts } = node(limit);
      const probe = await probeLogRange(accepts);
      expect(probe.blocks, `limit ${limit}`).toBeLessThanOrEqual(limit);
      expect(probe.blocks, `limit ${limit}`).toBeGreaterThanOrEqual(Math.floor((limit * 7) / 8));
      expect(probe.capped).toBe(false);
      expect(probe.requests).toBe(asked.length);
      expect(asked.length, `limit ${limit}`).toBeLessThanOrEqual(16);
    }
  });

  it("stops at the cap when the node accepts everything", async () => {
    const { asked, accepts } = node(Number.MAX_SAFE_INTEGER);
    expect(await probeLogRange(accepts, { cap: 10_000 })).toEqual({
      blocks: 10_000,
      capped: true,
      requests: asked.length,
    });
    expect(Math.max(...asked)).toBe(10_000);
  });

  it("refuses a node that accepts no range at all", async () => {
    await expect(probeLogRange(async () => false)).rejects.toThrow(/single block/);
  });
});

describe("relayRuleProblem", () => {
  const topic = `0x${"ab".repeat(32)}`;
  const base = {
    index: 0,
    address: "0x00000000000000000000000000000000000000aa",
    event: "Swap(…)",
    topic,
  };

  it("names a rule whose contract has no code", () => {
    expect(relayRuleProblem({ ...base, code: "0x" })).toMatch(/relay rule 0: .* has no code/);
  });

  it("names a rule whose contract never pushes the event's topic", () => {
    expect(relayRuleProblem({ ...base, code: "0x6000" })).toMatch(/never emits Swap/);
  });

  it("accepts the topic in the code, or in an EIP-1967 proxy's implementation", () => {
    expect(relayRuleProblem({ ...base, code: `0x7f${"AB".repeat(32)}` })).toBeUndefined();
    expect(
      relayRuleProblem({ ...base, code: "0x6000", implementationCode: `0x7f${"ab".repeat(32)}` }),
    ).toBeUndefined();
  });
});
