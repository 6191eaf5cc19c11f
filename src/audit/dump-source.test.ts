import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUrl, readDump } from "./dump-source";

const BYTES = Buffer.from('{"format":"standard-v1"}\n');
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/tree.json") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(BYTES);
    } else if (req.url === "/moved") {
      res.writeHead(302, { location: "/tree.json" });
      res.end();
    } else if (req.url === "/slow") {
      setTimeout(() => res.end(BYTES), 2_000);
    } else {
      res.writeHead(404, "Not Found");
      res.end("no");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("isUrl", () => {
  it("tells URLs from paths", () => {
    expect(isUrl("https://example.org/tree.json")).toBe(true);
    expect(isUrl("http://127.0.0.1:8000/x")).toBe(true);
    expect(isUrl("epochs/localhost/epoch-1/tree.json")).toBe(false);
    expect(isUrl("/abs/c:/tree.json")).toBe(false);
  });
});

describe("readDump", () => {
  it("reads a file's bytes exactly", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dump-")), "tree.json");
    fs.writeFileSync(file, BYTES);
    const dump = await readDump(file);
    expect(dump.kind).toBe("file");
    expect(dump.bytes.equals(BYTES)).toBe(true);
  });

  it("names a missing file", async () => {
    await expect(readDump("/nonexistent/tree.json")).rejects.toThrow(
      "dump /nonexistent/tree.json: cannot read (ENOENT)",
    );
  });

  it("downloads over http, following a redirect", async () => {
    for (const p of ["/tree.json", "/moved"]) {
      const dump = await readDump(`${base}${p}`);
      expect(dump.kind).toBe("url");
      expect(dump.bytes.equals(BYTES)).toBe(true);
    }
  });

  it("names an HTTP error, a refused connection, a timeout, an unsupported scheme and a dump too large", async () => {
    await expect(readDump(`${base}/missing`)).rejects.toThrow(
      `dump ${base}/missing: the server answered HTTP 404 Not Found`,
    );
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(readDump(`http://127.0.0.1:${port}/tree.json`)).rejects.toThrow(
      /download failed: fetch failed \(ECONNREFUSED\)/,
    );
    await expect(readDump(`${base}/slow`, { timeoutMs: 50 })).rejects.toThrow(
      /download failed: .*abort|timeout/i,
    );
    await expect(readDump("ftp://example.org/tree.json")).rejects.toThrow(
      "only http(s) URLs and file paths are supported",
    );
    await expect(readDump(`${base}/tree.json`, { maxBytes: 3 })).rejects.toThrow(
      `${BYTES.length} bytes is more than the 3 allowed`,
    );
  });
});
