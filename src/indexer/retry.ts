/**
 * Retrying a flaky call (an RPC request) with exponential backoff, then failing with context. A
 * rate limit (HTTP 429) waits as long as the node asks (Retry-After) and has its own, larger
 * budget: a node that says "slow down" is not a node that fails.
 */
import { isRateLimitError, retryAfterMs } from "./provider-errors";

export interface RetryOptions {
  /** Total attempts, the first included (≥ 1). */
  attempts: number;
  /** Delay before the second attempt; doubles each time. */
  baseDelayMs: number;
  /** Upper bound of one delay. */
  maxDelayMs: number;
  /** Called before each wait, e.g. to print "retrying in 2 s". */
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
  /** Injected for tests; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Rate-limited attempts (HTTP 429 and the like) allowed besides `attempts` (default 20). Each
   * waits the node's Retry-After when it gave one (at most `MAX_RETRY_AFTER_MS`), else the backoff.
   */
  rateLimitAttempts?: number;
  /** Errors thrown at once, as they are, without a retry (e.g. a range the node will never accept). */
  stopOn?: (error: unknown) => boolean;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 5, baseDelayMs: 500, maxDelayMs: 8_000 };

/** Rate-limited attempts allowed by default, besides the ordinary ones. */
export const DEFAULT_RATE_LIMIT_ATTEMPTS = 20;

/** The longest Retry-After honoured as given (a longer one is cut to this). */
export const MAX_RETRY_AFTER_MS = 60_000;

/** The wait before attempt `attempt + 1` (attempt counts from 1). */
export function backoffDelay(
  attempt: number,
  options: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs">,
): number {
  return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
}

/** An error raised after every attempt failed; `cause` is the last failure. */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly what: string,
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(
      `${what} failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${describeError(cause)}`,
    );
    this.name = "RetriesExhaustedError";
  }
}

/** A short, one-line description of any thrown value. */
export function describeError(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return (text.split("\n")[0] ?? "").trim() || "unknown error";
}

/** Runs `fn` until it succeeds or `options.attempts` attempts have failed. */
export async function withRetry<T>(
  what: string,
  fn: () => Promise<T>,
  options: RetryOptions = DEFAULT_RETRY,
): Promise<T> {
  if (!Number.isInteger(options.attempts) || options.attempts < 1) {
    throw new Error(`retry attempts must be a positive integer, got ${options.attempts}`);
  }
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const rateLimitBudget = options.rateLimitAttempts ?? DEFAULT_RATE_LIMIT_ATTEMPTS;
  let failures = 0;
  let rateLimited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (options.stopOn?.(e)) throw e;
      let delay: number;
      if (isRateLimitError(e) && rateLimited < rateLimitBudget) {
        rateLimited += 1;
        const asked = retryAfterMs(e);
        delay =
          asked !== undefined
            ? Math.min(asked, MAX_RETRY_AFTER_MS)
            : backoffDelay(rateLimited, options);
      } else {
        failures += 1;
        if (failures >= options.attempts) throw new RetriesExhaustedError(what, attempt, e);
        delay = backoffDelay(failures, options);
      }
      options.onRetry?.(attempt, delay, e);
      await sleep(delay);
    }
  }
}
