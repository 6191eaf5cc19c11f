/**
 * season:report, season:sybil and season:sybil:decide on the in-process network: the ops fixture's
 * season (five honest participants) plus a planted ring of four wallets funded from one address,
 * sweeping a basket token to one address and acting in lockstep; outputs checked against the chain.
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HDNodeWallet } from "ethers";
import { DAPP_RECORDS } from "../../deploy/points";
import { MINT_RECORD } from "../../deploy/mint";
import { tokenRecord } from "../../deploy/tokens";
import { readDeploymentRecord } from "../../src/deployments";
import type { SeasonReport } from "../../src/report/season-report";
import { formatTokenAmountShort } from "../../src/report/build";
import { parseClustersCsv, parseDecisionsCsv } from "../../src/sybil/files";
import { expectRefusal, runQuietly } from "../helpers/tasks";
import {
  DEPLOYMENTS_DIR,
  SEASON_FILE,
  closeEpoch,
  publishAndAccept,
  seasonFixture,
  useSeasonDirs,
} from "./ops.fixture";

const season = SEASON_FILE;

function contractAddress(name: string): string {
  return readDeploymentRecord(path.join(DEPLOYMENTS_DIR, "hardhat.json"))!.contracts[name].address;
}

interface Ring {
  master: string;
  sink: string;
  wallets: HDNodeWallet[];
}

/** Four fresh wallets: first gas from one signer, mint, two tickets each in lockstep, sweep. */
async function plantRing(): Promise<Ring> {
  const signers = await ethers.getSigners();
  const master = signers[9];
  const sink = ethers.Wallet.createRandom().address.toLowerCase();
  const wallets = Array.from({ length: 4 }, () =>
    ethers.Wallet.createRandom().connect(ethers.provider),
  );
  for (const w of wallets)
    await (await master.sendTransaction({ to: w.address, value: ethers.parseEther("1") })).wait();
  const mint = await ethers.getContractAt("TieredMint", contractAddress(MINT_RECORD));
  const midas = await ethers.getContractAt("MockMidasLottery", contractAddress(DAPP_RECORDS.midas));
  const usd = await ethers.getContractAt("TestnetToken", contractAddress(tokenRecord("tUSDC")));
  const price = await midas.ticketPrice();
  for (const w of wallets) await (await mint.connect(w).claim()).wait();
  for (const w of wallets) await (await usd.connect(w).approve(midas.target, price * 2n)).wait();
  for (let k = 0; k < 2; k++)
    for (const w of wallets) await (await midas.connect(w).buyTicket()).wait();
  for (const w of wallets) {
    const left = await usd.balanceOf(w.address);
    await (await usd.connect(w).transfer(sink, left)).wait();
  }
  return { master: master.address.toLowerCase(), sink, wallets };
}

describe("season:report and season:sybil", () => {
  const dirs = useSeasonDirs();
  const sybilFile = (f: string) => path.join(dirs.epochs(), "sybil", f);

  async function seasonWithRing() {
    const f = await loadFixture(seasonFixture);
    const ring = await plantRing();
    await time.increaseTo(f.ends[0]);
    await closeEpoch(1);
    await publishAndAccept(1);
    await runQuietly("rewards:fund", { season, epoch: 1, mint: true });
    await runQuietly("rewards:claim", { season, account: f.a1.address });
    return { f, ring };
  }

  it("season:sybil flags the planted ring with its evidence, and no honest participant", async () => {
    const { f, ring } = await seasonWithRing();
    const result = await runQuietly<{ flagged: string[]; proposed: string[] }>("season:sybil", {
      season,
      quiet: true,
      json: true,
    });
    const ringAccounts = ring.wallets.map((w) => w.address.toLowerCase()).sort();
    expect(result.flagged).to.deep.equal(ringAccounts);
    expect(result.proposed).to.deep.equal(ringAccounts);
    for (const honest of [f.a1, f.a2, f.a3, f.a4, f.a5])
      expect(result.flagged).to.not.include(honest.address.toLowerCase());

    // The evidence is the chain's: each wallet's first gas came from the master, its tUSDC went to the sink.
    const lines = parseClustersCsv(fs.readFileSync(sybilFile("clusters.csv"), "utf8"));
    const ringLines = lines.filter((l) => ringAccounts.includes(l.account));
    expect(new Set(ringLines.map((l) => l.cluster)).size).to.equal(1);
    for (const w of ring.wallets) {
      const first = await firstValueSender(w.address);
      expect(first).to.equal(ring.master);
      const line = ringLines.find((l) => l.account === w.address.toLowerCase())!;
      expect(line.evidence).to.include(`first gas from ${ring.master} (as 4 participants)`);
      expect(line.evidence).to.include(`tokens sent to ${ring.sink} (as 4 participants)`);
      expect(line.evidence).to.match(/same actions within 30 s as 3 members/);
      expect(line.score).to.equal(3);
    }
    // A second run resumes the funding scan from its checkpoint: the same clusters.
    const csv = fs.readFileSync(sybilFile("clusters.csv"), "utf8");
    expect(fs.existsSync(sybilFile("funders.checkpoint.json"))).to.equal(true);
    await runQuietly("season:sybil", { season, quiet: true });
    expect(fs.readFileSync(sybilFile("clusters.csv"), "utf8")).to.equal(csv);
    const proposed = JSON.parse(fs.readFileSync(sybilFile("proposed-exclude.json"), "utf8"));
    expect(proposed.accounts).to.deep.equal(ringAccounts);
    // Never applied automatically: the season file's exclude is untouched.
    expect(JSON.parse(fs.readFileSync(season, "utf8")).chain.exclude ?? []).to.not.include(
      ringAccounts[0],
    );
  });

  it("season:sybil:decide records decisions; season:report shows them and agrees with the chain", async () => {
    const { f, ring } = await seasonWithRing();
    await runQuietly("season:sybil", { season, quiet: true });
    const [w1, w2, w3] = ring.wallets.map((w) => w.address.toLowerCase());
    await runQuietly("season:sybil:decide", {
      season,
      decision: "excluded",
      accounts: `${w1},${w2},${w3}`,
      reason: "ring: one funder, one sink, lockstep",
    });
    await runQuietly("season:sybil:decide", {
      season,
      decision: "cleared",
      accounts: w3,
      reason: "appeal: shared office wallet",
    });
    const decisions = parseDecisionsCsv(fs.readFileSync(sybilFile("decisions.csv"), "utf8"));
    expect(decisions.map((d) => [d.account, d.decision])).to.deep.equal(
      [
        [w1, "excluded"],
        [w2, "excluded"],
        [w3, "cleared"],
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );

    const { report } = await runQuietly<{ report: SeasonReport; files: { html: string } }>(
      "season:report",
      { season, quiet: true, json: true },
    );
    const a = report.analytics!;
    // Mint: every Claimed event of the mint, by tier.
    const mint = await ethers.getContractAt("TieredMint", contractAddress(MINT_RECORD));
    const claimedEvents = await mint.queryFilter(mint.filters.Claimed());
    expect(report.tiers.reduce((s, t) => s + t.claims, 0)).to.equal(claimedEvents.length);
    expect(a.mint.tiers.reduce((s, t) => s + t.joins.total, 0)).to.equal(claimedEvents.length);
    // Transactions per day: every transaction of every block from the season's first contract.
    const record = readDeploymentRecord(path.join(DEPLOYMENTS_DIR, "hardhat.json"))!;
    const first = Math.min(
      ...[MINT_RECORD, "PointsRegistry", "RiddleBoard"].map((n) => record.contracts[n].blockNumber),
    );
    const head = await ethers.provider.getBlockNumber();
    let txs = 0;
    for (let b = first; b <= head; b++)
      txs += (await ethers.provider.getBlock(b))!.transactions.length;
    expect(a.activity.transactions!.total).to.equal(txs);
    // A second report counts only the new blocks (the checkpoint) and still agrees.
    await runQuietly("rewards:claim", { season, account: f.a2.address });
    const again = await runQuietly<{ report: SeasonReport }>("season:report", {
      season,
      quiet: true,
      json: true,
    });
    expect(again.report.analytics!.activity.transactions!.total).to.equal(
      txs + (await ethers.provider.getBlockNumber()) - head,
    );
    // Rewards: claimed and funded as the distributor's token balances say.
    const reward = await ethers.getContractAt("TestnetToken", f.reward);
    const distributor = await ethers.getContractAt("RewardDistributor", f.distributor);
    const claimedByA1 = await distributor.claimed(f.a1.address, f.reward);
    const row = report.rewardTotals[0];
    expect(row.token).to.equal("tREWARD");
    expect(row.claimants).to.equal(1);
    expect(row.claimed).to.equal(`${formatTokenAmountShort(claimedByA1, 18)} tREWARD`);
    expect(claimedByA1).to.be.greaterThan(0n);
    expect(await reward.balanceOf(f.distributor)).to.be.greaterThan(0n);
    // Riddles: a3's one answer, right.
    expect(a.riddles).to.deep.equal([
      { key: "riddle-02", answers: 1, right: 1, wrong: 0, exported: 1, counted: 1 },
    ]);
    // Funnel (nested): a1, a2, a5 and the ring minted; a2 and the ring acted (the join a mint
    // counts as is not an action of its own); nobody reached three dApps.
    expect(a.retention.funnel.map((x) => x.participants)).to.deep.equal([7, 5, 0, 0, 0]);
    // The sybil section: the decisions against the season file (nothing applied yet).
    const s = report.sybil!;
    expect(s.flagged).to.equal(4);
    expect(s.proposed).to.equal(1);
    expect(s.decisions.map((d) => [d.decision, d.applied])).to.have.deep.members([
      ["excluded", false],
      ["excluded", false],
      ["cleared", true],
    ]);
    const html = fs.readFileSync(path.join(dirs.epochs(), "report", "index.html"), "utf8");
    expect(html).to.include("Sybil review");
    expect(html).to.include("NOT YET EXCLUDED");
    expect(html).to.include("ring: one funder, one sink, lockstep");
    expect(html).to.not.match(/<script/);
    expect(report.epoch).to.equal(1);
  });

  it("season:report before any epoch is closed: the activity, no scores yet", async () => {
    await loadFixture(seasonFixture);
    await runQuietly("season:export", { season, quiet: true });
    // A checkpoint left by another chain (a restarted node: another hash at the first block) is ignored.
    const record = readDeploymentRecord(path.join(DEPLOYMENTS_DIR, "hardhat.json"))!;
    const first = Math.min(
      ...[MINT_RECORD, "PointsRegistry", "RiddleBoard"].map((n) => record.contracts[n].blockNumber),
    );
    const head = await ethers.provider.getBlockNumber();
    fs.mkdirSync(path.join(dirs.epochs(), "report"), { recursive: true });
    fs.writeFileSync(
      path.join(dirs.epochs(), "report", "blocks.checkpoint.json"),
      JSON.stringify({
        fromBlock: first,
        fromHash: "0xdead",
        nextBlock: head + 1,
        perDay: { "1": 999 },
      }),
    );
    let txs = 0;
    for (let b = first; b <= head; b++)
      txs += (await ethers.provider.getBlock(b))!.transactions.length;
    const { report } = await runQuietly<{ report: SeasonReport }>("season:report", {
      season,
      quiet: true,
      json: true,
    });
    expect(report.epoch).to.equal(0);
    expect(report.scores).to.deep.equal([]);
    expect(report.epochs).to.deep.equal([]);
    expect(report.sybil).to.equal(undefined);
    // a1, a2, a5 minted; a2, a3, a4 bought tickets; this fixture's season file does not exclude
    // the operator, whose seeding of the dApps counts.
    expect(report.participants).to.equal(6);
    expect(report.analytics!.mint.tiers.reduce((n, t) => n + t.joins.total, 0)).to.equal(3);
    expect(report.analytics!.activity.transactions!.total).to.equal(txs);
    const html = fs.readFileSync(path.join(dirs.epochs(), "report", "index.html"), "utf8");
    expect(html).to.include("No epoch is closed yet.");
  });

  it("refuses bad input in one line, writing nothing", async () => {
    await loadFixture(seasonFixture);
    await expectRefusal(
      "season:report",
      { season, quiet: true },
      /no events file at .*events\.ndjson: run `npx hardhat season:export --network hardhat --season /,
    );
    await expectRefusal(
      "season:sybil",
      { season, quiet: true, minScore: 9 },
      /--min-score must be an integer from 1 to 4, got 9/,
    );
    await expectRefusal(
      "season:sybil:decide",
      { season, decision: "banned", accounts: ethers.ZeroAddress, reason: "x" },
      /--decision must be excluded or cleared, not 'banned'/,
    );
    await expectRefusal(
      "season:sybil:decide",
      { season, decision: "cleared", accounts: "0x12", reason: "x" },
      /--accounts '0x12' is not an address/,
    );
    expect(fs.existsSync(path.join(dirs.epochs(), "sybil"))).to.equal(false);
    expect(fs.existsSync(path.join(dirs.epochs(), "report"))).to.equal(false);
  });
});

/** The first transaction with value to `account` (scanning every block). */
async function firstValueSender(account: string): Promise<string | undefined> {
  const head = await ethers.provider.getBlockNumber();
  for (let b = 0; b <= head; b++) {
    const block = await ethers.provider.getBlock(b, true);
    for (const tx of block!.prefetchedTransactions)
      if (tx.to?.toLowerCase() === account.toLowerCase() && tx.value > 0n)
        return tx.from.toLowerCase();
  }
  return undefined;
}
