import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { computeEpoch } from "../engine/epoch";
import { writeEpochOutputs } from "../engine/outputs";
import { parseSeason } from "../engine/season";
import { checkEpochFolder } from "./epoch-folder-check";
import { EVENTS, P, TOKEN, testSeason } from "./test-season";

let root = "";
const dirOf = (n: number) => path.join(root, `epoch-${n}`);
const file = (n: number, f: string) => path.join(dirOf(n), f);

function close(n: number, curve: "rank-linear" | "score" = "rank-linear"): void {
  const result = computeEpoch({ season: testSeason(curve), epoch: n, events: EVENTS });
  writeEpochOutputs(result, dirOf(n));
}

const check = (n: number, curve: "rank-linear" | "score" = "rank-linear") =>
  checkEpochFolder(dirOf(n), {
    season: testSeason(curve),
    epoch: n,
    previousDir: n > 1 ? dirOf(n - 1) : undefined,
  });

/** Replaces the first match of `from` in a file of epoch n. */
function edit(n: number, f: string, from: string | RegExp, to: string): void {
  const text = fs.readFileSync(file(n, f), "utf8");
  const next = text.replace(from, to);
  expect(next, `edit of ${f}`).not.toBe(text);
  fs.writeFileSync(file(n, f), next);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "folder-check-"));
  close(1);
  close(2);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe("checkEpochFolder", () => {
  it("accepts what the engine wrote, for both curves, with or without the previous folder", async () => {
    expect(await check(1)).toMatchObject({ ok: true, problems: [], notes: [] });
    expect(await check(2)).toMatchObject({ ok: true, problems: [], notes: [] });
    fs.rmSync(dirOf(1), { recursive: true });
    const alone = await check(2);
    expect(alone.ok).toBe(true);
    expect(alone.notes[0]).toMatch(/epoch 1's folder is not here/);
    close(1, "score");
    close(2, "score");
    expect((await check(2, "score")).problems).toEqual([]);
  });

  it("names a missing file", async () => {
    fs.rmSync(file(2, "proofs.json"));
    const r = await check(2);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([`proofs.json: missing from ${dirOf(2)}`]);
  });

  it("names allocations.csv when an allocation or a cumulative amount is edited", async () => {
    const [, row] = fs.readFileSync(file(1, "allocations.csv"), "utf8").split("\n");
    const [account, token, allocation, cumulative] = row.split(",");
    const bigger = String(BigInt(allocation) + 1n);
    edit(1, "allocations.csv", row, [account, token, bigger, cumulative].join(","));
    const r = await check(1);
    expect(r.ok).toBe(false);
    expect(r.problems.every((p) => p.startsWith("allocations.csv"))).toBe(true);
    expect(r.problems.join("\n")).toMatch(/Σ allocation/);
    expect(r.problems.join("\n")).toMatch(/its rank and score in scores\.csv give/);

    close(1);
    edit(
      1,
      "allocations.csv",
      row,
      [account, token, allocation, String(BigInt(cumulative) + 5n)].join(","),
    );
    expect((await check(1)).problems.join("\n")).toMatch(
      /allocations\.csv: .* differs from tree\.json's/,
    );
  });

  it("names scores.csv when a score, a rank or the order is edited", async () => {
    edit(1, "scores.csv", /\n1,(0x[0-9a-f]{40}),262\.500000,/, "\n1,$1,262.600000,");
    expect((await check(1)).problems[0]).toMatch(
      /^scores\.csv line 2: .* not max\(boosted, dollars\)/,
    );

    close(1);
    // P0 262.5 (rank 1), P1 200 (rank 2), P2 100 (rank 3): claim P2 is second
    edit(1, "scores.csv", /\n3,/, "\n2,");
    expect((await check(1)).problems.join("\n")).toMatch(
      /scores\.csv line 4: .* is not where its score puts it/,
    );

    close(1);
    const lines = fs.readFileSync(file(1, "scores.csv"), "utf8").split("\n");
    fs.writeFileSync(file(1, "scores.csv"), [lines[0], ...lines.slice(2)].join("\n"));
    const r = await check(1);
    expect(r.problems.join("\n")).toMatch(/scores\.csv: 2 rows, summary\.json says 3 accounts/);
  });

  it("names tree.json, proofs.json or summary.json when they are edited", async () => {
    edit(1, "tree.json", /"1000"|"[1-9][0-9]*"\]/, '"999"]');
    expect((await check(1)).problems.join("\n")).toMatch(
      /tree\.json line 1, byte \d+: not the dump of its own values/,
    );

    close(1);
    edit(1, "tree.json", /"format":"standard-v1"/, '"format":"standard-v2"');
    expect((await check(1)).problems).toContain("tree.json: not an OpenZeppelin standard-v1 dump");

    close(1);
    edit(1, "proofs.json", /"proof":\["0x[0-9a-f]/, '"proof":["0x0');
    expect((await check(1)).problems.join("\n")).toMatch(
      /proofs\.json line \d+, byte \d+: not the proofs of tree\.json's leaves/,
    );

    close(1);
    edit(1, "summary.json", /"participants": 3/, '"participants": 4');
    expect((await check(1)).problems.join("\n")).toMatch(/summary\.json says 4 participants/);

    close(1);
    edit(1, "summary.json", /"root": "0x[0-9a-f]+"/, `"root": "0x${"11".repeat(32)}"`);
    expect((await check(1)).problems[0]).toMatch(/^summary\.json: root 0x1111/);

    close(1);
    edit(1, "anomalies.json", "[]", "[{}]");
    expect((await check(1)).problems).toContain(
      "anomalies.json: lists 1 records, summary.json counts 0",
    );
    close(1);
    edit(1, "anomalies.json", "[]", "{");
    expect((await check(1)).problems.join("\n")).toMatch(/anomalies\.json: not valid JSON/);
    close(1);
    edit(1, "anomalies.json", "[]", "{}");
    expect((await check(1)).problems).toContain("anomalies.json: not a JSON array");
  });

  it("names a leaf given twice, or an amount beyond uint256, in an otherwise consistent tree.json", async () => {
    const dump = JSON.parse(fs.readFileSync(file(1, "tree.json"), "utf8")) as {
      values: { value: [string, string, string] }[];
    };
    const [account, token, amount] = dump.values[0].value;
    const values = [...dump.values.map((v) => v.value), [account, token, amount]];
    const twice = StandardMerkleTree.of(values, ["address", "address", "uint256"]);
    fs.writeFileSync(file(1, "tree.json"), `${JSON.stringify(twice.dump())}\n`);
    expect((await check(1)).problems).toContain(
      `tree.json: ${account} token ${token} is a leaf twice`,
    );

    close(1);
    edit(1, "tree.json", `"${amount}"]`, `"${1n << 256n}"]`);
    expect((await check(1)).problems).toContainEqual(
      expect.stringMatching(/^tree\.json: values\[\d+\]: amount \d+ is not a uint256$/),
    );
  });

  it("names a proofs.json cut short or extended", async () => {
    close(1);
    const proofs = fs.readFileSync(file(1, "proofs.json"), "utf8");
    fs.writeFileSync(file(1, "proofs.json"), proofs.slice(0, proofs.length - 10));
    expect((await check(1)).problems).toContainEqual(
      expect.stringMatching(/^proofs\.json after line \d+ \(the file is shorter\): not the proofs/),
    );
    fs.writeFileSync(file(1, "proofs.json"), `${proofs}\n`);
    expect((await check(1)).problems).toContainEqual(
      expect.stringMatching(/^proofs\.json after line \d+ \(the file is longer\): not the proofs/),
    );
    fs.writeFileSync(file(1, "proofs.json"), proofs);
    expect((await check(1)).ok).toBe(true);
  });

  it("refuses a folder of another epoch, season, pool or curve", async () => {
    const wrong = await checkEpochFolder(dirOf(1), {
      season: testSeason(),
      epoch: 2,
      previousDir: dirOf(1),
    });
    expect(wrong.problems.join("\n")).toMatch(/summary\.json: epoch is 1, not 2/);
    expect(wrong.problems.join("\n")).toMatch(/endTime is 1000, the season's epoch 2 ends at 2000/);

    const other = testSeason();
    const renamed = parseSeason({ ...other, name: "other" });
    expect((await checkEpochFolder(dirOf(1), { season: renamed, epoch: 1 })).problems[0]).toMatch(
      /season is 'test', not 'other'/,
    );
    const richer = parseSeason({
      ...other,
      rewards: {
        ...other.rewards,
        epochs: other.rewards.epochs.map((e) => ({ ...e, pools: { [TOKEN]: "2000" } })),
      },
    });
    expect(
      (await checkEpochFolder(dirOf(1), { season: richer, epoch: 1 })).problems.join("\n"),
    ).toMatch(/pool of 0xaa.* is 1000, the season's is 2000/);
    expect((await check(1, "score")).problems.join("\n")).toMatch(/curve is 'rank-linear'/);
  });

  it("checks cumulative amounts and carried dust against the previous epoch", async () => {
    // epoch 1 written from fewer events: epoch 2's cumulative no longer adds up
    const fewer = EVENTS.filter((e) => e.account !== P[2]);
    writeEpochOutputs(computeEpoch({ season: testSeason(), epoch: 1, events: fewer }), dirOf(1));
    const r = await check(2);
    expect(r.ok).toBe(false);
    expect(r.problems.join("\n")).toMatch(
      /cumulative \d+ ≠ epoch 1's \d+ \+ allocation \d+|carries \d+ of 0xaa.* in, epoch 1 left \d+/,
    );
  });
});
