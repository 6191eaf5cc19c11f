import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeEpoch } from "../engine/epoch";
import { writeEpochOutputs } from "../engine/outputs";
import {
  findAllocationLines,
  findProofs,
  findScoreLines,
  parseAllocationLine,
  parseAllocationsCsv,
  parseScoreLine,
  parseScoresCsv,
  topScoreLines,
} from "./epoch-files";
import { EVENTS, P, TOKEN, testSeason } from "./test-season";

let dir = "";
const f = (name: string) => path.join(dir, name);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "epoch-files-"));
  writeEpochOutputs(computeEpoch({ season: testSeason(), epoch: 2, events: EVENTS }), dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("epoch files", () => {
  it("parses score and allocation lines, naming the file and line of a bad one", () => {
    expect(parseScoreLine(`2,${P[1]},200.000000,58.333332,58.333332,200`, 3)).toEqual({
      rank: 2,
      account: P[1],
      scoreUnits: 200_000_000n,
      actionUnits: 58_333_332n,
      boostedUnits: 58_333_332n,
      dollars: 200n,
    });
    expect(parseScoreLine(`,${P[4]},0.000000,0.000000,0.000000,0`, 9).rank).toBe(0);
    expect(() => parseScoreLine(`x,${P[1]},1.0,1,1,0`, 3)).toThrow(/^scores\.csv line 3: rank 'x'/);
    expect(() => parseScoreLine(`1,${P[1]},1e3,1,1,0`, 4)).toThrow(/line 4: score '1e3'/);
    expect(() => parseScoreLine(`1,${P[1]},1`, 5)).toThrow(/expected 6 fields, got 3/);
    expect(parseAllocationLine(`${P[0]},${TOKEN},5,7`, 2)).toEqual({
      account: P[0],
      token: TOKEN,
      allocation: 5n,
      cumulative: 7n,
    });
    expect(() => parseAllocationLine(`${P[0]},${TOKEN},-5,7`, 2)).toThrow(
      /^allocations\.csv line 2: allocation '-5'/,
    );
    expect(() => parseAllocationLine(`${P[0].toUpperCase()},${TOKEN},5,7`, 2)).toThrow(
      /account .* is not a lowercase 0x address/,
    );
  });

  it("parses whole CSV texts as the file readers do, and refuses a wrong header or an empty text", async () => {
    const scores = fs.readFileSync(f("scores.csv"), "utf8");
    const found = await findScoreLines(f("scores.csv"), P);
    expect(parseScoresCsv(scores)).toEqual(expect.arrayContaining([...found.values()]));
    expect(parseScoresCsv(scores)).toHaveLength(scores.trim().split("\n").length - 1);
    const allocations = parseAllocationsCsv(fs.readFileSync(f("allocations.csv"), "utf8"));
    expect(allocations.every((a) => a.token === TOKEN && a.cumulative >= a.allocation)).toBe(true);
    expect(() => parseScoresCsv("rank,account\n")).toThrow(
      /^scores\.csv line 1: header is 'rank,account'/,
    );
    expect(() => parseAllocationsCsv("")).toThrow("allocations.csv line 1: the file is empty");
  });

  it("reads the top of scores.csv and finds accounts' rows", async () => {
    const all = fs.readFileSync(f("scores.csv"), "utf8").trim().split("\n").slice(1);
    const top = await topScoreLines(f("scores.csv"), 2);
    expect(top.map((r) => r.account)).toEqual(all.slice(0, 2).map((l) => l.split(",")[1]));
    expect(await topScoreLines(f("scores.csv"), 0)).toEqual([]);
    const ranked = all.filter((l) => !l.startsWith(",")).length;
    expect(await topScoreLines(f("scores.csv"), 100)).toHaveLength(ranked);
    const found = await findScoreLines(f("scores.csv"), [P[2], `0x${"99".repeat(20)}`]);
    expect([...found.keys()]).toEqual([P[2]]);
    const allocations = await findAllocationLines(f("allocations.csv"), [P[0]]);
    expect(allocations.get(P[0])).toHaveLength(1);
  });

  it("finds accounts' proofs in proofs.json", async () => {
    const proofs = JSON.parse(fs.readFileSync(f("proofs.json"), "utf8")) as {
      epoch: number;
      root: string;
      accounts: Record<string, { token: string; amount: string; proof: string[] }[]>;
    };
    const { header, leaves } = await findProofs(f("proofs.json"), [
      P[0],
      P[3],
      `0x${"99".repeat(20)}`,
    ]);
    expect(header).toEqual({ epoch: 2, root: proofs.root });
    expect([...leaves.keys()].sort()).toEqual([P[0], P[3]]);
    expect(leaves.get(P[3])).toEqual(
      proofs.accounts[P[3]].map((c) => ({
        token: c.token,
        amount: BigInt(c.amount),
        proof: c.proof,
      })),
    );
    const bad = path.join(dir, "bad-proofs.json");
    fs.writeFileSync(
      bad,
      `${fs.readFileSync(f("proofs.json"), "utf8").split("\n")[0]}\nnot a line\n}}\n`,
    );
    await expect(findProofs(bad, [P[0]])).rejects.toThrow(
      /proofs\.json line 2: not one account's line/,
    );
  });
});
