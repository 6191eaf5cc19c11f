import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { computeEpoch } from "./epoch";
import { writeEpochOutputs } from "./outputs";
import { loadSeasonFile } from "./season";
import { verifyTreeDump } from "./verify";

const EXAMPLE = path.join(__dirname, "../../examples/season-1");
let good: string;

beforeAll(() => {
  const season = loadSeasonFile(path.join(EXAMPLE, "season.json"));
  good = fs.mkdtempSync(path.join(os.tmpdir(), "verify-good-"));
  writeEpochOutputs(
    computeEpoch({ season, epoch: 2, eventsPath: path.join(EXAMPLE, "events.ndjson") }),
    good,
  );
});

describe("independent verifier", () => {
  const dumpOf = (text: string) => JSON.parse(text) as unknown;
  const treeText = () => fs.readFileSync(path.join(good, "tree.json"), "utf8");

  it("accepts the engine's dump, node by node, and finds its root", () => {
    const report = verifyTreeDump(dumpOf(treeText()));
    expect(report.problems).toEqual([]);
    expect(report.values).toHaveLength(14);
    expect(report.root).toBe(
      JSON.parse(fs.readFileSync(path.join(good, "summary.json"), "utf8")).root,
    );
  });

  it("catches a tampered amount (its leaf no longer hashes to its node)", () => {
    const text = treeText().replace(
      /"(\d+)"\],"treeIndex"/,
      (_, a) => `"${BigInt(a) + 1n}"],"treeIndex"`,
    );
    expect(verifyTreeDump(dumpOf(text)).problems.join("\n")).toMatch(
      /values\[\d+\] does not hash to node/,
    );
  });

  it("catches a wrong internal node", () => {
    const text = treeText().replace(
      /"tree":\["0x[0-9a-f]{64}","0x[0-9a-f]/,
      (m) => `${m.slice(0, -1)}${m.endsWith("0") ? "1" : "0"}`,
    );
    expect(verifyTreeDump(dumpOf(text)).problems.join("\n")).toMatch(
      /node 0 is not the hash of its children/,
    );
  });

  it("names what is wrong with a dump that is not one", () => {
    expect(
      verifyTreeDump({ format: "x", leafEncoding: [], tree: [], values: [] }).problems,
    ).toEqual([
      'tree.json: format is "x", not "standard-v1"',
      'tree.json: leafEncoding is [], not ["address","address","uint256"]',
      "tree.json: 0 nodes for 0 values (expected -1)",
    ]);
  });
});
