import { describe, expect, it } from "vitest";
import { backoffDelay, RetriesExhaustedError, withRetry } from "./retry";

describe("withRetry", () => {
  it("returns the first success and waits with doubling delays before it", async () => {
    const waits: number[] = [];
    let calls = 0;
    const value = await withRetry(
      "eth_getLogs 1..10",
      async () => {
        calls++;
        if (calls < 3) throw new Error("ECONNRESET");
        return 42;
      },
      {
        attempts: 5,
        baseDelayMs: 100,
        maxDelayMs: 1_000,
        sleep: async (ms) => void waits.push(ms),
      },
    );
    expect(value).toBe(42);
    expect(calls).toBe(3);
    expect(waits).toEqual([100, 200]);
  });

  it("gives up after the last attempt with a one-line error naming the call and the cause", async () => {
    const seen: number[] = [];
    const failing = withRetry(
      "eth_getLogs 1..10",
      async () => {
        throw new Error("429 Too Many Requests\n  at stack");
      },
      {
        attempts: 3,
        baseDelayMs: 1,
        maxDelayMs: 1,
        sleep: async () => undefined,
        onRetry: (a) => void seen.push(a),
      },
    );
    await expect(failing).rejects.toThrow(RetriesExhaustedError);
    await expect(failing).rejects.toThrow(
      "eth_getLogs 1..10 failed after 3 attempts: 429 Too Many Requests",
    );
    expect(seen).toEqual([1, 2]);
  });

  it("caps the delay", () => {
    const o = { baseDelayMs: 500, maxDelayMs: 3_000 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, o))).toEqual([
      500, 1_000, 2_000, 3_000, 3_000,
    ]);
  });

  it("refuses a non-positive attempt count", async () => {
    await expect(
      withRetry("x", async () => 1, { attempts: 0, baseDelayMs: 1, maxDelayMs: 1 }),
    ).rejects.toThrow(/positive integer/);
  });
});
