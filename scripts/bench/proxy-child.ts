/**
 * The counting proxy of bench:export in a process of its own, so that the benchmark's process
 * time is the task's alone. Started with fork(); told by messages what to do:
 * { cmd: "reset" | "stats" | "latency", ms } | { cmd: "strip", on } | { cmd: "close" }, each
 * answered with { stats, reads } (reads: requests carrying eth_getLogs, eth_getBlockByNumber or
 * eth_blockNumber, the exporter's and the relayer's reads).
 */
import { startRpcProxy, type RpcCall } from "../lib/rpc-proxy";

const READS = new Set(["eth_getLogs", "eth_getBlockByNumber", "eth_blockNumber"]);

export type ProxyCommand =
  | { cmd: "reset" | "stats" | "close" }
  | { cmd: "latency"; ms: number }
  | { cmd: "strip"; on: boolean };

async function main(): Promise<void> {
  let reads = 0;
  let strip = false;
  const proxy = await startRpcProxy({
    upstream: process.argv[2],
    fault: (calls: RpcCall[]) => {
      if (calls.some((c) => READS.has(c.method))) reads++;
      return undefined;
    },
    rewrite: (answer, calls) =>
      strip && calls.some((c) => c.method === "eth_getLogs")
        ? answer.replace(/"blockTimestamp":"0x[0-9a-f]+",?/g, "")
        : answer,
  });
  process.on("message", (m: ProxyCommand) => {
    void (async () => {
      if (m.cmd === "reset") {
        proxy.reset();
        reads = 0;
      } else if (m.cmd === "latency") proxy.setLatency(m.ms);
      else if (m.cmd === "strip") strip = m.on;
      process.send!({ stats: proxy.stats(), reads });
      if (m.cmd === "close") {
        await proxy.close();
        process.disconnect();
      }
    })();
  });
  // The benchmark ended without closing the proxy (killed, or failed): nothing is left behind.
  process.once("disconnect", () => {
    void proxy.close().finally(() => process.exit(0));
  });
  process.send!({ url: proxy.url });
}

void main();
