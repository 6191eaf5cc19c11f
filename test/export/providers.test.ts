/**
 * The exporter against what public RPCs do, for real: anvil (an independent node) holds a season
 * with a few thousand recorded actions spread over ~1,200 blocks; `season:export` runs as an
 * operator runs it (a child `hardhat --network localhost` whose URL is a JSON-RPC proxy in front
 * of anvil). Through a proxy that refuses wide ranges with the providers' own messages, answers
 * 429 with Retry-After, drops connections and answers slowly, the events file is byte for byte
 * the fault-free one, also when the export is killed in the middle and resumed. The small
 * version of `npm run bench:export` checks the requests per 1,000 events (counts, not timings).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { season1SeasonFile } from "../../src/season/season1-template";
import { readCheckpoint } from "../../src/indexer/checkpoint";
import { httpTransport } from "../../src/indexer/json-rpc";
import { startAnvil, type AnvilNode } from "../../scripts/lib/anvil";
import {
  startRpcProxy,
  type RpcCall,
  type RpcFault,
  type RpcProxy,
} from "../../scripts/lib/rpc-proxy";
import { recordLoad, reporterFor } from "../../scripts/lib/season-load";
import { underCoverage } from "../helpers/coverage";
import { childEnv, killChildren, runHardhat, startHardhat, waitFor } from "../audit/node.helpers";

/** How providers refuse a range, as the proxy says it (code, message). */
const REFUSALS: [number, string][] = [
  [-32005, "query returned more than 10000 results"],
  [-32000, "block range too large"],
  [-32000, "exceed maximum block range: 300"],
  [
    -32602,
    "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range",
  ],
  [-32005, "limit exceeded"],
  [-32000, "requested too many blocks from 100 to 1100, maximum is set to 300"],
];

/** The exporter's reads: what the requests per 1,000 events count. */
const READS = new Set(["eth_getLogs", "eth_getBlockByNumber", "eth_blockNumber"]);
const isRead = (calls: RpcCall[]) => calls.some((c) => READS.has(c.method));

/** Removes `blockTimestamp` from eth_getLogs answers: a node that does not send it (headers then). */
const withoutLogTimestamps = (answer: string, calls: RpcCall[]) =>
  calls.some((c) => c.method === "eth_getLogs")
    ? answer.replace(/"blockTimestamp":"0x[0-9a-f]+",?/g, "")
    : answer;

/**
 * A public RPC on a bad day: ranges over `maxRange` blocks refused (the messages in turn), and,
 * among the exporter's log and header requests (Hardhat's own start-up calls are left alone),
 * three 429s with Retry-After: 1, three dropped connections and slow answers.
 */
function badDay(maxRange: number) {
  let reads = 0;
  let refusals = 0;
  let limits = 3;
  let drops = 3;
  return (calls: RpcCall[]): RpcFault | undefined => {
    if (calls.length === 1 && calls[0].method !== "eth_getLogs") return undefined;
    reads++;
    const logs = calls.find((c) => c.method === "eth_getLogs");
    if (logs) {
      const filter = logs.params[0] as { fromBlock: string; toBlock: string };
      if (Number(filter.toBlock) - Number(filter.fromBlock) + 1 > maxRange) {
        const [code, message] = REFUSALS[refusals++ % REFUSALS.length];
        return { kind: "rpc-error", code, message };
      }
    }
    if (reads % 7 === 3 && limits-- > 0) {
      return {
        kind: "http",
        status: 429,
        body: "Too Many Requests",
        headers: { "retry-after": "1" },
      };
    }
    if (reads % 7 === 5 && drops-- > 0) return { kind: "drop" };
    if (reads % 3 === 1) return { kind: "delay", ms: 100 };
    return undefined;
  };
}

describe("the exporter against a public RPC's faults (anvil behind a proxy)", function () {
  this.timeout(600_000);
  let anvil: AnvilNode;
  let root: string;
  let env: NodeJS.ProcessEnv;
  let seasonFile: string;
  let records: { firstBlock: number; lastBlock: number };
  const proxies: RpcProxy[] = [];
  /** The fault-free export, its stats. */
  let clean: { file: string; bytes: Buffer; lines: number };

  const RECORDS = 3_000;

  before(async function () {
    if (underCoverage()) this.skip();
    anvil = await startAnvil();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "export-providers-"));
    env = childEnv({
      LOCALHOST_RPC_URL: anvil.url,
      DEPLOYMENTS_DIR: path.join(root, "deployments"),
      EPOCHS_DIR: path.join(root, "epochs"),
    });
    const rpc = httpTransport({ url: anvil.url });
    const latest = (await rpc.call("eth_getBlockByNumber", ["latest", false])) as {
      timestamp: string;
    };
    seasonFile = path.join(root, "season.json");
    fs.writeFileSync(
      seasonFile,
      JSON.stringify(
        season1SeasonFile({
          start: Number(latest.timestamp),
          epochSeconds: 3_600,
          epochs: 2,
          timelock: 0,
          mintMode: "open",
        }),
      ),
    );
    const deploy = await runHardhat(
      ["--network", "localhost", "season:deploy", "--season", seasonFile],
      env,
    );
    expect(deploy.code, deploy.stderr).to.equal(0);
    const record = JSON.parse(
      fs.readFileSync(path.join(root, "deployments", "localhost.json"), "utf8"),
    ) as { contracts: Record<string, { address: string }> };
    const registry = record.contracts.PointsRegistry.address;
    const [operator] = (await rpc.call("eth_accounts", [])) as string[];
    const action = await reporterFor(anvil.url, registry, operator, operator, "midas.buy-ticket");
    // 300 transactions of 10 records, 3 empty blocks after each: ~1,200 blocks, 300 with events.
    records = await recordLoad({
      url: anvil.url,
      registry,
      reporter: operator,
      action,
      records: RECORDS,
      perTransaction: 10,
      gapBlocks: 3,
      participants: 400,
    });

    const proxy = await proxyWith({});
    clean = { file: path.join(root, "clean.ndjson"), bytes: Buffer.alloc(0), lines: 0 };
    const run = await exportVia(proxy, clean.file);
    expect(run.code, run.stderr).to.equal(0);
    clean.bytes = fs.readFileSync(clean.file);
    clean.lines = clean.bytes.toString().trim().split("\n").length;
    expect(clean.lines).to.be.greaterThan(RECORDS); // the records, the catalog's mints/joins
  });

  after(async () => {
    killChildren();
    for (const p of proxies.splice(0)) await p.close();
    await anvil?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  async function proxyWith(options: {
    fault?: (calls: RpcCall[]) => RpcFault | undefined;
    rewrite?: (answer: string, calls: RpcCall[]) => string;
  }): Promise<RpcProxy & { reads: () => number }> {
    let reads = 0;
    const proxy = await startRpcProxy({
      upstream: anvil.url,
      rewrite: options.rewrite,
      fault: (calls) => {
        if (isRead(calls)) reads++;
        return options.fault?.(calls);
      },
    });
    proxies.push(proxy);
    return { ...proxy, reads: () => reads };
  }

  const exportArgs = (out: string, extra: string[]) => [
    "--network",
    "localhost",
    "season:export",
    "--season",
    seasonFile,
    "--out",
    out,
    ...extra,
  ];

  const exportVia = (proxy: RpcProxy, out: string, extra: string[] = []) =>
    runHardhat(exportArgs(out, extra), { ...env, LOCALHOST_RPC_URL: proxy.url });

  it("exports the same bytes through range refusals, 429s, dropped connections and slow answers", async () => {
    const proxy = await proxyWith({ fault: badDay(100), rewrite: withoutLogTimestamps });
    const out = path.join(root, "bad-day.ndjson");
    const run = await exportVia(proxy, out, ["--chunk", "1000"]);
    expect(run.code, run.stderr).to.equal(0);
    expect(fs.readFileSync(out).equals(clean.bytes), "the export through faults differs").to.equal(
      true,
    );
    const stats = proxy.stats();
    expect(stats.faults["rpc-error"]).to.be.at.least(REFUSALS.length); // each message at least once
    expect(stats.faults.http).to.equal(3);
    expect(stats.faults.drop).to.equal(3);
    expect(stats.faults.delay).to.be.greaterThan(0);
    // The headers came in JSON-RPC batches, since these logs carry no timestamps.
    expect(stats.batches).to.be.greaterThan(0);
    expect(run.stderr).to.match(
      /\[export\] the node refused blocks \d+\.\.\d+ \(query returned more than 10000 results\); reading \d+ blocks at a time/,
    );
    expect(run.stderr).to.match(
      /\[export\] attempt \d+ failed \(.*HTTP 429.*\); retrying in 1000 ms/,
    );
    const failures = run.stderr.split("\n").filter((l) => /^\[export\] attempt \d+ failed/.test(l));
    // Header batches run a few at a time: two faults in one range are one failed attempt.
    expect(failures.filter((l) => l.includes("HTTP 429"))).to.have.length.within(1, 3);
    expect(failures.filter((l) => l.includes("connection failed"))).to.have.length.within(1, 3);
    expect(run.stderr).to.match(/HTTP 429 \(Too Many Requests\)\); retrying in 1000 ms/);
  });

  it("resumes an export killed in the middle of a bad day to the same bytes", async () => {
    const out = path.join(root, "killed.ndjson");
    const checkpointFile = `${out}.checkpoint.json`;
    const middle = Math.floor((records.firstBlock + records.lastBlock) / 2);
    const proxy = await proxyWith({ fault: badDay(150), rewrite: withoutLogTimestamps });
    const victim = startHardhat(exportArgs(out, ["--chunk", "200"]), {
      ...env,
      LOCALHOST_RPC_URL: proxy.url,
    });
    await waitFor("the export's checkpoint past the middle", () => {
      if (victim.proc.exitCode !== null)
        throw new Error(`the export ended first: ${victim.stderr()}`);
      if (!fs.existsSync(checkpointFile)) return false;
      try {
        return (JSON.parse(fs.readFileSync(checkpointFile, "utf8")).nextBlock as number) > middle;
      } catch {
        return false;
      }
    });
    victim.proc.kill("SIGKILL");
    expect((await victim.exited).signal).to.equal("SIGKILL");
    const checkpoint = readCheckpoint(checkpointFile)!;
    expect(checkpoint.nextBlock).to.be.lessThan(records.lastBlock);
    const partial = fs.readFileSync(out);
    expect(
      clean.bytes
        .subarray(0, checkpoint.eventsBytes)
        .equals(partial.subarray(0, checkpoint.eventsBytes)),
    ).to.equal(true);

    const resumed = await exportVia(proxy, out, ["--chunk", "200"]);
    expect(resumed.code, resumed.stderr).to.equal(0);
    expect(resumed.stderr).to.match(/\[export\] resumed from block \d+/);
    expect(fs.readFileSync(out).equals(clean.bytes), "the resumed export differs").to.equal(true);
  });

  it("reads in ranges no wider than the one season:preflight recorded for the network", async () => {
    const limits = path.join(root, "deployments", "localhost.rpc.json");
    fs.writeFileSync(
      limits,
      JSON.stringify({
        network: "localhost",
        chainId: 31337,
        maxLogBlocks: 250,
        capped: false,
        probedAt: new Date(0).toISOString(),
      }),
    );
    try {
      const proxy = await proxyWith({});
      const out = path.join(root, "probed-range.ndjson");
      expect((await exportVia(proxy, out)).code).to.equal(0);
      expect(fs.readFileSync(out).equals(clean.bytes)).to.equal(true);
      expect(proxy.stats().byMethod.eth_getLogs).to.equal(Math.ceil((records.lastBlock + 1) / 250));
    } finally {
      fs.rmSync(limits);
    }
  });

  it("reads a few thousand events in a bounded number of requests per 1,000 events (bench:export, small)", async () => {
    // With the node's log timestamps: the head, one eth_getLogs per range, the last block's time.
    const withTimes = await proxyWith({});
    const a = path.join(root, "small-bench-a.ndjson");
    expect((await exportVia(withTimes, a, ["--chunk", "500"])).code).to.equal(0);
    const ranges = Math.ceil((records.lastBlock + 1) / 500);
    expect(withTimes.stats().byMethod.eth_getLogs).to.equal(ranges);
    expect(withTimes.stats().byMethod.eth_getBlockByNumber ?? 0).to.be.at.most(1);
    expect((withTimes.reads() * 1_000) / clean.lines).to.be.at.most(2);

    // Without them: 300 blocks of records (and the deployment's), their headers in batches of
    // 100 (one range's blocks at most per batch), never one request per event or per block.
    const headers = await proxyWith({ rewrite: withoutLogTimestamps });
    const b = path.join(root, "small-bench-b.ndjson");
    expect((await exportVia(headers, b, ["--chunk", "500"])).code).to.equal(0);
    expect(fs.readFileSync(b).equals(clean.bytes)).to.equal(true);
    const stats = headers.stats();
    const blocks = stats.byMethod.eth_getBlockByNumber;
    expect(blocks).to.be.within(300, 350);
    expect(stats.batches).to.be.at.most(ranges + Math.ceil(blocks / 100));
    expect(headers.reads()).to.be.at.most(2 + ranges + stats.batches);
    expect((headers.reads() * 1_000) / clean.lines).to.be.at.most(10);
  });
});
