import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  chunkBlocksFor,
  readRpcLimits,
  rpcLimitsPath,
  writeRpcLimits,
  type RpcLimits,
} from "./rpc-limits";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const limits: RpcLimits = {
  network: "metis-sepolia",
  chainId: 59902,
  maxLogBlocks: 1_000,
  capped: false,
  probedAt: "2026-01-01T00:00:00.000Z",
};

describe("rpc limits", () => {
  it("round-trips beside the deployment record, and is absent until probed", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rpc-limits-"));
    dirs.push(dir);
    const file = rpcLimitsPath(dir, "metis-sepolia");
    expect(file).toBe(path.join(dir, "metis-sepolia.rpc.json"));
    expect(readRpcLimits(file)).toBeUndefined();
    writeRpcLimits(file, limits);
    expect(readRpcLimits(file)).toEqual(limits);
    fs.writeFileSync(file, JSON.stringify({ ...limits, maxLogBlocks: 0 }));
    expect(() => readRpcLimits(file)).toThrow(/maxLogBlocks/);
  });

  it("lowers the season's chunk to the node's limit, never raises it, and ignores another chain's", () => {
    expect(chunkBlocksFor(5_000, limits, 59902)).toBe(1_000);
    expect(chunkBlocksFor(500, limits, 59902)).toBe(500);
    expect(chunkBlocksFor(5_000, limits, 1088)).toBe(5_000);
    expect(chunkBlocksFor(5_000, undefined, 59902)).toBe(5_000);
  });
});
