import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeEpoch } from "../engine/epoch";
import { formatEvents } from "../engine/events";
import { writeEpochOutputs } from "../engine/outputs";
import { pointsBreakdown } from "../season/breakdown";
import { parseScoresCsv } from "../season/epoch-files";
import { EVENTS, P, TOKEN, testSeason } from "../season/test-season";
import { siteAccount } from "./account";
import { builtEpoch, writeEpochSite } from "./build-epoch";
import { shardDigitsFor, shardFile, shardNames, shardOf } from "./shard";
import type { AccountShard, LeaderboardPage } from "./types";

describe("shards", () => {
  it("names an account's shard by the lowercase hex prefix of its address", () => {
    expect(shardOf(`0xAB${"0".repeat(38)}`, 2)).toBe("ab");
    expect(shardOf(P[0], 0)).toBe("");
    expect(() => shardOf("0x12", 1)).toThrow(/not an address/);
    expect(shardNames(1)).toHaveLength(16);
    expect(shardNames(2)[255]).toBe("ff");
    expect(shardFile("")).toBe("all.json");
  });

  it("keeps the mean shard at a quarter of the limit: 1 GiB of data takes 3 digits", () => {
    expect(shardDigitsFor(0)).toBe(0);
    expect(shardDigitsFor(256 * 1024)).toBe(0);
    expect(shardDigitsFor(256 * 1024 + 1)).toBe(1);
    expect(shardDigitsFor(2 ** 30)).toBe(3);
    expect(() => shardDigitsFor(-1)).toThrow();
  });
});

describe("writeEpochSite", () => {
  let root = "";
  let dir = "";
  let eventsFile = "";
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "site-test-"));
    dir = path.join(root, "epoch-2");
    eventsFile = path.join(root, "events.ndjson");
    fs.writeFileSync(eventsFile, formatEvents(EVENTS));
    const result = computeEpoch({ season: testSeason(), epoch: 2, events: EVENTS });
    writeEpochOutputs(result, dir);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const summary = () => JSON.parse(fs.readFileSync(path.join(dir, "summary.json"), "utf8"));
  const readJson = <T>(...parts: string[]): T =>
    JSON.parse(fs.readFileSync(path.join(root, "site", ...parts), "utf8")) as T;

  it("writes every account in its shard with the breakdown points:me prints, and the leaderboard in rank order", async () => {
    const out = path.join(root, "site", "2");
    const { epoch, largestShard } = await writeEpochSite({
      dir,
      eventsFile,
      season: testSeason(),
      summary: summary(),
      out,
      pageSize: 2,
      shardDigits: 1,
    });
    expect(epoch.shardDigits).toBe(1);
    expect(epoch.root).toBe(summary().root);
    expect(builtEpoch(out)).toEqual(epoch);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
    expect(fs.readdirSync(path.join(out, "accounts"))).toHaveLength(16);

    const proofs = fs.readFileSync(path.join(dir, "proofs.json"), "utf8");
    for (const account of P.slice(0, 4)) {
      const shard = readJson<AccountShard>("2", "accounts", shardFile(shardOf(account, 1)));
      const entry = shard.accounts[account];
      expect(entry, account).toBeDefined();
      const row = parseScoresCsv(fs.readFileSync(path.join(dir, "scores.csv"), "utf8")).find(
        (r) => r.account === account,
      );
      const expected = siteAccount(
        account,
        row,
        [],
        [],
        pointsBreakdown(testSeason(), 2, account, EVENTS),
      );
      expect(entry.rank).toBe(expected.rank);
      expect(entry.score).toBe(expected.score);
      expect(entry.actions).toEqual(expected.actions);
      expect(entry.boosts).toEqual(expected.boosts);
      // the leaves are proofs.json's own
      for (const r of entry.rewards) {
        expect(r.token).toBe(TOKEN);
        expect(proofs).toContain(`"amount":"${r.cumulative}","proof":${JSON.stringify(r.proof)}`);
      }
    }
    expect(largestShard).toBeGreaterThan(0);

    const pages = [1, 2].map((p) => readJson<LeaderboardPage>("2", "leaderboard", `${p}.json`));
    const ranks = pages.flatMap((p) => p.rows.map((r) => r[0]));
    expect(ranks).toEqual([1, 2, 3, 4].slice(0, epoch.ranked));
    expect(epoch.pages).toBe(Math.ceil(epoch.ranked / 2));
  });

  it("writes shards finer than its spill buckets (3 hex digits: 4096 files), every account in its own", async () => {
    const out = path.join(root, "site", "fine");
    const { epoch } = await writeEpochSite({
      dir,
      eventsFile,
      season: testSeason(),
      summary: summary(),
      out,
      shardDigits: 3,
    });
    expect(fs.readdirSync(path.join(out, "accounts"))).toHaveLength(4096);
    let found = 0;
    for (const account of P) {
      const shard = JSON.parse(
        fs.readFileSync(path.join(out, "accounts", shardFile(shardOf(account, 3))), "utf8"),
      ) as AccountShard;
      expect(shard.prefix).toBe(shardOf(account, 3));
      if (shard.accounts[account]) found++;
    }
    expect(found).toBe(epoch.participants);
  });

  it("refuses a shard over the limit, and a proofs.json of another root, leaving nothing half-built", async () => {
    const out = path.join(root, "site", "small");
    await expect(
      writeEpochSite({
        dir,
        eventsFile,
        season: testSeason(),
        summary: summary(),
        out,
        shardDigits: 0,
        limit: 100,
      }),
    ).rejects.toThrow(/more than 100/);
    expect(fs.existsSync(out)).toBe(false);
    await expect(
      writeEpochSite({
        dir,
        eventsFile,
        season: testSeason(),
        summary: { ...summary(), root: `0x${"11".repeat(32)}` },
        out,
      }),
    ).rejects.toThrow(/proofs.json line 1/);
  });

  it("refuses a breakdown that does not explain the score", () => {
    const b = pointsBreakdown(testSeason(), 2, P[0], EVENTS);
    expect(() =>
      siteAccount(
        P[0],
        { rank: 1, account: P[0], scoreUnits: 1n, actionUnits: 1n, boostedUnits: 1n, dollars: 0n },
        [],
        [],
        b,
      ),
    ).toThrow(/events changed/);
  });
});
