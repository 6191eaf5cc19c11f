import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { EpochSummary } from "../../src/engine/epoch";
import { OUTPUT_FILES } from "../../src/engine/outputs";
import type { PublishResult } from "../../tasks/lib/epoch-publish";
import { expectRefusal, run, runQuietly } from "../helpers/tasks";
import {
  POOL,
  SEASON_FILE,
  TIMELOCK,
  closeEpoch,
  epochTwoActivity,
  publishAndAccept,
  seasonFixture,
  useSeasonDirs,
  type SeasonFixture,
} from "./ops.fixture";

const season = SEASON_FILE;
const publish = (epoch?: number, from?: string) =>
  runQuietly<PublishResult>("epoch:publish", { season, epoch, from });
const accept = () => runQuietly<{ epoch: number; root: string }>("epoch:accept", { season });

describe("epoch tasks", () => {
  const dirs = useSeasonDirs();
  const epochDir = (n: number) => path.join(dirs.epochs(), `epoch-${n}`);
  const distributor = (f: SeasonFixture) =>
    ethers.getContractAt("RewardDistributor", f.distributor);

  describe("epoch:close", () => {
    it("refuses before the epoch's end, naming the end and the chain's time", async () => {
      await loadFixture(seasonFixture);
      await expectRefusal(
        "epoch:close",
        { season, epoch: 1 },
        /epoch 1 is not over: it ends at .*Z and the chain's confirmed head \(block \d+, 0 confirmations\) is at .*Z, \d+m( \d+s)? before/,
      );
      await expectRefusal("epoch:close", { season }, /no epoch has ended yet: epoch 1 ends at/);
      expect(fs.readdirSync(dirs.epochs())).to.deep.equal([]);
    });

    it("refuses an epoch the season does not have, and a bad --top", async () => {
      await loadFixture(seasonFixture);
      await expectRefusal(
        "epoch:close",
        { season, epoch: 4 },
        /epoch 4 is not in the season \(it has epochs 1 to 3\)/,
      );
      await expectRefusal(
        "epoch:close",
        { season, epoch: 0 },
        /--epoch must be a positive integer, got 0/,
      );
      await expectRefusal(
        "epoch:close",
        { season, epoch: 1, top: -1 },
        /--top must be a non-negative integer/,
      );
    });

    it("exports, computes and writes epoch 1: the scores and split of the season's rules", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      const out = await run("epoch:close", { season, epoch: 1, top: 3, quiet: true });
      const dir = epochDir(1);
      expect(fs.readdirSync(dir).sort()).to.deep.equal([...OUTPUT_FILES].sort());
      const summary = JSON.parse(
        fs.readFileSync(path.join(dir, "summary.json"), "utf8"),
      ) as EpochSummary;

      // scores (points): see ops.fixture.ts; the operator's seeding is 2 Hummus deposits
      // (500 + 375) and a relayed Netswap liquidity add (500)
      const scores = fs
        .readFileSync(path.join(dir, "scores.csv"), "utf8")
        .trim()
        .split("\n")
        .slice(1);
      const low = (s: { address: string }) => s.address.toLowerCase();
      expect(scores).to.deep.equal([
        `1,${low(f.a1)},10000.000000,500.000000,500.000000,10000`,
        ...[
          `2,${low(f.a2)},5000.000000,3112.500000,3112.500000,5000`,
          `2,${low(f.a5)},5000.000000,500.000000,500.000000,5000`,
        ].sort(),
        `4,${low(f.a3)},2187.500000,1750.000000,2187.500000,0`,
        `5,${low(f.operator)},1375.000000,1375.000000,1375.000000,0`,
        `6,${low(f.a4)},1000.000000,1000.000000,1000.000000,0`,
      ]);
      // rank-linear: weight N − rank + 1 of Σ = 6 + 5 + 5 + 3 + 2 + 1 = 22
      const pool = POOL * 10n ** 18n;
      const share = (w: bigint) => (pool * w) / 22n;
      const allocated = share(6n) + 2n * share(5n) + share(3n) + share(2n) + share(1n);
      expect(summary.tokens[f.reward.toLowerCase()]).to.deep.equal({
        pool: pool.toString(),
        carriedIn: "0",
        allocated: allocated.toString(),
        dust: (pool - allocated).toString(),
        cumulative: allocated.toString(),
      });
      expect(summary).to.include({
        epoch: 1,
        participants: 6,
        accounts: 6,
        leaves: 6,
        endTime: f.ends[0],
      });
      expect(summary.events).to.deep.equal({ mints: 3, actions: 13, boosts: 1 });

      // OpenZeppelin's library loads the dump and finds the same root
      const tree = StandardMerkleTree.load(
        JSON.parse(fs.readFileSync(path.join(dir, "tree.json"), "utf8")),
      );
      expect(tree.root).to.equal(summary.root);
      expect(summary.dataHash).to.equal(
        ethers.keccak256(fs.readFileSync(path.join(dir, "tree.json"))),
      );

      // the printed top and totals
      expect(out).to.match(/Top 3:/);
      expect(out).to.match(
        new RegExp(`\\n +1  ${f.a1.address} +10000 +${ethers.formatUnits(share(6n), 18)}\\n`),
      );
      expect(out).to.match(
        new RegExp(`tREWARD\\s+1000\\s+0\\s+${ethers.formatUnits(allocated, 18)}`),
      );
      expect(out).to.include(`root      ${summary.root}`);
      expect(fs.existsSync(path.join(dirs.epochs(), "events.ndjson"))).to.equal(true);
    });

    it("closes the latest ended epoch by default, exporting only the new blocks", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      expect((await closeEpoch()).epoch).to.equal(1);
      await epochTwoActivity(f);
      await time.increaseTo(f.ends[1] + 5);
      const two = await closeEpoch();
      expect(two.epoch).to.equal(2);
      expect(two.events).to.deep.equal({ mints: 3, actions: 16, boosts: 1 });
      // the export resumed: every line once
      const lines = fs
        .readFileSync(path.join(dirs.epochs(), "events.ndjson"), "utf8")
        .trim()
        .split("\n");
      expect(new Set(lines).size).to.equal(lines.length);
    });

    it("rewrites an unpublished folder, and refuses to replace a published one by a different one", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      const first = await closeEpoch(1);
      expect((await closeEpoch(1)).root).to.equal(first.root);
      await publish(1);
      // a ticket of epoch 1 moves past its end (same bytes count): the recomputation differs
      const events = path.join(dirs.epochs(), "events.ndjson");
      const text = fs.readFileSync(events, "utf8");
      const moved = text.replace(
        new RegExp(
          `("account":"${f.a3.address.toLowerCase()}","action":"midas\\.buy-ticket",.*"time":)(\\d+)`,
        ),
        (_m, head: string) => `${head}${f.ends[0] + 100}`,
      );
      expect(moved.length).to.equal(text.length);
      fs.writeFileSync(events, moved);
      const before = fs.readFileSync(path.join(epochDir(1), "summary.json"), "utf8");
      await expectRefusal(
        "epoch:close",
        { season, epoch: 1, quiet: true },
        /epoch 1 is pending on chain with root 0x[0-9a-f]{64}, but the events now give 0x[0-9a-f]{64}: .* is left as it is/,
      );
      expect(fs.readFileSync(path.join(epochDir(1), "summary.json"), "utf8")).to.equal(before);
    });
  });

  describe("epoch:publish", () => {
    it("publishes the folder's root and dump hash; the root is pending for the timelock", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      const summary = await closeEpoch(1);
      const result = await publish(1);
      const d = await distributor(f);
      const pending = await d.pendingRoot();
      expect(result.root).to.equal(summary.root);
      expect(pending.root).to.equal(summary.root);
      expect(pending.dataHash).to.equal(
        ethers.keccak256(fs.readFileSync(path.join(epochDir(1), "tree.json"))),
      );
      expect(pending.epoch).to.equal(1n);
      const receipt = await ethers.provider.getTransactionReceipt(result.txHash);
      const block = await ethers.provider.getBlock(receipt!.blockNumber);
      expect(result.validAt).to.equal(block!.timestamp + TIMELOCK);
      expect(pending.validAt).to.equal(BigInt(result.validAt));
      expect(result.dataHash).to.equal(pending.dataHash);
      expect(result.epoch).to.equal(1);
    });

    it("refuses an epoch already published, pending or accepted, or not after the accepted one", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      await closeEpoch(1);
      const { validAt } = await publish(1);
      await expectRefusal(
        "epoch:publish",
        { season, epoch: 1 },
        /epoch 1 is already published \(root 0x[0-9a-f]{64}\), pending until .*: accept it/,
      );
      await time.increaseTo(validAt);
      await accept();
      await expectRefusal(
        "epoch:publish",
        { season, epoch: 1 },
        /epoch 1 is already published and accepted/,
      );
      await time.increaseTo(f.ends[1]);
      await closeEpoch(2);
      await publishAndAccept(2);
      await expectRefusal(
        "epoch:publish",
        { season, epoch: 2 },
        /epoch 2 is already published and accepted/,
      );
    });

    it("refuses while another epoch is pending, an epoch that skips one, and one below the accepted one", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[1]);
      await closeEpoch(1);
      await closeEpoch(2);
      await publish(1);
      await expectRefusal(
        "epoch:publish",
        { season, epoch: 2 },
        /epoch 1's root is pending until .*: accept or revoke it before publishing epoch 2/,
      );
      await runQuietly("epoch:revoke", { season, from: f.guardian.address });
      await expectRefusal(
        "epoch:publish",
        { season, epoch: 2 },
        /epoch 2 cannot be published before epoch 1: epochs advance by one \(publish epoch 1 first\)/,
      );
      await publishAndAccept(1);
      await publishAndAccept(2);
      await expectRefusal(
        "epoch:publish",
        { season, epoch: 1 },
        /epoch 1 is already published and accepted/,
      );
    });

    it("refuses a folder edited by hand, naming the file", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      const edits: [string, (text: string) => string, RegExp][] = [
        [
          "allocations.csv",
          (t) =>
            t.replace(
              /,([0-9]+),([0-9]+)\n/,
              (_m, a: string, c: string) => `,${BigInt(a) + 1n},${c}\n`,
            ),
          /: allocations\.csv: /,
        ],
        ["scores.csv", (t) => t.replace("2187.500000", "2190.000000"), /: scores\.csv line \d+: /],
        [
          "tree.json",
          (t) =>
            t.replace(
              /"treeIndex":(\d+)/,
              (_m, i: string) => `"treeIndex":${Number(i) === 5 ? 6 : 5}`,
            ),
          /: tree\.json line 1, byte \d+: not the dump of its own values/,
        ],
        [
          "summary.json",
          (t) => t.replace(/"dataHash": "0x[0-9a-f]{64}"/, `"dataHash": "0x${"ab".repeat(32)}"`),
          /: summary\.json: dataHash 0xabab/,
        ],
      ];
      for (const [file, change, message] of edits) {
        await closeEpoch(1);
        const target = path.join(epochDir(1), file);
        const text = fs.readFileSync(target, "utf8");
        expect(change(text), file).to.not.equal(text);
        fs.writeFileSync(target, change(text));
        await expectRefusal(
          "epoch:publish",
          { season, epoch: 1 },
          new RegExp(`is not what epoch:close wrote \\(edited by hand\\?\\)${message.source}`),
        );
      }
      await closeEpoch(1);
      fs.rmSync(path.join(epochDir(1), "proofs.json"));
      await expectRefusal("epoch:publish", { season, epoch: 1 }, /proofs\.json: missing from/);
      expect((await (await distributor(f)).pendingRoot()).epoch).to.equal(0n);
    });

    it("refuses an epoch not closed, a non-publisher and a bad --from", async () => {
      const f = await loadFixture(seasonFixture);
      await expectRefusal(
        "epoch:publish",
        { season },
        /no closed epoch in .*: run `npx hardhat epoch:close/,
      );
      await time.increaseTo(f.ends[0]);
      await closeEpoch(1);
      await expectRefusal(
        "epoch:publish",
        { season, epoch: 2 },
        /epoch 2 is not closed \(no .*epoch-2\): run epoch:close --epoch 2 first/,
      );
      await expectRefusal("epoch:publish", { season, epoch: 7 }, /epoch 7 is not in the season/);
      await expectRefusal(
        "epoch:publish",
        { season, from: f.outsider.address },
        /may not publish roots on the distributor/,
      );
      await expectRefusal(
        "epoch:publish",
        { season, from: "0x1234" },
        /--from '0x1234' is not an address/,
      );
    });
  });

  describe("epoch:accept and epoch:revoke", () => {
    it("accepts once the timelock has elapsed, not before (naming the time left)", async () => {
      const f = await loadFixture(seasonFixture);
      await expectRefusal("epoch:accept", { season }, /no root is pending: publish one first/);
      await time.increaseTo(f.ends[0]);
      const summary = await closeEpoch(1);
      const { validAt } = await publish(1);
      await expectRefusal(
        "epoch:accept",
        { season },
        /epoch 1's root can be accepted from .*Z on, 10m from the chain's time/,
      );
      await time.increaseTo(validAt - 30);
      await expectRefusal("epoch:accept", { season }, /, 30s from the chain's time/);
      await time.increaseTo(validAt);
      expect(await accept()).to.deep.include({ epoch: 1, root: summary.root });
      const d = await distributor(f);
      expect(await d.root()).to.equal(summary.root);
      expect(await d.epoch()).to.equal(1n);
      await expectRefusal(
        "epoch:accept",
        { season },
        /no root is pending \(epoch 1 is the accepted one\)/,
      );
    });

    it("revokes the pending root as the guardian; the epoch can be published again", async () => {
      const f = await loadFixture(seasonFixture);
      await expectRefusal(
        "epoch:revoke",
        { season },
        /no root is pending: there is nothing to revoke/,
      );
      await time.increaseTo(f.ends[0]);
      const summary = await closeEpoch(1);
      await publish(1);
      await expectRefusal(
        "epoch:revoke",
        { season, from: f.outsider.address },
        new RegExp(
          `${f.outsider.address} is neither the guardian \\(${f.guardian.address}\\) nor the owner`,
        ),
      );
      expect(
        await runQuietly("epoch:revoke", { season, from: f.guardian.address }),
      ).to.deep.include({
        epoch: 1,
        root: summary.root,
      });
      expect((await (await distributor(f)).pendingRoot()).epoch).to.equal(0n);
      await expectRefusal("epoch:accept", { season }, /no root is pending/);
      expect((await publish(1)).root).to.equal(summary.root);
      // the owner (the deployer) may revoke too
      expect((await runQuietly<{ epoch: number }>("epoch:revoke", { season })).epoch).to.equal(1);
    });
  });

  describe("every task refuses without a deployed season or with a bad season file", () => {
    const account = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    const tasks: [string, Record<string, unknown>][] = [
      ["epoch:close", { epoch: 1 }],
      ["epoch:publish", { epoch: 1 }],
      ["epoch:accept", {}],
      ["epoch:revoke", {}],
      ["rewards:fund", { epoch: 1 }],
      ["leaderboard", {}],
      ["points:me", { account }],
      ["rewards:proof", { account }],
      ["rewards:claim", { account }],
    ];

    it("nothing deployed on the network", async () => {
      await loadFixture(seasonFixture);
      process.env.DEPLOYMENTS_DIR = path.join(dirs.epochs(), "no-deployments");
      for (const [name, args] of tasks)
        await expectRefusal(
          name,
          { season, ...args },
          /the season is not deployed on the in-process 'hardhat' network, which forgets everything when a command ends/,
        );
    });

    it("a record of another chain, or contracts the chain no longer has", async () => {
      await loadFixture(seasonFixture);
      const dir = path.join(dirs.epochs(), "other-deployments");
      fs.mkdirSync(dir);
      const record = JSON.parse(
        fs.readFileSync(path.join(process.env.DEPLOYMENTS_DIR!, "hardhat.json"), "utf8"),
      );
      fs.writeFileSync(path.join(dir, "hardhat.json"), JSON.stringify({ ...record, chainId: 1 }));
      process.env.DEPLOYMENTS_DIR = dir;
      for (const [name, args] of tasks)
        await expectRefusal(
          name,
          { season, ...args },
          /hardhat\.json was written for chain 1 but network 'hardhat' is chain 31337/,
        );
      const gone = Object.fromEntries(
        Object.entries(record.contracts as Record<string, { address: string }>).map(([k, v]) => [
          k,
          {
            ...v,
            address: ethers.getAddress(
              `0x${"de".repeat(19)}${k.length.toString(16).padStart(2, "0")}`,
            ),
          },
        ]),
      );
      fs.writeFileSync(
        path.join(dir, "hardhat.json"),
        JSON.stringify({ ...record, contracts: gone }),
      );
      for (const [name, args] of tasks)
        await expectRefusal(
          name,
          { season, ...args },
          /TieredMint is not deployed on the in-process 'hardhat' network, which forgets everything/,
        );
    });

    it("a malformed season file, naming the file and the field", async () => {
      await loadFixture(seasonFixture);
      const bad = path.join(dirs.epochs(), "bad-season.json");
      fs.writeFileSync(bad, "{ not json");
      for (const [name, args] of tasks)
        await expectRefusal(name, { ...args, season: bad }, /bad-season\.json: not valid JSON/);
      const raw = JSON.parse(fs.readFileSync(season, "utf8"));
      raw.rewards.epochs[0].endTime = "soon";
      fs.writeFileSync(bad, JSON.stringify(raw));
      for (const [name, args] of tasks)
        await expectRefusal(
          name,
          { ...args, season: bad },
          /bad-season\.json: rewards\.epochs\[0\]\.endTime: /,
        );
      await expectRefusal(
        "epoch:close",
        { season: path.join(dirs.epochs(), "none.json"), epoch: 1 },
        /none\.json: cannot read \(ENOENT\)/,
      );
    });
  });
});
