import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Interface, keccak256, toUtf8Bytes } from "ethers";
import { describe, expect, it } from "vitest";
import type { ChainLog } from "../export/decode-logs";
import { compileRelayRules, relayRuleSchema } from "../export/relay-rules";
import { unpackRecords } from "../points/batch";
import { relayRef } from "../points/ref";
import { NETSWAP_SWAP_EVENT } from "../season/season1-template";
import { runRelay, type RelayOptions } from "./run-relay";

const PAIR = "0x4000000000000000000000000000000000000004";
const rules = compileRelayRules(
  [
    relayRuleSchema.parse({
      contract: PAIR,
      event: NETSWAP_SWAP_EVENT,
      account: "to",
      action: "netswap.swap",
    }),
  ],
  () => undefined,
);
const pair = new Interface([`event ${NETSWAP_SWAP_EVENT}`]);
const account = (i: number) => `0x${(0xa0 + i).toString(16).padStart(40, "0")}`;

/** One swap per block 10..19, to account i. */
const LOGS: ChainLog[] = Array.from({ length: 10 }, (_, i) => {
  const { data, topics } = pair.encodeEventLog("Swap", [account(99), 1, 0, 0, 2, account(i)]);
  return {
    address: PAIR,
    data,
    topics,
    blockNumber: 10 + i,
    index: 0,
    transactionHash: keccak256(toUtf8Bytes(`swap ${i}`)),
  };
});

function chain(logs = LOGS) {
  const calls: [number, number][] = [];
  let failures = 0;
  return {
    calls,
    failNext: (n: number) => {
      failures = n;
    },
    reader: {
      getLogs: async (f: { fromBlock: number; toBlock: number }) => {
        calls.push([f.fromBlock, f.toBlock]);
        if (failures > 0) {
          failures--;
          throw new Error("ECONNRESET");
        }
        return logs.filter((l) => l.blockNumber >= f.fromBlock && l.blockNumber <= f.toBlock);
      },
    },
  };
}

function registry() {
  const sent: string[] = [];
  let failAt = -1;
  return {
    sent,
    failOn: (i: number) => {
      failAt = i;
    },
    sendBatch: async (packed: string) => {
      if (sent.length === failAt) {
        failAt = -1;
        throw new Error("NotReporterOfDApp(0x…, 2, 1)\nstack");
      }
      sent.push(packed);
      return { txHash: keccak256(toUtf8Bytes(packed)), gasUsed: 1000n };
    },
  };
}

function options(
  over: Partial<RelayOptions> & Pick<RelayOptions, "reader" | "sendBatch">,
): RelayOptions {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "relay-"));
  return {
    rules,
    chainId: 31337n,
    registry: "0x2000000000000000000000000000000000000002",
    actionIds: new Map([["netswap.swap", 2]]),
    startBlock: 5,
    head: 25,
    confirmations: 0,
    chunkSize: 4,
    batchSize: 3,
    logFile: path.join(dir, "relay.ndjson"),
    retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 10, sleep: async () => {} },
    ...over,
  };
}

const records = (packed: string[]) => packed.flatMap(unpackRecords);

describe("runRelay", () => {
  it("relays every matching event once, in packed batches, and logs each one", async () => {
    const c = chain();
    const r = registry();
    const o = options({ reader: c.reader, sendBatch: r.sendBatch });
    const result = await runRelay(o);
    expect(result.relayed).toEqual(new Map([["netswap.swap", 10]]));
    // chunks 5-8 (no swap), 9-12 (3), 13-16 (4), 17-20 (3), 21-24, 25: batches of ≤ 3 per chunk
    expect(r.sent.map((p) => unpackRecords(p).length)).toEqual([3, 3, 1, 3]);
    expect(records(r.sent)).toEqual(
      LOGS.map((l, i) => ({
        account: expect.stringMatching(new RegExp(account(i).slice(2), "i")),
        action: 2,
        ref: relayRef(31337n, l.transactionHash, 0),
      })),
    );
    const lines = fs
      .readFileSync(o.logFile, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.block)).toEqual(LOGS.map((l) => l.blockNumber));
    expect(lines[0].relayTx).toBe(result.batches[0].txHash);
    expect(result.batches.reduce((s, b) => s + b.records, 0)).toBe(10);
    expect({ next: result.nextBlock, stopped: result.stopped, lines: result.totalLines }).toEqual({
      next: 26,
      stopped: false,
      lines: 10,
    });
  });

  it("sends nothing when run again, and only new blocks when the chain grew", async () => {
    const r = registry();
    const o = options({ reader: chain().reader, sendBatch: r.sendBatch, head: 15 });
    await runRelay(o);
    expect(records(r.sent)).toHaveLength(6);
    const again = await runRelay(o);
    expect(again.batches).toEqual([]);
    expect(again.resumedFrom).toBe(16);
    const grown = await runRelay({ ...o, head: 30 });
    expect(records(r.sent)).toHaveLength(10);
    expect(grown.relayed.get("netswap.swap")).toBe(4);
    expect(fs.readFileSync(o.logFile, "utf8").trim().split("\n")).toHaveLength(10);
  });

  it("leaves the newest blocks to a later run (confirmations)", async () => {
    const c = chain();
    const r = registry();
    const result = await runRelay(
      options({ reader: c.reader, sendBatch: r.sendBatch, head: 19, confirmations: 4 }),
    );
    expect(result.targetBlock).toBe(15);
    expect(Math.max(...c.calls.map(([, to]) => to))).toBe(15);
    expect(records(r.sent)).toHaveLength(6);
  });

  it("retries a failing read with backoff, then names the range", async () => {
    const c = chain();
    const r = registry();
    const delays: number[] = [];
    const retry = {
      attempts: 3,
      baseDelayMs: 10,
      maxDelayMs: 15,
      sleep: async () => {},
      onRetry: (_: number, d: number) => delays.push(d),
    };
    c.failNext(2);
    await runRelay(options({ reader: c.reader, sendBatch: r.sendBatch, retry }));
    expect(delays).toEqual([10, 15]);
    expect(records(r.sent)).toHaveLength(10);
    const broken = chain();
    broken.failNext(99);
    await expect(
      runRelay(options({ reader: broken.reader, sendBatch: r.sendBatch, retry })),
    ).rejects.toThrow("reading blocks 5..8 failed after 3 attempts: ECONNRESET");
  });

  it("stops at a failed batch without retrying it, and resumes at its chunk (re-sending its first batch)", async () => {
    const r = registry();
    const o = options({ reader: chain().reader, sendBatch: r.sendBatch });
    r.failOn(2); // the second batch of blocks 13..16
    await expect(runRelay(o)).rejects.toThrow(
      "relaying blocks 13..16: batch 2 of 2 (1 record) failed: NotReporterOfDApp(0x…, 2, 1); run again to resume from block 13 (a record sent twice is counted once)",
    );
    expect(records(r.sent)).toHaveLength(6);
    expect(fs.readFileSync(o.logFile, "utf8").trim().split("\n")).toHaveLength(3);
    const resumed = await runRelay(o);
    expect(resumed.resumedFrom).toBe(13);
    const refs = records(r.sent).map((x) => x.ref);
    const all = LOGS.map((l) => relayRef(31337n, l.transactionHash, 0));
    // blocks 13..15 went twice to the registry: same refs, counted once by the engine
    expect(refs).toEqual([...all.slice(0, 6), ...all.slice(3)]);
    expect(fs.readFileSync(o.logFile, "utf8").trim().split("\n")).toHaveLength(10);
  });

  it("refuses a bad batch size, bad confirmations, no rule, and a checkpoint of another registry", async () => {
    const base = { reader: chain().reader, sendBatch: registry().sendBatch };
    await expect(runRelay(options({ ...base, batchSize: 0 }))).rejects.toThrow(
      "the batch size must be an integer from 1 to 1000, got 0",
    );
    await expect(runRelay(options({ ...base, batchSize: 1001 }))).rejects.toThrow(/from 1 to 1000/);
    await expect(runRelay(options({ ...base, confirmations: -1 }))).rejects.toThrow(
      /confirmations/,
    );
    await expect(runRelay(options({ ...base, rules: [] }))).rejects.toThrow(
      "there is no relay rule",
    );
    const o = options(base);
    await runRelay(o);
    await expect(
      runRelay({ ...o, registry: "0x3000000000000000000000000000000000000003" }),
    ).rejects.toThrow(/belongs to another export/);
  });

  it("halves a range the node refuses before sending anything of it, and relays each event once", async () => {
    const c = chain();
    const refusing = {
      getLogs: async (f: { fromBlock: number; toBlock: number }) => {
        if (f.toBlock - f.fromBlock + 1 > 2) {
          throw Object.assign(new Error("query returned more than 10000 results"), {
            code: -32005,
          });
        }
        return c.reader.getLogs(f);
      },
    };
    const r = registry();
    const splits: number[] = [];
    const result = await runRelay(
      options({
        reader: refusing,
        sendBatch: r.sendBatch,
        onSplit: (s) => void splits.push(s.blocks),
      }),
    );
    expect(splits[0]).toBe(2);
    expect(result.relayed).toEqual(new Map([["netswap.swap", 10]]));
    expect(records(r.sent).map((x) => x.ref)).toEqual(
      LOGS.map((l) => relayRef(31337n, l.transactionHash, 0)),
    );
  });

  it("never takes a failed send for a range refusal, whatever its message", async () => {
    const c = chain();
    let sends = 0;
    const failing = runRelay(
      options({
        reader: c.reader,
        sendBatch: async () => {
          sends++;
          throw new Error("gas limit exceeded");
        },
      }),
    );
    await expect(failing).rejects.toThrow(
      "relaying blocks 9..12: batch 1 of 1 (3 records) failed: gas limit exceeded; run again to resume from block 9",
    );
    expect(sends).toBe(1);
  });

  it("stops cleanly between chunks when asked (Ctrl-C)", async () => {
    const r = registry();
    let polls = 0;
    const o = options({
      reader: chain().reader,
      sendBatch: r.sendBatch,
      shouldStop: () => ++polls > 2,
    });
    const stopped = await runRelay(o);
    expect(stopped).toMatchObject({ stopped: true, nextBlock: 13 });
    const done = await runRelay({ ...o, shouldStop: undefined });
    expect(done.stopped).toBe(false);
    expect(records(r.sent)).toHaveLength(10);
  });
});
