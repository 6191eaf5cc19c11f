/** Retrying a flaky call (an RPC request) with exponential backoff, then failing with context. */

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
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 5, baseDelayMs: 500, maxDelayMs: 8_000 };

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
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= options.attempts) throw new RetriesExhaustedError(what, attempt, e);
      const delay = backoffDelay(attempt, options);
      options.onRetry?.(attempt, delay, e);
      await sleep(delay);
    }
  }
}
