/**
 * The audit benchmark, small (a few thousand leaves), as a correctness test: the same pipeline as
 * `npm run bench:audit` (the dump judged in a worker while the epoch is recomputed), an honest
 * epoch verifies with every proof checked, the report is the same bytes twice, and tampered dumps
 * are caught. No timing is asserted.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAuditBench, type AuditBenchOptions } from "../../scripts/bench/audit";

let dir: string;
const options = (): AuditBenchOptions => ({ dir, participants: 2500, actions: 12_000, seed: 7 });
type Dump = { tree: string[]; values: { value: string[]; treeIndex: number }[] };
const edit = (f: (d: Dump) => void) => (bytes: Buffer) => {
  const d = JSON.parse(bytes.toString("utf8")) as Dump;
  f(d);
  return Buffer.from(JSON.stringify(d));
};
const flip = (h: string) => `${h.slice(0, -1)}${h.endsWith("0") ? "1" : "0"}`;

describe("the audit benchmark, small", () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-bench-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("verifies the honest epoch, every proof, and writes the same report bytes twice", async () => {
    const first = await runAuditBench(options());
    expect(first.report.ok).toBe(true);
    expect(first.leaves).toBeGreaterThan(2000);
    expect(first.report.dump.proofsChecked).toBe(first.leaves);
    expect(first.report.dump.proofsVerifiedPlainly).toBe(256);
    expect(first.report.checks.every((c) => c.result === "ok")).toBe(true);
    const second = await runAuditBench(options());
    expect(second.reportHash).toBe(first.reportHash);
  }, 240_000);

  it("catches a tampered leaf, a tampered interior node and a wrong root in the dump", async () => {
    const leaf = await runAuditBench({
      ...options(),
      tamper: edit((d) => {
        d.values[10].value[2] = (BigInt(d.values[10].value[2]) + 1n).toString();
      }),
    });
    expect(Object.keys(leaf.report.differenceCounts).sort()).toEqual([
      "data-hash",
      "dump-malformed",
      "leaf-amount",
      "proof-fails",
    ]);
    expect(leaf.report.differenceCounts["proof-fails"]).toBe(1);

    const inner = await runAuditBench({
      ...options(),
      tamper: edit((d) => {
        d.tree[9] = flip(d.tree[9]);
      }),
    });
    expect(inner.report.ok).toBe(false);
    expect(inner.report.differences.map((x) => x.message)).toContain(
      "the dump: tree.json: node 9 is not the hash of its children",
    );
    expect(inner.report.differenceCounts["proof-fails"]).toBeGreaterThan(0);

    const root = await runAuditBench({
      ...options(),
      tamper: edit((d) => {
        d.tree[0] = flip(d.tree[0]);
      }),
    });
    expect(root.report.differenceCounts["dump-root-vs-chain"]).toBe(1);
    expect(root.report.differenceCounts["proof-fails"]).toBe(root.leaves);
  }, 240_000);
});
