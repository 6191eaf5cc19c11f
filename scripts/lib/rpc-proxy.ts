/**
 * A JSON-RPC proxy on 127.0.0.1 in front of a real node, for tests and benchmarks: it forwards
 * every HTTP request to the upstream node, counts requests (and the calls inside JSON-RPC batches)
 * by method, can add latency, and can inject faults chosen per request by a caller's rule: an HTTP
 * status (429, 503), a JSON-RPC error (for example a provider's "block range too large"), a dropped
 * connection, or a slow answer.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

/** One JSON-RPC call as the proxy saw it. */
export interface RpcCall {
  method: string;
  params: unknown[];
  id: unknown;
}

/** What the proxy does with a request instead of (or before) forwarding it. */
export type RpcFault =
  | { kind: "http"; status: number; body?: string; headers?: Record<string, string> }
  | { kind: "rpc-error"; code: number; message: string }
  | { kind: "drop" }
  | { kind: "delay"; ms: number };

export interface RpcProxyOptions {
  /** The node's URL, e.g. anvil's `http://127.0.0.1:<port>`. */
  upstream: string;
  /** Milliseconds added to every request before it is forwarded (default 0). */
  latencyMs?: number;
  /**
   * Called for every request with its calls (one, or a batch's) and the request's number (from 1);
   * returns the fault to inject, or undefined to forward it. `rpc-error` answers every call of the
   * request with that error.
   */
  fault?: (calls: RpcCall[], requestNumber: number) => RpcFault | undefined;
  /**
   * Rewrites the node's answer (its JSON text) before it is returned, e.g. to remove a field some
   * nodes do not send; the calls are the request's.
   */
  rewrite?: (answer: string, calls: RpcCall[]) => string;
}

export interface RpcProxyStats {
  /** HTTP requests received. */
  requests: number;
  /** JSON-RPC calls received (a batch counts each of its calls). */
  calls: number;
  /** Batches received. */
  batches: number;
  /** Calls by method. */
  byMethod: Record<string, number>;
  /** Faults injected, by kind. */
  faults: Record<string, number>;
}

export interface RpcProxy {
  url: string;
  port: number;
  stats: () => RpcProxyStats;
  /** Zeroes the counters. */
  reset: () => void;
  /** Changes the latency added to every request from now on. */
  setLatency: (ms: number) => void;
  close: () => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function callsOf(body: unknown): RpcCall[] {
  const items = Array.isArray(body) ? body : [body];
  return items.map((item) => {
    const call = (item ?? {}) as Partial<RpcCall>;
    return {
      method: String(call.method ?? ""),
      params: Array.isArray(call.params) ? call.params : [],
      id: call.id ?? null,
    };
  });
}

function emptyStats(): RpcProxyStats {
  return { requests: 0, calls: 0, batches: 0, byMethod: {}, faults: {} };
}

/** Starts the proxy on 127.0.0.1 and a free port. */
export async function startRpcProxy(options: RpcProxyOptions): Promise<RpcProxy> {
  let stats = emptyStats();
  let latencyMs = options.latencyMs ?? 0;
  const sockets = new Set<import("node:net").Socket>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          res.writeHead(400).end("not JSON");
          return;
        }
        const calls = callsOf(parsed);
        stats.requests += 1;
        stats.calls += calls.length;
        if (Array.isArray(parsed)) stats.batches += 1;
        for (const call of calls)
          stats.byMethod[call.method] = (stats.byMethod[call.method] ?? 0) + 1;

        if (latencyMs) await sleep(latencyMs);
        const fault = options.fault?.(calls, stats.requests);
        if (fault) stats.faults[fault.kind] = (stats.faults[fault.kind] ?? 0) + 1;
        if (fault?.kind === "drop") {
          req.socket.destroy();
          return;
        }
        if (fault?.kind === "http") {
          res
            .writeHead(fault.status, { "content-type": "text/plain", ...fault.headers })
            .end(fault.body ?? "");
          return;
        }
        if (fault?.kind === "rpc-error") {
          const answers = calls.map((call) => ({
            jsonrpc: "2.0",
            id: call.id,
            error: { code: fault.code, message: fault.message },
          }));
          const body = JSON.stringify(Array.isArray(parsed) ? answers : answers[0]);
          res.writeHead(200, { "content-type": "application/json" }).end(body);
          return;
        }
        if (fault?.kind === "delay") await sleep(fault.ms);
        try {
          const upstream = await fetch(options.upstream, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: text,
          });
          const raw = await upstream.text();
          const answer = options.rewrite ? options.rewrite(raw, calls) : raw;
          res.writeHead(upstream.status, { "content-type": "application/json" }).end(answer);
        } catch (e) {
          res.writeHead(502, { "content-type": "text/plain" }).end(`upstream: ${String(e)}`);
        }
      })();
    });
  });
  // Idle connections stay open for 120 s, as geth's HTTP server keeps them (Node's default is 5 s:
  // a client that reuses a connection after computing for longer meets "other side closed").
  server.keepAliveTimeout = 120_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => structuredClone(stats),
    reset: () => {
      stats = emptyStats();
    },
    setLatency: (ms: number) => {
      latencyMs = ms;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
