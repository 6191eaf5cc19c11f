/**
 * season:status and the `next:` lines of the operator's tasks, through an epoch's life on the
 * in-process network: each step prints the exact command that follows, in the one order
 * close → publish → fund → verify → accept, and season:status agrees with the chain.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { SeasonStatus } from "../../src/season/status";
import { expectRefusal, run, runQuietly, runTask } from "../helpers/tasks";
import { POOL, SEASON_FILE, TIMELOCK, seasonFixture, useSeasonDirs } from "./ops.fixture";

const season = SEASON_FILE;
const nextLine = (out: string) => out.split("\n").find((l) => l.startsWith("next: "));
const N = `--network hardhat --season ${season}`;

describe("season:status and next: hints", () => {
  const dirs = useSeasonDirs();

  it("follows an epoch from close to accept, each task naming the exact next command", async () => {
    const f = await loadFixture(seasonFixture);
    const status = async () => (await runTask<SeasonStatus>("season:status", { season })).value;

    let s = await status();
    expect(s.roles.owner).to.equal(f.operator.address);
    expect(s.roles.guardian).to.equal(f.guardian.address);
    expect(s.roles.publishers).to.deep.equal([f.operator.address]);
    expect(s.roles.registrar).to.equal(null);
    expect(s.mint).to.include({ state: "open", mode: "open", claims: 3n, nextOrdinal: 4n });
    expect(s.mint.tiers[0]).to.include({ tier: 1, claims: 1n });
    expect(s.mint.tiers.reduce((sum, t) => sum + t.claims, 0n)).to.equal(3n);
    expect(s.riddles).to.have.length(1);
    expect(s.riddles[0]).to.include({ key: "riddle-02", revealed: true, winners: 1 });
    expect(s.epochs.map((e) => e.state)).to.deep.equal(["running", "running", "running"]);
    expect(s.next.command).to.equal(`npx hardhat epoch:close ${N} --epoch 1`);
    expect(s.next.from).to.equal(f.ends[0]);

    await time.increaseTo(f.ends[0]);
    s = await status();
    expect(s.epochs[0].state).to.equal("ended");
    expect(s.next.command).to.equal(`npx hardhat epoch:close ${N} --epoch 1`);

    const closed = await run("epoch:close", { season, epoch: 1, quiet: true });
    expect(closed).to.include(
      "order: epoch:close → epoch:publish → rewards:fund → epoch:verify (the auditor) → epoch:accept → rewards:claim",
    );
    expect(nextLine(closed)).to.equal(`next: npx hardhat epoch:publish ${N} --epoch 1`);
    expect((await status()).epochs[0].state).to.equal("closed");

    const published = await run("epoch:publish", { season, epoch: 1 });
    expect(published).to.include("order: epoch:close → epoch:publish → rewards:fund");
    expect(nextLine(published)).to.equal(`next: npx hardhat rewards:fund ${N} --epoch 1 --mint`);
    s = await status();
    expect(s.epochs[0].state).to.equal("pending");
    const token = s.tokens[0];
    expect(token.symbol).to.equal("tREWARD");
    // The pool less the split's dust (carried to the next epoch).
    expect(
      token.allocated > POOL * 10n ** 18n - 100n && token.allocated <= POOL * 10n ** 18n,
    ).to.equal(true);
    expect(token.owed).to.equal(token.allocated);
    expect(token.shortfall).to.equal(token.owed);
    expect(s.epochs[0].validAt).to.be.a("number");

    const funded = await run("rewards:fund", { season, epoch: 1, mint: true });
    expect(nextLine(funded)).to.equal(
      `next: npx hardhat epoch:verify ${N} --epoch 1 --dump ${dirs.epochs()}/epoch-1/tree.json --work audit/ (then epoch:accept from ${new Date(s.epochs[0].validAt! * 1000).toISOString().replace(".000Z", "Z")})`,
    );
    s = await status();
    expect(s.tokens[0].shortfall).to.equal(0n);
    expect(s.tokens[0].funded).to.equal(s.tokens[0].owed);

    await time.increase(TIMELOCK);
    expect((await status()).next.command).to.equal(`npx hardhat epoch:accept ${N}`);
    // --json: the result alone, as JSON (no table, no next: line).
    const acceptedJson = await run("epoch:accept", { season, json: true });
    const parsed = JSON.parse(acceptedJson) as { epoch: number; root: string; txHash: string };
    expect(parsed.epoch).to.equal(1);
    expect(parsed.txHash).to.match(/^0x[0-9a-f]{64}$/);
    // Never "publish" an accepted epoch: the next step is the next epoch's close.
    const accepted = await run("season:status", { season });
    expect(nextLine(accepted)).to.match(
      new RegExp(
        `^next: npx hardhat epoch:close ${N.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} --epoch 2 \\(from `,
      ),
    );
    const again = await run("epoch:close", { season, epoch: 1, quiet: true });
    expect(nextLine(again)).to.match(/epoch:close .* --epoch 2/);
    s = await status();
    expect(s.epochs.map((e) => e.state)).to.deep.equal(["accepted", "running", "running"]);

    const text = await run("season:status", { season });
    expect(text).to.match(/^guardian +0x/m);
    expect(text).to.match(/^ {4}1 +\S+ +accepted/m);
    expect(text).to.match(
      /^tREWARD +999\.999999999999999997 tREWARD +999\.999999999999999997 tREWARD +0 tREWARD +999\.999999999999999997 tREWARD +999\.999999999999999997 tREWARD +none$/m,
    );
    const json = JSON.parse(await run("season:status", { season, json: true })) as {
      tokens: { owed: string }[];
    };
    expect(json.tokens[0].owed).to.equal(s.tokens[0].owed.toString());
  });

  it("rewards:claim names the pending epoch that holds an entitlement and when it becomes claimable", async () => {
    const f = await loadFixture(seasonFixture);
    await time.increaseTo(f.ends[0]);
    await run("epoch:close", { season, epoch: 1, quiet: true });
    await run("epoch:publish", { season, epoch: 1 });
    await run("rewards:fund", { season, epoch: 1, mint: true });
    await time.increase(TIMELOCK);
    await run("epoch:accept", { season });
    // The outsider joins in epoch 2 only: its first entitlement is in epoch 2.
    const mint = await ethers.getContractAt(
      "TieredMint",
      (await runTask<SeasonStatus>("season:status", { season })).value.contracts.find(
        (c) => c.name === "TieredMint",
      )!.address,
    );
    await (await mint.connect(f.outsider).claim()).wait();
    await time.increaseTo(f.ends[1]);
    await run("epoch:close", { season, epoch: 2, quiet: true });
    const who = f.outsider.address;
    await expectRefusal(
      "rewards:claim",
      { season, account: who },
      new RegExp(
        `^no reward leaf in epoch 1, the accepted epoch, for ${who}: their entitlement so far is in epoch 2, closed but not published yet: claimable once published and accepted \\(epoch:publish, then the timelock of 10m, then epoch:accept\\)$`,
      ),
    );
    const { validAt } = await runQuietly<{ validAt: number }>("epoch:publish", {
      season,
      epoch: 2,
    });
    const iso = new Date(validAt * 1000).toISOString().replace(".000Z", "Z");
    await expectRefusal(
      "rewards:claim",
      { season, account: who },
      new RegExp(
        `^no reward leaf in epoch 1, the accepted epoch, for ${who}: their entitlement so far is in epoch 2, published and pending: claimable once accepted, from ${iso} \\(epoch:accept\\)$`,
      ),
    );
    // An account with no entitlement anywhere keeps the plain line.
    const nobody = (await ethers.getSigners())[9].address;
    await expectRefusal(
      "rewards:claim",
      { season, account: nobody },
      /the accepted epoch, for 0x[0-9a-fA-F]{40} \(no entitlement so far\)$/,
    );
  });
});
