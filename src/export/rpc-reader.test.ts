import { describe, expect, it } from "vitest";
import type { JsonRpcCall, RpcTransport } from "../indexer/json-rpc";
import { logTimes } from "./export-season";
import { parseRawLog, rpcChainReader } from "./rpc-reader";

const RAW = {
  address: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
  topics: ["0x01"],
  data: "0x",
  blockNumber: "0x1f",
  blockTimestamp: "0x6b15ef9b",
  transactionHash: `0x${"ab".repeat(32)}`,
  logIndex: "0x2",
};

/** A node whose block b has timestamp 1000 + b; records every request (a batch is one). */
function fakeNode(options: { batches?: boolean; logs?: unknown[] } = {}) {
  const requests: string[] = [];
  const answer = (c: JsonRpcCall): unknown => {
    if (c.method === "eth_getBlockByNumber") {
      const b = Number.parseInt(String(c.params[0]), 16);
      return b > 1_000 ? null : { timestamp: `0x${(1_000 + b).toString(16)}` };
    }
    if (c.method === "eth_getLogs") return options.logs ?? [];
    if (c.method === "eth_blockNumber") return "0x2a";
    throw new Error(`unexpected ${c.method}`);
  };
  const transport: RpcTransport = {
    call: async (method, params) => {
      requests.push(method);
      return answer({ method, params });
    },
    batch: async (calls) => {
      requests.push(`batch of ${calls.length}`);
      if (options.batches === false) {
        throw new Error("a batch of 2 eth_getBlockByNumber: batch requests are not supported");
      }
      return calls.map(answer);
    },
  };
  return { transport, requests };
}

describe("parseRawLog", () => {
  it("reads the node's hex quantities, blockTimestamp included when asked", () => {
    expect(parseRawLog(RAW)).toEqual({
      address: RAW.address,
      topics: RAW.topics,
      data: "0x",
      blockNumber: 31,
      transactionHash: RAW.transactionHash,
      index: 2,
      blockTimestamp: 0x6b15ef9b,
    });
    expect(parseRawLog(RAW, false).blockTimestamp).toBeUndefined();
  });

  it("names what the node got wrong", () => {
    expect(() => parseRawLog({ ...RAW, logIndex: 2 })).toThrow(
      "the node gave a log's logIndex 2, not a hex quantity",
    );
    expect(() => parseRawLog({ ...RAW, transactionHash: null })).toThrow(
      /without its transactionHash/,
    );
    expect(() => parseRawLog({ topics: [] })).toThrow(/malformed log/);
  });
});

describe("rpcChainReader", () => {
  it("asks for 250 blocks' headers in 3 batched requests, and for none twice", async () => {
    const node = fakeNode();
    const reader = rpcChainReader(node.transport, { headerBatch: 100 });
    const blocks = Array.from({ length: 250 }, (_, i) => i + 1);
    const times = await reader.getBlockTimestamps([...blocks, ...blocks]);
    expect(times.size).toBe(250);
    expect(times.get(250)).toBe(1_250);
    expect(node.requests).toEqual(["batch of 100", "batch of 100", "batch of 50"]);
  });

  it("falls back to single calls on a node that refuses batches, and remembers it", async () => {
    const node = fakeNode({ batches: false });
    const reader = rpcChainReader(node.transport, { headerBatch: 2, headerConcurrency: 1 });
    expect([...(await reader.getBlockTimestamps([1, 2, 3, 4]))]).toEqual([
      [1, 1_001],
      [2, 1_002],
      [3, 1_003],
      [4, 1_004],
    ]);
    expect(node.requests.filter((r) => r.startsWith("batch"))).toHaveLength(1);
    await reader.getBlockTimestamps([5, 6]);
    expect(node.requests.filter((r) => r.startsWith("batch"))).toHaveLength(1);
  });

  it("names a block the node does not have", async () => {
    const reader = rpcChainReader(fakeNode().transport);
    await expect(reader.getBlockTimestamps([5, 5_000])).rejects.toThrow(
      "the node has no block 5000",
    );
  });

  it("reads logs and the head", async () => {
    const reader = rpcChainReader(fakeNode({ logs: [RAW] }).transport);
    const logs = await reader.getLogs({ address: [], topics: [], fromBlock: 1, toBlock: 40 });
    expect(logs.map((l) => l.blockNumber)).toEqual([31]);
    expect(await reader.getBlockNumber()).toBe(42);
  });
});

describe("logTimes", () => {
  it("takes the logs' timestamps and asks only for the blocks without one", async () => {
    const node = fakeNode();
    const reader = rpcChainReader(node.transport);
    const logs = [
      parseRawLog(RAW),
      parseRawLog({ ...RAW, blockNumber: "0x20", blockTimestamp: undefined }),
      parseRawLog({ ...RAW, blockNumber: "0x21", blockTimestamp: undefined }),
    ];
    const times = await logTimes(reader, logs);
    expect([...times].sort(([a], [b]) => a - b)).toEqual([
      [31, 0x6b15ef9b],
      [32, 1_032],
      [33, 1_033],
    ]);
    expect(node.requests).toEqual(["batch of 2"]);
    node.requests.length = 0;
    await logTimes(reader, [parseRawLog(RAW)]);
    expect(node.requests).toEqual([]);
  });
});
