/**
 * Sending thousands of transactions fast on a Hardhat network: automine off, every transaction
 * signed locally (participants) or by the node (the operator's unlocked account) with an explicit
 * nonce and gas limit, then `evm_mine` until all are in, at a chosen block time. Receipts are
 * checked: one reverted transaction fails the run, naming its label and sender.
 *
 * Within a flush, a sender's transactions run in nonce order; transactions of different senders
 * must not depend on each other (the demo's plans put such steps in a later wave).
 */
import { Transaction, Wallet, toBeHex } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { collectGarbage } from "./memory";

/**
 * Blocks of 30M gas (about a hundred claims, a few hundred dApp calls): a flush of a few thousand
 * transactions mines in a few dozen blocks. The in-process network builds the execution traces of
 * a whole block in memory when it mines it, so the block's size sets the demo's peak memory:
 * blocks of 2^31 gas (every flush in one or two blocks) took the 1,000-participant demo to 5-6 GB.
 */
export const BLOCK_GAS_LIMIT = 30_000_000n;
/** Transactions sent to the node's pool before mining them (the rest wait their turn). */
const POOL_CHUNK = 100;
const MAX_FEE_PER_GAS = 50n * 10n ** 9n;
const PRIORITY_FEE_PER_GAS = 10n ** 9n;
const DEFAULT_GAS = 500_000n;
/** ETH each participant wallet is given for gas (far more than a season of transactions costs). */
export const WALLET_ETH = 10n ** 19n;

export interface QueuedTx {
  label: string;
  from: string;
  to: string;
  hash?: string;
}

/** A log as the demo's parsers read it (Interface.parseLog takes topics and data). */
export interface MinedLog {
  address: string;
  topics: string[];
  data: string;
}

export interface MinedTx extends QueuedTx {
  hash: string;
  logs: MinedLog[];
}

interface RpcReceipt {
  status: string;
  blockNumber: string;
  logs: MinedLog[];
}

/** A participant's wallet and its next nonce. */
export interface Account {
  wallet: Wallet;
  nonce: number;
}

export class BulkSender {
  private raw: { tx: QueuedTx; raw: string }[] = [];
  private node: { tx: QueuedTx; request: Record<string, string> }[] = [];

  private constructor(
    private readonly hre: HardhatRuntimeEnvironment,
    private readonly chainId: bigint,
  ) {}

  static async create(hre: HardhatRuntimeEnvironment): Promise<BulkSender> {
    await hre.network.provider.request({
      method: "evm_setBlockGasLimit",
      params: [toBeHex(BLOCK_GAS_LIMIT)],
    });
    const { chainId } = await hre.ethers.provider.getNetwork();
    return new BulkSender(hre, chainId);
  }

  private rpc<T>(method: string, params: unknown[] = []): Promise<T> {
    return this.hre.network.provider.request({ method, params }) as Promise<T>;
  }

  /** Gives each address `wei` of ETH (a test network's faucet for gas money). */
  async fund(addresses: readonly string[], wei = WALLET_ETH): Promise<void> {
    for (const a of addresses) await this.rpc("hardhat_setBalance", [a, toBeHex(wei)]);
  }

  /** Queues a call signed by a participant's wallet (signed now; sent at the next flush). */
  queue(from: Account, to: string, data: string, label: string, gas = DEFAULT_GAS): void {
    const tx = Transaction.from({
      type: 2,
      chainId: this.chainId,
      nonce: from.nonce++,
      to,
      data,
      gasLimit: gas,
      maxFeePerGas: MAX_FEE_PER_GAS,
      maxPriorityFeePerGas: PRIORITY_FEE_PER_GAS,
    });
    tx.signature = from.wallet.signingKey.sign(tx.unsignedHash);
    this.raw.push({ tx: { label, from: from.wallet.address, to }, raw: tx.serialized });
  }

  /** Queues a call from an account the node signs for (the operator); nonces are set at flush. */
  queueFromNode(from: string, to: string, data: string, label: string, gas = DEFAULT_GAS): void {
    this.node.push({ tx: { label, from, to }, request: { from, to, data, gas: toBeHex(gas) } });
  }

  /**
   * Sends everything queued with automine off, mines blocks (the first at `timestamp`, when
   * given) until all are included, and returns them with their receipts, in sending order.
   * Throws, naming the transaction, when one reverts or the node stops including them.
   */
  async flush(timestamp?: number): Promise<MinedTx[]> {
    const raw = this.raw;
    const node = this.node;
    this.raw = [];
    this.node = [];
    if (raw.length + node.length === 0) {
      if (timestamp !== undefined) await advanceTo(this.hre, timestamp, true);
      return [];
    }
    const txs: QueuedTx[] = [];
    await this.rpc("evm_setAutomine", [false]);
    try {
      const nonces = new Map<string, number>();
      const sendFromNode = async ({ tx, request }: (typeof node)[number]): Promise<QueuedTx> => {
        const key = request.from.toLowerCase();
        let nonce = nonces.get(key);
        if (nonce === undefined)
          nonce = Number(
            await this.rpc<string>("eth_getTransactionCount", [request.from, "latest"]),
          );
        nonces.set(key, nonce + 1);
        tx.hash = await this.rpc<string>("eth_sendTransaction", [
          {
            ...request,
            nonce: toBeHex(nonce),
            maxFeePerGas: toBeHex(MAX_FEE_PER_GAS),
            maxPriorityFeePerGas: toBeHex(PRIORITY_FEE_PER_GAS),
          },
        ]);
        return tx;
      };
      const sendRaw = async ({ tx, raw: serialized }: (typeof raw)[number]): Promise<QueuedTx> => {
        tx.hash = await this.rpc<string>("eth_sendRawTransaction", [serialized]);
        return tx;
      };
      const sends = [
        ...node.map((n) => () => sendFromNode(n)),
        ...raw.map((r) => () => sendRaw(r)),
      ];
      // A few hundred pending transactions at a time: the node's memory grows with its pool.
      let included = 0;
      for (let start = 0; start < sends.length; start += POOL_CHUNK) {
        for (const send of sends.slice(start, start + POOL_CHUNK)) txs.push(await send());
        if (start === 0 && timestamp !== undefined) await advanceTo(this.hre, timestamp, false);
        while (included < txs.length) {
          await this.rpc("evm_mine");
          collectGarbage("minor");
          const block = await this.rpc<{ transactions: string[] }>("eth_getBlockByNumber", [
            "latest",
            false,
          ]);
          if (block.transactions.length === 0) {
            throw new Error(
              `the node mined an empty block with ${txs.length - included} transactions still pending`,
            );
          }
          included += block.transactions.length;
        }
      }
    } finally {
      await this.rpc("evm_setAutomine", [true]);
    }
    const mined: MinedTx[] = [];
    for (const tx of txs) {
      const r = await this.rpc<RpcReceipt | null>("eth_getTransactionReceipt", [tx.hash]);
      if (!r) throw new Error(`${tx.label} from ${tx.from} (${tx.hash}) was not mined`);
      if (r.status !== "0x1") {
        throw new Error(
          `${tx.label} from ${tx.from} reverted (tx ${tx.hash}, block ${Number(r.blockNumber)})`,
        );
      }
      mined.push({
        ...tx,
        hash: tx.hash!,
        logs: r.logs.map((l) => ({ address: l.address, topics: l.topics, data: l.data })),
      });
    }
    return mined;
  }
}

/**
 * Makes the next block's time `timestamp` when the chain is behind it (no-op otherwise); with
 * `mine`, mines that block now.
 */
export async function advanceTo(
  hre: HardhatRuntimeEnvironment,
  timestamp: number,
  mine: boolean,
): Promise<void> {
  const latest = await hre.ethers.provider.getBlock("latest");
  if (!latest) throw new Error("the node returned no latest block");
  if (latest.timestamp < timestamp) {
    await hre.network.provider.request({
      method: "evm_setNextBlockTimestamp",
      params: [timestamp],
    });
    if (mine) await hre.network.provider.request({ method: "evm_mine", params: [] });
  }
}
