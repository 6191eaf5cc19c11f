/**
 * A small JSON-RPC client for reading a node over HTTP: single calls and JSON-RPC batches (one
 * HTTP request for many calls), a timeout per request, and errors that keep what the node said
 * (the JSON-RPC code, the HTTP status, Retry-After) so that provider-errors.ts can tell a range
 * refusal from a rate limit from a dropped connection. Messages never contain the URL (a
 * provider's URL often holds its API key). Node 20's fetch keeps connections alive.
 */
import { parseRetryAfter } from "./provider-errors";

export interface JsonRpcCall {
  method: string;
  params: readonly unknown[];
}

/** How a reader reaches a node. */
export interface RpcTransport {
  call(method: string, params: readonly unknown[]): Promise<unknown>;
  /** The results of `calls`, in order; any call's error fails the batch. */
  batch(calls: readonly JsonRpcCall[]): Promise<unknown[]>;
}

/** An error answer of the node: its message as it is, with its JSON-RPC code and data. */
export class JsonRpcError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly rpcMessage: string,
    readonly data?: unknown,
    readonly status?: number,
  ) {
    super(rpcMessage);
    this.name = "JsonRpcError";
  }
}

/** An HTTP answer that is not a JSON-RPC answer (429, 502, 503 …). */
export class HttpStatusError extends Error {
  constructor(
    readonly method: string,
    readonly status: number,
    readonly body: string,
    /** From the Retry-After header, when the node sent one. */
    readonly retryAfterMs?: number,
  ) {
    const said = body.trim().replace(/\s+/g, " ").slice(0, 160);
    super(`${method}: HTTP ${status}${said ? ` (${said})` : ""}`);
    this.name = "HttpStatusError";
  }
}

/** No answer at all: a dropped connection, a refused one, or a timeout. */
export class TransportError extends Error {
  constructor(
    readonly method: string,
    message: string,
  ) {
    super(`${method}: ${message}`);
    this.name = "TransportError";
  }
}

export interface HttpTransportOptions {
  url: string;
  /** Extra HTTP headers (e.g. an API key header). */
  headers?: Readonly<Record<string, string>>;
  /** Milliseconds before a request is abandoned (default 60,000). */
  timeoutMs?: number;
}

interface Answer {
  id?: unknown;
  result?: unknown;
  error?: { code?: unknown; message?: unknown; data?: unknown };
}

function errorOf(method: string, answer: Answer, status?: number): JsonRpcError {
  const e = answer.error ?? {};
  return new JsonRpcError(
    method,
    typeof e.code === "number" ? e.code : 0,
    typeof e.message === "string" ? e.message : JSON.stringify(e),
    e.data,
    status,
  );
}

/** Why fetch failed, in a few words: "ECONNRESET: socket hang up", "timed out after 60 s". */
function transportReason(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError")
    return `no answer within ${timeoutMs / 1000} s`;
  const cause = err?.cause;
  if (cause && (cause.code || cause.message))
    return `connection failed (${[cause.code, cause.message].filter(Boolean).join(": ")})`;
  return `connection failed (${err?.message ?? String(e)})`;
}

/** A transport over HTTP POST. */
export function httpTransport(options: HttpTransportOptions): RpcTransport {
  const timeoutMs = options.timeoutMs ?? 60_000;
  let nextId = 1;

  async function post(what: string, body: unknown): Promise<{ status: number; parsed: unknown }> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(options.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...options.headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (e) {
      throw new TransportError(what, transportReason(e, timeoutMs));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const answers = Array.isArray(parsed) ? parsed : [parsed];
    const isJsonRpc = parsed !== undefined && answers.every((a) => a && typeof a === "object");
    if (!response.ok || !isJsonRpc) {
      // Some nodes answer a JSON-RPC error with an HTTP error status: keep the node's words.
      const single = parsed as Answer | undefined;
      if (!Array.isArray(parsed) && single?.error && response.status !== 429) {
        throw errorOf(what, single, response.status);
      }
      throw new HttpStatusError(
        what,
        response.status,
        text,
        parseRetryAfter(response.headers.get("retry-after")),
      );
    }
    return { status: response.status, parsed };
  }

  return {
    async call(method, params) {
      const { status, parsed } = await post(method, {
        jsonrpc: "2.0",
        id: nextId++,
        method,
        params,
      });
      const answer = (Array.isArray(parsed) ? parsed[0] : parsed) as Answer;
      if (answer.error) throw errorOf(method, answer, status);
      if (!("result" in answer)) throw new JsonRpcError(method, 0, "an answer with no result");
      return answer.result;
    },

    async batch(calls) {
      if (calls.length === 0) return [];
      const first = nextId;
      nextId += calls.length;
      const what = `a batch of ${calls.length} ${calls[0].method}`;
      const { status, parsed } = await post(
        what,
        calls.map((c, i) => ({
          jsonrpc: "2.0",
          id: first + i,
          method: c.method,
          params: c.params,
        })),
      );
      if (!Array.isArray(parsed)) {
        // A node that does not take batches answers one error for the whole request.
        throw errorOf(what, parsed as Answer, status);
      }
      const byId = new Map<unknown, Answer>();
      for (const a of parsed as Answer[]) byId.set(a.id, a);
      return calls.map((c, i) => {
        const answer = byId.get(first + i);
        if (!answer) throw new JsonRpcError(c.method, 0, "the batch's answer lacks this call");
        if (answer.error) throw errorOf(c.method, answer, status);
        return answer.result;
      });
    },
  };
}

/** An EIP-1193 provider (`request({ method, params })`), e.g. Hardhat's in-process network. */
export interface Eip1193Like {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

/** A transport over an EIP-1193 provider; a batch is its calls one after the other. */
export function eip1193Transport(provider: Eip1193Like): RpcTransport {
  const call = (method: string, params: readonly unknown[]) =>
    provider.request({ method, params: [...params] });
  return {
    call,
    async batch(calls) {
      const out: unknown[] = [];
      for (const c of calls) out.push(await call(c.method, c.params));
      return out;
    },
  };
}
