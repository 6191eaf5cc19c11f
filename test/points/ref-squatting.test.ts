/**
 * The ref-squatting attack, end to end: a reporter of one dApp records a ref already used by
 * another dApp's record, for another account. Refs are scoped by dApp, so the chain keeps both as
 * different records, the exporter writes both lines, and the engine computes the epoch with no
 * error; a conflict inside one dApp is dropped (first in chain order counts) and listed as an
 * anomaly; every record is attributable to its reporter through `Reported`.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { computeEpoch } from "../../src/engine/epoch";
import { parseSeason } from "../../src/engine/season";
import { EMPTY_EXPORT_STATE, decodeSeasonLogs } from "../../src/export/decode-logs";
import { account, ref, registryFixture } from "./PointsRegistry.fixture";

const TOKEN = `0x${"77".repeat(20)}`;

describe("PointsRegistry: ref squatting", () => {
  it("cannot make one dApp's records collide with another's, nor stop the epoch", async () => {
    const { registry, netswapReporter, tethysReporter } = await loadFixture(registryFixture);
    const victim = account(1);
    const squatter = account(2);
    const shared = ref("public");
    // The victim's Netswap record, whose ref is public in its Recorded event.
    await registry.connect(netswapReporter).record(victim, 1, shared);
    // Tethys' reporter cannot record a Netswap action...
    await expect(registry.connect(tethysReporter).record(squatter, 1, shared))
      .to.be.revertedWithCustomError(registry, "NotReporterOfDApp")
      .withArgs(tethysReporter.address, 1, 1);
    // ...and its own record with the same ref is a Tethys record: no collision.
    await registry.connect(tethysReporter).record(squatter, 3, shared);
    // A later Netswap record of the same ref for another account (a faulty or hostile relayer).
    await registry.connect(netswapReporter).record(squatter, 2, shared);

    const address = await registry.getAddress();
    const logs = await ethers.provider.getLogs({ address, fromBlock: 0, toBlock: "latest" });
    const times = new Map<number, number>();
    for (const l of logs) {
      times.set(l.blockNumber, (await ethers.provider.getBlock(l.blockNumber))!.timestamp);
    }
    const { events } = decodeSeasonLogs(
      logs,
      (b) => times.get(b)!,
      { chainId: 31337n, registry: address, relay: [] },
      EMPTY_EXPORT_STATE,
    );
    expect(events.filter((e) => e.kind === "action")).to.have.length(3);

    const endTime = Math.max(...times.values()) + 1;
    const season = parseSeason({
      name: "squat",
      actions: {
        "netswap.swap": { dapp: "Netswap", points: "300" },
        "netswap.add-liquidity": { dapp: "Netswap", points: "500" },
        "tethys.swap": { dapp: "Tethys Finance", points: "300" },
      },
      rewards: { epochs: [{ epoch: 1, endTime, pools: { [TOKEN]: "1000" } }] },
    });
    const result = computeEpoch({ season, epoch: 1, events });
    const scores = Object.fromEntries(
      [...result.scoreRows()].map((r) => [r.account, r.scoreUnits]),
    );
    expect(scores[victim.toLowerCase()]).to.equal(300_000_000n);
    expect(scores[squatter.toLowerCase()]).to.equal(300_000_000n); // its Tethys record only
    expect(result.summary().anomalies).to.equal(1);
    expect(result.anomalies[0]).to.deep.include({ ref: shared, dapp: "Netswap" });
    expect(result.anomalies[0].kept.account).to.equal(victim.toLowerCase());
    expect(result.anomalies[0].dropped.action).to.equal("netswap.add-liquidity");
  });

  it("attributes every record to its reporter: one Reported(reporter, records) after each call's records", async () => {
    const { registry, netswapReporter, tethysReporter } = await loadFixture(registryFixture);
    const single = await (
      await registry.connect(tethysReporter).record(account(1), 3, ref(1))
    ).wait();
    const batch = await (
      await registry.connect(netswapReporter).recordBatch([
        { account: account(2), action: 1, ref: ref(2) },
        { account: account(3), action: 2, ref: ref(3) },
      ])
    ).wait();
    const packed = ethers.concat([account(4), ethers.toBeHex(1, 4), ref(4)]);
    const third = await (await registry.connect(netswapReporter).recordPacked(packed)).wait();
    const names = (r: typeof single) =>
      r!.logs.map((l) => registry.interface.parseLog(l)!).map((e) => [e.name, ...e.args]);
    expect(names(single).map((e) => e[0])).to.deep.equal(["Recorded", "Reported"]);
    expect(names(single)[1].slice(1)).to.deep.equal([tethysReporter.address, 1n]);
    expect(names(batch).map((e) => e[0])).to.deep.equal(["Recorded", "Recorded", "Reported"]);
    expect(names(batch)[2].slice(1)).to.deep.equal([netswapReporter.address, 2n]);
    expect(names(third)[1].slice(1)).to.deep.equal([netswapReporter.address, 1n]);
  });
});
