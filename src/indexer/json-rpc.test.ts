import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  eip1193Transport,
  httpTransport,
  HttpStatusError,
  JsonRpcError,
  TransportError,
} from "./json-rpc";
import { classifyProviderError } from "./provider-errors";

type Handler = (body: unknown, req: http.IncomingMessage, res: http.ServerResponse) => void;
const servers: http.Server[] = [];

/** A node on 127.0.0.1 answering with `handler`; counts its HTTP requests. */
async function node(handler: Handler): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests++;
      handler(JSON.parse(Buffer.concat(chunks).toString()), req, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
  };
}

const json = (res: http.ServerResponse, value: unknown, status = 200) =>
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

describe("httpTransport", () => {
  it("makes a call and a batch, the batch in one request, its answers matched by id", async () => {
    const n = await node((body, _req, res) => {
      if (Array.isArray(body)) {
        const answers = body.map((c: { id: number; params: string[] }) => ({
          jsonrpc: "2.0",
          id: c.id,
          result: `block ${c.params[0]}`,
        }));
        json(res, answers.reverse()); // out of order, as batches may be
      } else json(res, { jsonrpc: "2.0", id: (body as { id: number }).id, result: "0x10" });
    });
    const t = httpTransport({ url: n.url });
    expect(await t.call("eth_blockNumber", [])).toBe("0x10");
    const calls = ["0x1", "0x2", "0x3"].map((b) => ({
      method: "eth_getBlockByNumber",
      params: [b, false],
    }));
    expect(await t.batch(calls)).toEqual(["block 0x1", "block 0x2", "block 0x3"]);
    expect(n.requests()).toBe(2);
  });

  it("keeps the node's JSON-RPC error code and words, in a call and inside a batch", async () => {
    const error = { code: -32005, message: "query returned more than 10000 results" };
    const n = await node((body, _req, res) => {
      if (Array.isArray(body))
        json(
          res,
          body.map((c: { id: number }) => ({ id: c.id, error })),
        );
      else json(res, { id: (body as { id: number }).id, error });
    });
    const t = httpTransport({ url: n.url });
    const e = await t.call("eth_getLogs", [{}]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(JsonRpcError);
    expect(e).toMatchObject({ code: -32005, method: "eth_getLogs" });
    expect(classifyProviderError(e)).toBe("range");
    await expect(t.batch([{ method: "eth_getLogs", params: [] }])).rejects.toThrow(
      "query returned more than 10000 results",
    );
  });

  it("turns a 429 into a rate limit carrying Retry-After, and a 503 into an HTTP error", async () => {
    let status = 429;
    const n = await node((_body, _req, res) => {
      res
        .writeHead(status, { "retry-after": "2" })
        .end(status === 429 ? "Too Many Requests" : "Service Unavailable");
    });
    const t = httpTransport({ url: n.url });
    const limited = await t.call("eth_getLogs", []).catch((x: unknown) => x);
    expect(limited).toBeInstanceOf(HttpStatusError);
    expect(limited).toMatchObject({ status: 429, retryAfterMs: 2000 });
    expect(classifyProviderError(limited)).toBe("rate-limit");
    status = 503;
    const down = await t.call("eth_getLogs", []).catch((x: unknown) => x);
    expect(String(down)).toContain("eth_getLogs: HTTP 503 (Service Unavailable)");
    expect(classifyProviderError(down)).toBe("other");
  });

  it("names a dropped connection and a timeout without the URL", async () => {
    const dropping = await node((_body, req) => req.socket.destroy());
    const e = await httpTransport({ url: `${dropping.url}/secret-key` })
      .call("eth_getLogs", [])
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TransportError);
    expect(String(e)).toMatch(/^TransportError: eth_getLogs: connection failed \(/);
    expect(String(e)).not.toContain("secret-key");
    const silent = await node(() => undefined);
    await expect(
      httpTransport({ url: silent.url, timeoutMs: 200 }).call("eth_chainId", []),
    ).rejects.toThrow("eth_chainId: no answer within 0.2 s");
  });

  it("reports a node that refuses batches as one error", async () => {
    const n = await node((_body, _req, res) =>
      json(res, { id: null, error: { code: -32600, message: "batch requests are not supported" } }),
    );
    await expect(
      httpTransport({ url: n.url }).batch([{ method: "eth_chainId", params: [] }]),
    ).rejects.toThrow(/batch requests are not supported/);
  });
});

describe("eip1193Transport", () => {
  it("calls the provider once per call of a batch, in order", async () => {
    const seen: string[] = [];
    const t = eip1193Transport({
      request: async ({ method, params }) => {
        seen.push(`${method}(${JSON.stringify(params)})`);
        return method;
      },
    });
    expect(
      await t.batch([
        { method: "a", params: [1] },
        { method: "b", params: [] },
      ]),
    ).toEqual(["a", "b"]);
    expect(seen).toEqual(["a([1])", "b([])"]);
  });
});
