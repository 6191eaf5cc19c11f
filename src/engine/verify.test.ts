import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { computeEpoch } from "./epoch";
import { writeEpochOutputs } from "./outputs";
import { loadSeasonFile } from "./season";
import { checkCumulativeNeverDecreases, verifyEpochDir, verifyTreeDump } from "./verify";

const EXAMPLE = path.join(__dirname, "../../examples/season-1");
let good: string;

function copy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-"));
  for (const f of fs.readdirSync(good)) fs.copyFileSync(path.join(good, f), path.join(dir, f));
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const p = path.join(dir, file);
  const before = fs.readFileSync(p, "utf8");
  const after = change(before);
  expect(after).not.toBe(before);
  fs.writeFileSync(p, after);
}

beforeAll(() => {
  const season = loadSeasonFile(path.join(EXAMPLE, "season.json"));
  good = fs.mkdtempSync(path.join(os.tmpdir(), "verify-good-"));
  writeEpochOutputs(
    computeEpoch({ season, epoch: 2, eventsPath: path.join(EXAMPLE, "events.ndjson") }),
    good,
  );
});

describe("independent verifier", () => {
  it("accepts an epoch folder and checks every proof", async () => {
    const report = await verifyEpochDir(good);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.leaves).toBe(14);
    expect(report.proofsChecked).toBe(14);
  });

  it("catches a tampered amount in proofs.json", async () => {
    const dir = copy();
    edit(dir, "proofs.json", (t) =>
      t.replace(/"amount":"(\d+)"/, (_, a) => `"amount":"${BigInt(a) + 1n}"`),
    );
    const report = await verifyEpochDir(dir);
    expect(report.ok).toBe(false);
    expect(report.problems.join("\n")).toMatch(/amount .* differs from tree\.json's/);
    expect(report.problems.join("\n")).toMatch(/does not verify/);
  });

  it("catches a tampered amount in tree.json (leaf, dataHash)", async () => {
    const dir = copy();
    edit(dir, "tree.json", (t) =>
      t.replace(/"(\d+)"\],"treeIndex"/, (_, a) => `"${BigInt(a) + 1n}"],"treeIndex"`),
    );
    const problems = (await verifyEpochDir(dir)).problems.join("\n");
    expect(problems).toMatch(/does not hash to node/);
    expect(problems).toMatch(/dataHash .* is not keccak256\(tree\.json\)/);
  });

  it("catches a wrong internal node, a missing proof and a wrong root", async () => {
    const dir = copy();
    edit(dir, "tree.json", (t) =>
      t.replace(
        /"tree":\["0x[0-9a-f]{64}","0x[0-9a-f]/,
        (m) => `${m.slice(0, -1)}${m.endsWith("0") ? "1" : "0"}`,
      ),
    );
    edit(dir, "proofs.json", (t) => {
      const lines = t.split("\n");
      lines.splice(1, 1);
      return lines.join("\n");
    });
    const problems = (await verifyEpochDir(dir)).problems.join("\n");
    expect(problems).toMatch(/node 0 is not the hash of its children/);
    expect(problems).toMatch(/no proof for 0x/);
  });

  it("reports an unreadable dump", async () => {
    const dir = copy();
    fs.writeFileSync(path.join(dir, "tree.json"), "{");
    const report = await verifyEpochDir(dir);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(/^tree\.json: /);
    expect(
      verifyTreeDump({ format: "x", leafEncoding: [], tree: [], values: [] }).problems,
    ).toEqual([
      'tree.json: format is "x", not "standard-v1"',
      'tree.json: leafEncoding is [], not ["address","address","uint256"]',
      "tree.json: 0 nodes for 0 values (expected -1)",
    ]);
  });

  it("checks that cumulative entitlements never decrease", () => {
    const dump = (amount: string) => ({ values: [{ value: ["0xa", "0xt", amount] }] });
    expect(checkCumulativeNeverDecreases(dump("5"), dump("5"))).toEqual([]);
    expect(checkCumulativeNeverDecreases(dump("5"), dump("4"))).toEqual([
      "0xa token 0xt: cumulative went from 5 to 4",
    ]);
    expect(checkCumulativeNeverDecreases(dump("5"), { values: [] })).toHaveLength(1);
  });
});
