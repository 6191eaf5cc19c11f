/**
 * Source references of records. Every record in the points registry carries a 32-byte ref, unique
 * per source event, so that an event reported or relayed twice is counted once.
 */
import { AbiCoder, keccak256 } from "ethers";
import { BYTES32_PATTERN } from "../engine/validation";

/**
 * The ref of a relayed dApp event: keccak256(abi.encode(uint256 chainId, bytes32 txHash, uint256
 * logIndex)). The same log always gives the same ref, so relaying it again is harmless.
 */
export function relayRef(chainId: bigint | number, txHash: string, logIndex: number): string {
  if (!BYTES32_PATTERN.test(txHash)) throw new Error(`tx hash '${txHash}' is not 32 bytes of hex`);
  if (!Number.isSafeInteger(logIndex) || logIndex < 0) {
    throw new Error(`log index ${logIndex} is not a non-negative integer`);
  }
  const id = BigInt(chainId);
  if (id < 0n || id >= 1n << 256n) throw new Error(`chain id ${chainId} is not a uint256`);
  // abi.encode of three static words, written directly (the generic encoder is the slow part).
  return keccak256(`0x${word(id)}${txHash.slice(2)}${word(BigInt(logIndex))}`);
}

/** A uint256 as 64 hex digits. */
function word(n: bigint): string {
  return n.toString(16).padStart(64, "0");
}

/**
 * The ref a season mock dApp gives its `sequence`-th report (SeasonDAppReporter.refOf):
 * keccak256(abi.encode(uint256 chainId, address dApp, uint256 sequence)).
 */
export function dappReportRef(chainId: bigint | number, dapp: string, sequence: bigint): string {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(
      ["uint256", "address", "uint256"],
      [BigInt(chainId), dapp, sequence],
    ),
  );
}
