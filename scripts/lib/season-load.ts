/**
 * A season's load written straight into a node, for the exporter's tests and benchmarks: many
 * `recordPacked` batches from an unlocked reporter account, each mined in its own block, with
 * empty blocks between (anvil_mine) so that the records spread over a long block range. Plain
 * JSON-RPC over HTTP (the project's client), no Hardhat: it runs beside a test or a benchmark
 * against any anvil that holds a deployed season.
 */
import { Interface } from "ethers";
import { httpTransport, type RpcTransport } from "../../src/indexer/json-rpc";
import { packRecords, type PointsRecord } from "../../src/points/batch";

const REGISTRY = new Interface([
  "function actionId(string key) view returns (uint32)",
  "function getAction(uint32 action) view returns (uint16 dapp)",
  "function isReporter(uint16 dapp, address account) view returns (bool)",
  "function addReporter(uint16 dapp, address reporter)",
  "function recordPacked(bytes packed)",
]);

const hex = (n: number | bigint) => `0x${n.toString(16)}`;

async function call(rpc: RpcTransport, to: string, name: string, args: unknown[]) {
  const data = REGISTRY.encodeFunctionData(name, args);
  const raw = (await rpc.call("eth_call", [{ to, data }, "latest"])) as string;
  // getAction returns a struct: its first word is the dApp id, whatever follows it.
  return REGISTRY.decodeFunctionResult(name, raw.slice(0, 66))[0] as unknown;
}

/** Sends a transaction from an unlocked account and fails unless it succeeded. */
async function send(rpc: RpcTransport, tx: Record<string, string>): Promise<void> {
  const hash = (await rpc.call("eth_sendTransaction", [tx])) as string;
  let receipt: { status?: string } | null = null;
  for (let wait = 1; receipt === null && wait < 5_000; wait *= 2) {
    receipt = (await rpc.call("eth_getTransactionReceipt", [hash])) as { status?: string } | null;
    if (receipt === null) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  if (receipt?.status === "0x1") return;
  const why = await rpc.call("eth_call", [tx, "latest"]).then(
    (r) => `eth_call returns ${String(r).slice(0, 80)}`,
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
  throw new Error(`transaction ${hash} failed or is not mined (${why})`);
}

/** The registry id of `key`, after making `reporter` a reporter of its dApp (as the operator). */
export async function reporterFor(
  url: string,
  registry: string,
  operator: string,
  reporter: string,
  key: string,
): Promise<number> {
  const rpc = httpTransport({ url });
  const action = Number(await call(rpc, registry, "actionId", [key]));
  if (action === 0) throw new Error(`action '${key}' is not registered in ${registry}`);
  const dapp = Number(await call(rpc, registry, "getAction", [action]));
  if (!(await call(rpc, registry, "isReporter", [dapp, reporter]))) {
    const data = REGISTRY.encodeFunctionData("addReporter", [dapp, reporter]);
    await send(rpc, { from: operator, to: registry, data });
  }
  return action;
}

export interface LoadOptions {
  /** The node (anvil, with automine on). */
  url: string;
  registry: string;
  /** An unlocked account that reports for `action`'s dApp. */
  reporter: string;
  action: number;
  /** Records in all. */
  records: number;
  /** Records per `recordPacked` transaction (one transaction per block). */
  perTransaction: number;
  /** Empty blocks mined after each transaction's block. */
  gapBlocks: number;
  /** Distinct participants the records cycle through. */
  participants: number;
  onProgress?: (done: number, total: number) => void;
}

/** The participant of record `i`: a fixed, non-zero address. */
export function participantOf(i: number, participants: number): string {
  return `0xac${(1 + (i % participants)).toString(16).padStart(38, "0")}`;
}

/** Records the load; returns the first and last block that hold records. */
export async function recordLoad(
  o: LoadOptions,
): Promise<{ firstBlock: number; lastBlock: number }> {
  const rpc = httpTransport({ url: o.url, timeoutMs: 300_000 });
  const gas = hex(200_000 + o.perTransaction * 8_000);
  let firstBlock = -1;
  let lastBlock = -1;
  for (let done = 0; done < o.records; done += o.perTransaction) {
    const batch: PointsRecord[] = [];
    for (let i = done; i < Math.min(o.records, done + o.perTransaction); i++) {
      batch.push({
        account: participantOf(i, o.participants),
        action: o.action,
        ref: `0x${(i + 1).toString(16).padStart(64, "0")}`,
      });
    }
    const data = REGISTRY.encodeFunctionData("recordPacked", [packRecords(batch)]);
    await send(rpc, { from: o.reporter, to: o.registry, data, gas });
    const block = Number.parseInt((await rpc.call("eth_blockNumber", [])) as string, 16);
    if (firstBlock < 0) firstBlock = block;
    lastBlock = block;
    if (o.gapBlocks > 0) await rpc.call("anvil_mine", [hex(o.gapBlocks)]);
    o.onProgress?.(Math.min(o.records, done + o.perTransaction), o.records);
  }
  return { firstBlock, lastBlock };
}
