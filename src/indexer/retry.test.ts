import { describe, expect, it } from "vitest";
import { backoffDelay, MAX_RETRY_AFTER_MS, RetriesExhaustedError, withRetry } from "./retry";

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
        throw new Error("ECONNRESET: socket hang up\n  at stack");
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
      "eth_getLogs 1..10 failed after 3 attempts: ECONNRESET: socket hang up",
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

  it("waits what a rate limit's Retry-After asks, on a budget of its own", async () => {
    const waits: number[] = [];
    const answers: (Error | number)[] = [
      Object.assign(new Error("HTTP 429 Too Many Requests"), { status: 429, retryAfterMs: 3_000 }),
      Object.assign(new Error("HTTP 429"), { status: 429, retryAfterMs: 3_600_000 }),
      Object.assign(new Error("HTTP 429"), { status: 429 }),
      new Error("ECONNRESET"),
      Object.assign(new Error("project ID request rate exceeded"), {
        code: -32005,
        data: { backoff_seconds: 2 },
      }),
      7,
    ];
    const value = await withRetry(
      "eth_getLogs 1..10",
      async () => {
        const next = answers.shift()!;
        if (next instanceof Error) throw next;
        return next;
      },
      {
        attempts: 2,
        baseDelayMs: 100,
        maxDelayMs: 1_000,
        sleep: async (ms) => void waits.push(ms),
      },
    );
    // Four rate limits and one failure, with two ordinary attempts: the limits did not count.
    expect(value).toBe(7);
    expect(waits).toEqual([3_000, MAX_RETRY_AFTER_MS, 400, 100, 2_000]);
  });

  it("gives up on rate limits once their budget is spent", async () => {
    let calls = 0;
    const failing = withRetry(
      "eth_getLogs 1..10",
      async () => {
        calls++;
        throw Object.assign(new Error("Too Many Requests"), { status: 429 });
      },
      { attempts: 2, baseDelayMs: 1, maxDelayMs: 1, rateLimitAttempts: 3, sleep: async () => {} },
    );
    await expect(failing).rejects.toThrow(
      "eth_getLogs 1..10 failed after 5 attempts: Too Many Requests",
    );
    expect(calls).toBe(5);
  });

  it("throws an error picked by stopOn at once, as it is", async () => {
    let calls = 0;
    const refusal = new Error("query returned more than 10000 results");
    await expect(
      withRetry(
        "eth_getLogs 1..10",
        async () => {
          calls++;
          throw refusal;
        },
        { attempts: 5, baseDelayMs: 1, maxDelayMs: 1, stopOn: (e) => e === refusal },
      ),
    ).rejects.toBe(refusal);
    expect(calls).toBe(1);
  });
});
