/**
 * How long the auditor's judgement (src/audit auditEpoch: the dump's format, every proof, leaf by
 * leaf, monotonicity, totals) takes for N leaves, with its two costly parts timed alone.
 * Usage: npx tsx scripts/bench-audit.ts [leaves=10000]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { keccak256 } from "ethers";
import { auditEpoch } from "../src/audit/audit-epoch";
import { checkDumpProofs } from "../src/audit/dump-proofs";
import { computeEpoch } from "../src/engine/epoch";
import { writeEpochOutputs } from "../src/engine/outputs";
import { parseSeason } from "../src/engine/season";
import { verifyTreeDump } from "../src/engine/verify";

const n = Number(process.argv[2] ?? 10_000);
if (!Number.isSafeInteger(n) || n < 1)
  throw new Error(`leaves must be a positive integer, got ${process.argv[2]}`);
const TOKEN = "0x1111111111111111111111111111111111111111";
const season = parseSeason({
  name: "audit bench",
  actions: { act: { dapp: "d", points: "10" } },
  boosts: {},
  rewards: {
    curve: "rank-linear",
    epochs: [{ epoch: 1, endTime: 2_000, pools: { [TOKEN]: (10n ** 24n).toString() } }],
  },
});
const hex = (i: number, bytes: number) => `0x${i.toString(16).padStart(bytes * 2, "0")}`;
const events = Array.from({ length: n }, (_, i) => ({
  kind: "action" as const,
  account: hex(i + 1, 20),
  action: "act",
  ref: hex(i + 1, 32),
  time: 1_000,
}));
const result = computeEpoch({ season, epoch: 1, events });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-audit-"));
const summary = writeEpochOutputs(result, dir);
const bytes = fs.readFileSync(path.join(dir, "tree.json"));
const leaves = [...result.allocationRows()].map((r) => ({
  account: r.account,
  token: r.token,
  amount: r.cumulative,
}));

const time = (what: string, fn: () => unknown) => {
  const t = performance.now();
  fn();
  console.log(`${what.padEnd(34)} ${((performance.now() - t) / 1000).toFixed(2)} s`);
};
console.log(`${summary.leaves} leaves`);
time("auditEpoch (everything)", () => {
  const report = auditEpoch({
    season: "audit bench",
    network: "bench",
    chainId: "1",
    epoch: 1,
    endTime: 2_000,
    distributor: TOKEN,
    exportedTo: { block: 1, time: 2_000 },
    published: {
      root: summary.root,
      dataHash: keccak256(bytes),
      validAt: 0,
      status: "accepted",
      blockNumber: 1,
    },
    acceptedEpoch: 1,
    dump: { source: "tree.json", kind: "file", bytes },
    recomputed: {
      root: summary.root,
      dataHash: summary.dataHash,
      leaves,
      participants: n,
      anomalies: summary.anomalies,
      folder: dir,
    },
    claimed: new Map(),
    balances: new Map([[TOKEN, 10n ** 24n]]),
  });
  if (!report.ok) throw new Error("the bench epoch does not verify");
});
const dump: unknown = JSON.parse(bytes.toString("utf8"));
time("  of which the dump's format", () => verifyTreeDump(dump));
time("  of which every proof", () => checkDumpProofs(dump, summary.root));
fs.rmSync(dir, { recursive: true, force: true });
