/**
 * What a node's refusal means for a reader of logs: a range too large (or too many results) to
 * answer, which a smaller range fixes; a rate limit (HTTP 429 and its JSON-RPC cousins), which
 * waiting fixes; or anything else (a dropped connection, a timeout, a node error), which a retry
 * with backoff may fix. One small pure matcher over the messages public providers actually send.
 */

export type ProviderErrorKind = "range" | "rate-limit" | "other";

/**
 * Messages by which providers refuse an `eth_getLogs` range as too wide or its answer as too
 * large (geth, Erigon, Nethermind, Infura, Alchemy, QuickNode, Ankr, BlastAPI, dRPC, Metis'
 * public nodes and others): a smaller range succeeds.
 */
const RANGE_PATTERNS: readonly RegExp[] = [
  /block range/i, // "block range too large", "exceed maximum block range: 5000", "block range is too wide"
  /range (is )?too (large|wide|big)/i,
  /query returned more than \d+ results/i,
  /log response size exceeded/i,
  /response (size|is too (big|large))/i, // "response size should not greater than 10000000"
  /limit exceeded/i,
  /too many (results|logs|blocks)/i,
  /requested too many blocks/i, // "requested too many blocks from 0 to 20000, maximum is set to 2048"
  /exceeds? max(imum)? (results|block range|range)/i, // "query exceeds max results 10000"
  /limited to a [\d,]+\s*(block)?s? range/i, // QuickNode: "eth_getLogs is limited to a 10,000 range"
  /max(imum)? (is|range|results)/i,
  /query timeout exceeded|context deadline exceeded|statement timeout/i,
];

/** Messages of a rate limit (whatever the HTTP status they came with). */
const RATE_PATTERNS: readonly RegExp[] = [
  /too many requests/i,
  /rate[- ]?limit/i,
  /request rate exceeded/i,
  /exceeded .*(rate|requests per second|compute units|capacity)/i,
];

/** The JSON-RPC code Infura, Alchemy and others give both "limit exceeded" kinds. */
const LIMIT_EXCEEDED_CODE = -32005;

/** The codes, statuses and messages found on an error and the errors it wraps. */
interface Facts {
  codes: number[];
  statuses: number[];
  messages: string[];
}

function collect(e: unknown, facts: Facts, depth: number): void {
  if (depth > 4 || e === null || e === undefined) return;
  if (typeof e === "string") {
    facts.messages.push(e);
    return;
  }
  if (typeof e !== "object") return;
  const o = e as Record<string, unknown>;
  if (typeof o.message === "string") facts.messages.push(o.message);
  if (typeof o.shortMessage === "string") facts.messages.push(o.shortMessage);
  if (typeof o.body === "string") facts.messages.push(o.body);
  if (typeof o.code === "number") facts.codes.push(o.code);
  for (const key of ["status", "statusCode", "httpStatus"]) {
    if (typeof o[key] === "number") facts.statuses.push(o[key] as number);
  }
  for (const key of ["error", "cause", "info", "data", "rpcError"])
    collect(o[key], facts, depth + 1);
}

/** Facts of `e`: its codes, HTTP statuses and messages, its wrapped errors' included. */
function factsOf(e: unknown): Facts {
  const facts: Facts = { codes: [], statuses: [], messages: [] };
  collect(e, facts, 0);
  return facts;
}

/**
 * What a failed read means: "range" (split the block range), "rate-limit" (wait, honouring
 * Retry-After) or "other" (retry with backoff).
 */
export function classifyProviderError(e: unknown): ProviderErrorKind {
  const { codes, statuses, messages } = factsOf(e);
  const text = messages.join("\n");
  if (statuses.includes(429) || codes.includes(429)) return "rate-limit";
  if (RATE_PATTERNS.some((p) => p.test(text))) return "rate-limit";
  if (RANGE_PATTERNS.some((p) => p.test(text))) return "range";
  if (codes.includes(LIMIT_EXCEEDED_CODE)) return "range";
  return "other";
}

/** True when a smaller block range would be accepted. */
export function isRangeLimitError(e: unknown): boolean {
  return classifyProviderError(e) === "range";
}

/** True when the node asks us to slow down. */
export function isRateLimitError(e: unknown): boolean {
  return classifyProviderError(e) === "rate-limit";
}

/**
 * How long the node asked us to wait, in milliseconds, when it said: an error's `retryAfterMs`
 * (the JSON-RPC client sets it from the Retry-After header) or Infura's `backoff_seconds`.
 */
export function retryAfterMs(e: unknown, depth = 0): number | undefined {
  if (depth > 4 || e === null || typeof e !== "object") return undefined;
  const o = e as Record<string, unknown>;
  if (typeof o.retryAfterMs === "number" && Number.isFinite(o.retryAfterMs) && o.retryAfterMs >= 0)
    return o.retryAfterMs;
  if (typeof o.backoff_seconds === "number" && o.backoff_seconds >= 0)
    return o.backoff_seconds * 1000;
  for (const key of ["error", "cause", "info", "data"]) {
    const found = retryAfterMs(o[key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * A Retry-After header in milliseconds: delta-seconds ("3") or an HTTP date, relative to `now`;
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
