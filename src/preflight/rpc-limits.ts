/**
 * What `season:preflight` learned about a network's node and the exporter uses: the largest
 * eth_getLogs block range it accepts. Kept beside the deployment record, as
 * `<deployments>/<network>.rpc.json`, so that the season file (which auditors share) never changes.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { readJsonFile, validateJson } from "../json-file";

export const rpcLimitsSchema = z.strictObject({
  network: z.string().min(1),
  chainId: z.number().int().positive(),
  /** The largest eth_getLogs range (blocks, inclusive of both ends) the node accepted. */
  maxLogBlocks: z.number().int().min(1),
  /** True when the probe stopped at its cap: the node's own limit, if any, is higher. */
  capped: z.boolean(),
  /** When it was probed (ISO time). */
  probedAt: z.string(),
});
export type RpcLimits = z.infer<typeof rpcLimitsSchema>;

/** `<dir>/<network>.rpc.json` */
export function rpcLimitsPath(dir: string, network: string): string {
  return path.join(dir, `${network}.rpc.json`);
}

/** The limits recorded for a network, or undefined when it was never probed. */
export function readRpcLimits(file: string): RpcLimits | undefined {
  if (!fs.existsSync(file)) return undefined;
  return validateJson(readJsonFile(file), rpcLimitsSchema, file);
}

export function writeRpcLimits(file: string, limits: RpcLimits): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    `${JSON.stringify(validateJson(limits, rpcLimitsSchema, file), null, 2)}\n`,
  );
}

/**
 * The blocks per log request of an export: the season file's `exportChunkBlocks`, lowered to what
 * the node was seen to accept (for the node `chainId` is), never raised.
 */
export function chunkBlocksFor(
  seasonChunk: number,
  limits: RpcLimits | undefined,
  chainId: number,
): number {
  if (!limits || limits.chainId !== chainId) return seasonChunk;
  return Math.min(seasonChunk, limits.maxLogBlocks);
}
