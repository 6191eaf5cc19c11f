import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { Leaderboard, PointsMe } from "../../tasks/lib/standings";
import { expectRefusal, run, runQuietly } from "../helpers/tasks";
import {
  SEASON_FILE,
  closeEpoch,
  epochTwoActivity,
  publishAndAccept,
  seasonFixture,
  useSeasonDirs,
} from "./ops.fixture";

const season = SEASON_FILE;

describe("standings tasks", () => {
  const dirs = useSeasonDirs();
  const csv = (n: number, f: string) =>
    fs
      .readFileSync(path.join(dirs.epochs(), `epoch-${n}`, f), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
  /** scores.csv rows as leaderboard rows (without rewards). */
  const scoresOf = (n: number) =>
    csv(n, "scores.csv").map(([rank, account, score, actionPoints, boosted, dollars]) => ({
      rank: rank === "" ? null : Number(rank),
      account: ethers.getAddress(account),
      score,
      actionPoints,
      boosted,
      dollars,
    }));
  const allocationOf = (n: number, account: string) => {
    const row = csv(n, "allocations.csv").find(([a]) => a === account.toLowerCase());
    return { allocation: BigInt(row?.[2] ?? 0), cumulative: BigInt(row?.[3] ?? 0) };
  };

  describe("leaderboard", () => {
    it("shows the top N as scores.csv and allocations.csv have them", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      await closeEpoch(1);
      const board = await runQuietly<Leaderboard>("leaderboard", { season, top: 4, json: true });
      expect(board).to.include({
        epoch: 1,
        participants: 6,
        rootStatus: "unpublished",
        endTime: f.ends[0],
      });
      expect(board.rows.map(({ rewards: _r, ...r }) => r)).to.deep.equal(scoresOf(1).slice(0, 4));
      for (const row of board.rows) {
        expect(row.rewards).to.deep.equal([
          { token: f.reward, symbol: "tREWARD", ...allocationOf(1, row.account) },
        ]);
      }
      const all = await runQuietly<Leaderboard>("leaderboard", { season, json: true });
      expect(all.rows).to.have.length(6); // default 10, six ranked
      const text = await run("leaderboard", { season, top: 2, json: false });
      expect(text).to.match(/Epoch 1 of 'Season 1' .* 6 ranked; root unpublished/);
      expect(text).to.match(new RegExp(`\\n +1  ${f.a1.address} +10000 +500 +500 +10000 `));
      const json = await run("leaderboard", { season, top: 1, json: true });
      expect(JSON.parse(json).rows[0].rewards[0].allocation).to.equal(
        allocationOf(1, f.a1.address).allocation.toString(),
      );
    });

    it("shows one account's rank, breakdown and claimable amount (cumulative − claimed)", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      await closeEpoch(1);
      const me = async () =>
        (
          await runQuietly<Leaderboard>("leaderboard", {
            season,
            account: f.a3.address,
            json: true,
          })
        ).rows[0];
      const { allocation, cumulative } = allocationOf(1, f.a3.address);
      const row = await me();
      const { rewards, ...score } = row;
      expect(score).to.deep.equal(scoresOf(1).find((s) => s.account === f.a3.address));
      expect(score).to.include({
        rank: 4,
        score: "2187.500000",
        actionPoints: "1750.000000",
        boosted: "2187.500000",
      });
      expect(rewards).to.deep.equal([
        {
          token: f.reward,
          symbol: "tREWARD",
          allocation,
          cumulative,
          claimed: 0n,
          claimable: cumulative,
        },
      ]);
      const text = await run("leaderboard", { season, account: f.a3.address, json: false });
      expect(text).to.match(/rank 4 of 6/);
      expect(text).to.match(/claimable once epoch 1's root is accepted; it is unpublished/);

      await publishAndAccept(1);
      await runQuietly("rewards:fund", { season, epoch: 1, mint: true });
      await runQuietly("rewards:claim", { season, account: f.a3.address });
      expect((await me()).rewards[0]).to.include({ claimed: cumulative, claimable: 0n });
      expect(
        (await runQuietly<Leaderboard>("leaderboard", { season, json: true })).rootStatus,
      ).to.equal("accepted");
    });

    it("shows an account without a score as unranked", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      await closeEpoch(1);
      const board = await runQuietly<Leaderboard>("leaderboard", {
        season,
        account: f.outsider.address,
        json: true,
      });
      expect(board.rows[0]).to.deep.include({
        rank: null,
        account: f.outsider.address,
        score: "0.000000",
      });
      expect(board.rows[0].rewards[0]).to.include({ cumulative: 0n, claimable: 0n });
    });

    it("refuses --top with --account, a bad --top or account, and no closed epoch", async () => {
      const f = await loadFixture(seasonFixture);
      await expectRefusal(
        "leaderboard",
        { season },
        /no closed epoch in .*: run `npx hardhat epoch:close/,
      );
      await time.increaseTo(f.ends[0]);
      await closeEpoch(1);
      await expectRefusal(
        "leaderboard",
        { season, top: 3, account: f.a1.address },
        /give --top N or --account A, not both/,
      );
      await expectRefusal(
        "leaderboard",
        { season, top: 0 },
        /--top must be a positive integer, got 0/,
      );
      await expectRefusal(
        "leaderboard",
        { season, account: "alice" },
        /--account 'alice' is not an address/,
      );
      await expectRefusal("leaderboard", { season, epoch: 2 }, /epoch 2 is not closed/);
      fs.writeFileSync(path.join(dirs.epochs(), "epoch-1", "scores.csv"), "rank,account\n");
      await expectRefusal(
        "leaderboard",
        { season },
        /epoch-1\/scores\.csv line 1: header is 'rank,account'/,
      );
    });
  });

  describe("points:me", () => {
    it("explains a score: decay per completion, the boost, the rank; equal to scores.csv", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      await closeEpoch(1);
      const me = await runQuietly<PointsMe>("points:me", {
        season,
        account: f.a3.address,
        json: true,
      });
      expect(me).to.deep.include({
        account: f.a3.address,
        epoch: 1,
        rank: 4,
        participants: 6,
        mint: null,
        actionPoints: "1750.000000",
        boosted: "2187.500000",
        dollars: "0",
        score: "2187.500000",
      });
      expect(me.actions).to.deep.equal([
        {
          action: "midas.buy-ticket",
          dapp: "Midas Games",
          completions: 2,
          counted: 2,
          cap: 24,
          perCompletion: ["1000.000000", "750.000000"],
          points: "1750.000000",
        },
      ]);
      expect(me.boosts.map(({ time: _t, ...b }) => b)).to.deep.equal([
        { boost: "riddle-02", kind: "multiplier", effect: "×5/4" },
      ]);
      const row = scoresOf(1).find((s) => s.account === f.a3.address)!;
      expect([me.rank, me.score, me.actionPoints, me.boosted, me.dollars]).to.deep.equal([
        row.rank,
        row.score,
        row.actionPoints,
        row.boosted,
        row.dollars,
      ]);
      const text = await run("points:me", { season, account: f.a3.address, json: false });
      expect(text).to.match(/midas\.buy-ticket +Midas Games +2 +2 +24 +1000, 750 +1750/);
      expect(text).to.match(/boosted +2187\.5 \(×5\/4, \+0\)/);
      expect(text).to.match(/rank +4 of 6/);
    });

    it("shows the dollar floor winning, the relayed swap and the join, for every participant as scores.csv", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      await closeEpoch(1);
      const a2 = await runQuietly<PointsMe>("points:me", {
        season,
        account: f.a2.address,
        json: true,
      });
      expect(a2.actions.map((a) => [a.action, a.completions, a.perCompletion])).to.deep.equal([
        ["join", 1, ["500.000000"]],
        ["netswap.swap", 1, ["300.000000"]],
        ["midas.buy-ticket", 3, ["1000.000000", "750.000000", "562.500000"]],
      ]);
      expect(a2).to.deep.include({
        actionPoints: "3112.500000",
        dollars: "5000",
        score: "5000.000000",
        rank: 2,
      });
      expect(a2.mint).to.include({ ordinal: 2, dollars: "5000" });
      const text = await run("points:me", { season, account: f.a2.address, json: false });
      expect(text).to.match(/score +5000 = max\(boosted, dollars\): the dollar floor wins/);
      for (const row of scoresOf(1)) {
        const me = await runQuietly<PointsMe>("points:me", {
          season,
          account: row.account,
          json: true,
        });
        expect([me.rank, me.score, me.actionPoints, me.boosted, me.dollars]).to.deep.equal([
          row.rank,
          row.score,
          row.actionPoints,
          row.boosted,
          row.dollars,
        ]);
      }
    });

    it("reads a later epoch (decay continues across epochs) and an earlier one by --epoch", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      await closeEpoch(1);
      await epochTwoActivity(f);
      await time.increaseTo(f.ends[1]);
      await closeEpoch(2);
      const two = await runQuietly<PointsMe>("points:me", {
        season,
        account: f.a4.address,
        json: true,
      });
      expect(two.actions[0].perCompletion).to.deep.equal([
        "1000.000000",
        "750.000000",
        "562.500000",
      ]);
      expect(two.score).to.equal("2312.500000");
      const one = await runQuietly<PointsMe>("points:me", {
        season,
        account: f.a4.address,
        epoch: 1,
        json: true,
      });
      expect(one.score).to.equal("1000.000000");
    });

    it("shows an account without events as unranked with nothing counted", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      await closeEpoch(1);
      const me = await runQuietly<PointsMe>("points:me", {
        season,
        account: f.outsider.address,
        json: true,
      });
      expect(me).to.deep.include({
        rank: null,
        actions: [],
        boosts: [],
        mint: null,
        score: "0.000000",
      });
    });

    it("refuses when the events no longer give the epoch's scores, a missing events file, bad input", async () => {
      const f = await loadFixture(seasonFixture);
      await expectRefusal("points:me", { season, account: f.a3.address }, /no closed epoch in/);
      await time.increaseTo(f.ends[0]);
      await closeEpoch(1);
      const events = path.join(dirs.epochs(), "events.ndjson");
      fs.appendFileSync(
        events,
        `{"kind":"action","account":"${f.a3.address.toLowerCase()}","action":"tethys.swap","ref":"0x${"77".repeat(32)}","time":${f.start + 10}}\n`,
      );
      await expectRefusal(
        "points:me",
        { season, account: f.a3.address },
        /events\.ndjson gives 0x[0-9a-fA-F]{40} a score of 2562\.5 in epoch 1 but .*scores\.csv says 2187\.5: the events changed since the epoch was closed/,
      );
      fs.appendFileSync(events, `{"kind":"action","account":"${f.a3.address.toLowerCase()}"}\n`);
      await expectRefusal(
        "points:me",
        { season, account: f.a3.address },
        /events\.ndjson: line 19: /,
      );
      fs.rmSync(events);
      await expectRefusal(
        "points:me",
        { season, account: f.a3.address },
        /events\.ndjson is missing: run epoch:close/,
      );
      await expectRefusal(
        "points:me",
        { season, account: "0x" },
        /--account '0x' is not an address/,
      );
      await expectRefusal(
        "points:me",
        { season, account: f.a3.address, epoch: 3 },
        /epoch 3 is not closed/,
      );
    });
  });
});
