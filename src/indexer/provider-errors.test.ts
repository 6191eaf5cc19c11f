import { describe, expect, it } from "vitest";
import {
  classifyProviderError,
  isRangeLimitError,
  isRateLimitError,
  parseRetryAfter,
  retryAfterMs,
} from "./provider-errors";

/** An error as the JSON-RPC client raises it: message, code, and the node's data. */
const rpc = (code: number, message: string, data?: unknown) =>
  Object.assign(new Error(message), { code, data });

describe("classifyProviderError", () => {
  it("knows the providers' range and result-count refusals", () => {
    const refusals = [
      rpc(-32000, "block range too large"),
      rpc(-32005, "query returned more than 10000 results"),
      rpc(-32000, "exceed maximum block range: 5000"),
      rpc(
        -32602,
        "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range",
      ),
      rpc(-32005, "limit exceeded"),
      rpc(-32600, "eth_getLogs is limited to a 10,000 range"),
      rpc(-32000, "requested too many blocks from 0 to 20000, maximum is set to 2048"),
      rpc(-32000, "query exceeds max results 10000, retry with the range 1..99"),
      rpc(-32062, "Block range is too wide"),
      rpc(-32000, "response size should not greater than 10000000 bytes"),
      rpc(-32005, "something new the provider says"), // -32005 alone: "limit exceeded"
      rpc(-32000, "query timeout exceeded"),
    ];
    for (const e of refusals) expect(classifyProviderError(e), e.message).toBe("range");
  });

  it("finds the refusal inside wrapped errors (ethers' info.error, Hardhat's cause)", () => {
    const ethersLike = Object.assign(new Error("could not coalesce error"), {
      code: "UNKNOWN_ERROR",
      info: { error: { code: -32000, message: "block range too large" } },
    });
    const wrapped = new Error("reading blocks 1..5000", { cause: ethersLike });
    expect(isRangeLimitError(wrapped)).toBe(true);
  });

  it("tells a rate limit from a range refusal, -32005 included", () => {
    expect(classifyProviderError(Object.assign(new Error("HTTP 429"), { status: 429 }))).toBe(
      "rate-limit",
    );
    expect(classifyProviderError(rpc(-32005, "project ID request rate exceeded"))).toBe(
      "rate-limit",
    );
    expect(classifyProviderError(rpc(-32016, "Too Many Requests"))).toBe("rate-limit");
    expect(
      isRateLimitError(rpc(-32000, "Your app has exceeded its compute units per second capacity")),
    ).toBe(true);
    // A block number 429 in a range message is not a rate limit.
    expect(classifyProviderError(rpc(-32000, "exceed maximum block range: 429"))).toBe("range");
  });

  it("leaves everything else to the ordinary retry", () => {
    for (const e of [
      new Error("ECONNRESET: socket hang up"),
      new Error("fetch failed"),
      rpc(-32000, "header not found"),
      rpc(-32603, "internal error"),
      "a string",
      undefined,
      null,
    ]) {
      expect(classifyProviderError(e)).toBe("other");
    }
  });
});

describe("retryAfterMs and parseRetryAfter", () => {
  it("reads the client's retryAfterMs, or Infura's backoff_seconds, through wrappers", () => {
    expect(retryAfterMs(Object.assign(new Error("429"), { retryAfterMs: 1500 }))).toBe(1500);
    expect(
      retryAfterMs(new Error("x", { cause: rpc(-32005, "rate", { backoff_seconds: 3 }) })),
    ).toBe(3000);
    expect(retryAfterMs(new Error("no hint"))).toBeUndefined();
  });

  it("parses seconds and HTTP dates, and ignores the unreadable", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("0.5", now)).toBe(500);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
