/**
 * rewards:timelock / publisher / guardian (queue), rewards:apply, rewards:cancel, rewards:queued
 * against a deployed season whose distributor has a 600 s timelock.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { ChangeResult, QueuedChange } from "../../tasks/lib/rewards-admin";
import { expectRefusal, run, runQuietly } from "../helpers/tasks";
import { SEASON_FILE, TIMELOCK, seasonFixture, useSeasonDirs } from "./ops.fixture";

const season = SEASON_FILE;

describe("reward admin tasks (queued changes)", () => {
  useSeasonDirs();

  it("queues a timelock, refuses to apply it early, applies it when due", async () => {
    const f = await loadFixture(seasonFixture);
    const d = await ethers.getContractAt("RewardDistributor", f.distributor);
    const out = await run("rewards:timelock", { season, seconds: 0 });
    expect(out).to.match(/queued timelock 0 s: it applies from .* on/);
    expect(out).to.contain(
      `next: npx hardhat rewards:apply --network hardhat --season ${season} --change timelock`,
    );
    expect(await d.timelock()).to.equal(BigInt(TIMELOCK));
    await expectRefusal(
      "rewards:apply",
      { season, change: "timelock" },
      /the timelock change to 0 s applies from .*, .* from the chain's time/,
    );
    const queued = await runQuietly<QueuedChange[]>("rewards:queued", { season });
    expect(queued.map((q) => [q.change, q.value, q.due])).to.deep.equal([
      ["timelock", "0 s", false],
    ]);
    await time.increase(TIMELOCK);
    await runQuietly("rewards:apply", { season, change: "timelock" });
    expect(await d.timelock()).to.equal(0n);
    // With a zero timelock, changes apply at once.
    const now = await runQuietly<ChangeResult>("rewards:timelock", { season, seconds: 60 });
    expect(now.queued).to.equal(false);
    expect(await d.timelock()).to.equal(60n);
  });

  it("queues a publisher and a guardian; the guardian cancels them; removing a publisher is at once", async () => {
    const f = await loadFixture(seasonFixture);
    const d = await ethers.getContractAt("RewardDistributor", f.distributor);
    const added = await runQuietly<ChangeResult>("rewards:publisher", {
      season,
      address: f.a1.address,
      remove: false,
    });
    expect(added.queued).to.equal(true);
    await runQuietly("rewards:guardian", { season, address: "none" });
    const queued = await runQuietly<QueuedChange[]>("rewards:queued", { season });
    expect(queued.map((q) => [q.change, q.value])).to.deep.equal([
      ["guardian", ethers.ZeroAddress],
      ["publisher", f.a1.address],
    ]);
    await expectRefusal(
      "rewards:cancel",
      { season, change: "guardian", from: f.a2.address },
      /is neither the guardian .* nor the owner/,
    );
    await runQuietly("rewards:cancel", { season, change: "guardian", from: f.guardian.address });
    await runQuietly("rewards:cancel", {
      season,
      change: "publisher",
      address: f.a1.address,
      from: f.guardian.address,
    });
    await time.increase(TIMELOCK);
    await expectRefusal(
      "rewards:apply",
      { season, change: "publisher", address: f.a1.address },
      /no publisher change is queued for 0x.*: nothing to apply/,
    );
    expect(await d.guardian()).to.equal(f.guardian.address);
    expect(await d.isPublisher(f.a1.address)).to.equal(false);
    // The owner removes its own publisher at once.
    const removed = await runQuietly<ChangeResult>("rewards:publisher", {
      season,
      address: f.operator.address,
      remove: true,
    });
    expect(removed.queued).to.equal(false);
    expect(await d.isPublisher(f.operator.address)).to.equal(false);
  });

  it("refuses bad input in one line, sending nothing", async () => {
    const f = await loadFixture(seasonFixture);
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ["rewards:timelock", { seconds: -1 }, /--seconds must be a whole number of seconds/],
      ["rewards:timelock", { seconds: 31 * 86_400 }, /above the longest timelock/],
      ["rewards:timelock", { seconds: 5, from: f.a1.address }, /is not the distributor's owner/],
      [
        "rewards:publisher",
        { address: "0x12", remove: false },
        /--address '0x12' is not an address/,
      ],
      ["rewards:publisher", { address: ethers.ZeroAddress, remove: false }, /zero address/],
      ["rewards:publisher", { address: f.operator.address, remove: false }, /already a publisher/],
      ["rewards:publisher", { address: f.a1.address, remove: true }, /nothing to remove/],
      [
        "rewards:apply",
        { change: "owner" },
        /--change must be one of timelock, publisher, guardian/,
      ],
      ["rewards:apply", { change: "publisher" }, /--change publisher needs --address/],
      [
        "rewards:apply",
        { change: "timelock", address: f.a1.address },
        /--address is for --change publisher/,
      ],
      ["rewards:apply", { change: "guardian" }, /no guardian change is queued: nothing to apply/],
      ["rewards:cancel", { change: "timelock" }, /no timelock change is queued: nothing to cancel/],
    ];
    for (const [name, args, message] of cases) {
      await expectRefusal(name, { season, ...args }, message);
    }
  });
});
