import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { computeEpoch } from "./epoch";
import { OUTPUT_FILES, writeEpochOutputs } from "./outputs";
import { loadSeasonFile } from "./season";

const EXAMPLE = path.join(__dirname, "../../examples/season-1");

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "epoch-out-"));
}

describe("epoch outputs", () => {
  // The example's expected outputs are committed (examples/season-1/out/epoch-N): recomputing
  // them must give the same bytes, on any machine.
  it.each([1, 2])("recomputes the example's epoch %i byte for byte", (epoch) => {
    const season = loadSeasonFile(path.join(EXAMPLE, "season.json"));
    const result = computeEpoch({ season, epoch, eventsPath: path.join(EXAMPLE, "events.ndjson") });
    const dir = tmp();
    const summary = writeEpochOutputs(result, dir);
    for (const f of OUTPUT_FILES) {
      const expected = fs.readFileSync(path.join(EXAMPLE, "out", `epoch-${epoch}`, f));
      expect(fs.readFileSync(path.join(dir, f)).equals(expected), f).toBe(true);
    }
    expect(fs.readdirSync(dir).sort()).toEqual([...OUTPUT_FILES].sort());
    expect(summary.root).toBe(result.root);
  });

  it("writes proofs.json one account per line, as valid JSON matching the tree", () => {
    const season = loadSeasonFile(path.join(EXAMPLE, "season.json"));
    const result = computeEpoch({
      season,
      epoch: 2,
      eventsPath: path.join(EXAMPLE, "events.ndjson"),
    });
    const dir = tmp();
    writeEpochOutputs(result, dir);
    const text = fs.readFileSync(path.join(dir, "proofs.json"), "utf8");
    expect(JSON.parse(text)).toEqual(result.proofs());
    expect(text.trimEnd().split("\n")).toHaveLength(
      2 + Object.keys(result.proofs().accounts).length,
    );
    expect(result.dataHash).toBe(
      JSON.parse(fs.readFileSync(path.join(dir, "summary.json"), "utf8")).dataHash,
    );
  });

  it("writes the other four files, the same bytes, without proofs.json when asked", () => {
    const season = loadSeasonFile(path.join(EXAMPLE, "season.json"));
    const result = computeEpoch({
      season,
      epoch: 2,
      eventsPath: path.join(EXAMPLE, "events.ndjson"),
    });
    const dir = tmp();
    writeEpochOutputs(result, dir, { proofs: false });
    const others = OUTPUT_FILES.filter((f) => f !== "proofs.json");
    expect(fs.readdirSync(dir).sort()).toEqual([...others].sort());
    for (const f of others) {
      const expected = fs.readFileSync(path.join(EXAMPLE, "out", "epoch-2", f));
      expect(fs.readFileSync(path.join(dir, f)).equals(expected), f).toBe(true);
    }
  });

  it("replaces the files of a previous run and leaves nothing else behind", () => {
    const season = loadSeasonFile(path.join(EXAMPLE, "season.json"));
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "scores.csv"), "old");
    fs.writeFileSync(path.join(dir, "notes.txt"), "mine");
    writeEpochOutputs(
      computeEpoch({ season, epoch: 1, eventsPath: path.join(EXAMPLE, "events.ndjson") }),
      dir,
    );
    expect(fs.readFileSync(path.join(dir, "scores.csv"), "utf8")).toMatch(/^rank,account,score/);
    expect(fs.readdirSync(dir).sort()).toEqual([...OUTPUT_FILES, "notes.txt"].sort());
  });
});
