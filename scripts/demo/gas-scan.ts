/** Gas per operation of every transaction in a block range, named by src/demo/gas.ts. */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { GasTally, operationOf, type OperationNames } from "../../src/demo/gas";

interface RpcBlock {
  transactions: { hash: string; to: string | null; input: string }[];
}

/** Tallies the gas of every transaction mined in blocks `from`..`to` (inclusive). */
export async function scanGas(
  hre: HardhatRuntimeEnvironment,
  from: number,
  to: number,
  names: OperationNames,
): Promise<{ tally: GasTally; transactions: number; blocks: number }> {
  const tally = new GasTally();
  let transactions = 0;
  const rpc = <T>(method: string, params: unknown[]) =>
    hre.network.provider.request({ method, params }) as Promise<T>;
  for (let n = from; n <= to; n++) {
    const block = await rpc<RpcBlock | null>("eth_getBlockByNumber", [`0x${n.toString(16)}`, true]);
    if (!block) throw new Error(`the node has no block ${n}`);
    for (const tx of block.transactions) {
      const receipt = await rpc<{ gasUsed: string } | null>("eth_getTransactionReceipt", [tx.hash]);
      if (!receipt) throw new Error(`no receipt for ${tx.hash}`);
      tally.add(operationOf({ to: tx.to, data: tx.input }, names), BigInt(receipt.gasUsed));
      transactions++;
    }
  }
  return { tally, transactions, blocks: Math.max(0, to - from + 1) };
}
