import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { computeEpoch, type EpochResult } from "../../src/engine/epoch";
import { parseEventLine } from "../../src/engine/events";
import { relayRef } from "../../src/points/ref";
import { registryAt } from "../../deploy/points";
import { runSeasonExport } from "../../tasks/lib/export";
import { loadDeployedSeason } from "../../tasks/lib/season";
import type { RelayTaskResult } from "../../tasks/relay";
import { expectRefusal, runTask } from "../helpers/tasks";
import { seasonFixture, useSeasonDirs, type Season } from "./season.fixture";
import { underCoverage } from "../helpers/coverage";

/** Gas budget of one relayed record in a batch of 11, transaction cost included (measured 5,984). */
const GAS_PER_RECORD_BUDGET = 6_500n;

describe("points:relay", function () {
  this.timeout(300_000);
  const dirs = useSeasonDirs();
  const season = seasonFixture(dirs);
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "relay-"));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const relay = (args: Record<string, unknown> = {}) =>
    runTask<RelayTaskResult>("points:relay", { season: dirs.seasonFile, batch: 100, ...args });

  async function withReporter(): Promise<Season> {
    const s = await loadFixture(season);
    await runTask("points:reporter:add", { dapp: "Netswap", reporter: s.deployer.address });
    return s;
  }

  /** The Netswap pair's Swap and Mint logs: what the relay must record. */
  async function pairLogs(s: Season) {
    const swaps = await s.pair.queryFilter(s.pair.filters.Swap());
    const mints = await s.pair.queryFilter(s.pair.filters.Mint());
    return [
      ...swaps.map((e) => ({ log: e, account: e.args.to, key: "netswap.swap" })),
      ...mints.map((e) => ({ log: e, account: e.args.sender, key: "netswap.add-liquidity" })),
    ].sort((a, b) => a.log.blockNumber - b.log.blockNumber || a.log.index - b.log.index);
  }

  async function exportTo(file: string): Promise<string> {
    const deployed = await loadDeployedSeason(hre, dirs.seasonFile);
    await runSeasonExport(hre, deployed, { eventsFile: file, quiet: true });
    return file;
  }

  async function epoch3(eventsPath: string): Promise<EpochResult> {
    const deployed = await loadDeployedSeason(hre, dirs.seasonFile);
    return computeEpoch({ season: deployed.season, epoch: 3, eventsPath });
  }

  it("records each relayed event once with the exporter's ref, in packed batches, then has nothing left to send", async () => {
    const s = await withReporter();
    const logs = await pairLogs(s);
    expect(logs).to.have.length(11); // the seed's liquidity + 10 swaps
    const expected = logs.filter((x) => x.account !== s.deployer.address);
    const log = path.join(tmp, "relay.ndjson");
    const { value, out } = await relay({ batch: 4, log });
    // The operator seeded the pair, and season:init excludes the operator: only the swaps count.
    expect(value.relayed).to.deep.equal({ "netswap.swap": 10 });
    expect(value.batches.reduce((n, b) => n + b.records, 0)).to.equal(10);
    expect(out).to.match(/10 records relayed in \d+ transactions \(\d+ gas, \d+ per record\)/);

    const registry = await registryAt(hre);
    const recorded = await registry.queryFilter(
      registry.filters.Recorded(),
      expected[0].log.blockNumber,
    );
    const relayed = recorded.filter((e) =>
      value.batches.some((b) => b.txHash === e.transactionHash),
    );
    const chainId = (await ethers.provider.getNetwork()).chainId;
    expect(relayed.map((e) => [e.args.account, e.args.ref])).to.deep.equal(
      expected.map((x) => [x.account, relayRef(chainId, x.log.transactionHash, x.log.index)]),
    );
    for (const e of relayed) {
      const key = await registry.actionKey(e.args.action);
      expect(["netswap.swap", "netswap.add-liquidity"]).to.include(key);
    }
    const lines = fs
      .readFileSync(log, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.ref)).to.deep.equal(relayed.map((e) => e.args.ref));

    const before = await ethers.provider.getBlockNumber();
    const again = await relay({ log });
    expect(again.value.batches).to.deep.equal([]);
    expect(again.value.relayed).to.deep.equal({});
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });

  it("keeps each record's gas within budget in a packed batch", async function () {
    // solidity-coverage instruments the bytecode: gas budgets hold for the real build only
    if (underCoverage()) this.skip();
    await withReporter();
    const { value } = await relay({ log: path.join(tmp, "relay.ndjson") });
    expect(value.batches).to.have.length(1);
    const [batch] = value.batches;
    expect(batch.gasUsed / BigInt(batch.records)).to.be.lessThan(GAS_PER_RECORD_BUDGET);
  });

  it("relaying twice and exporting counts each event once in the engine's scores", async () => {
    await withReporter();
    // Before any relay: the exporter reads Netswap's events directly.
    const direct = await epoch3(await exportTo(path.join(tmp, "direct.ndjson")));
    // Relay, then relay everything again from a fresh checkpoint: every record twice on chain.
    await relay({ log: path.join(tmp, "first.ndjson") });
    const second = await relay({ log: path.join(tmp, "second.ndjson") });
    expect(second.value.relayed).to.deep.equal({ "netswap.swap": 10 });
    const file = await exportTo(path.join(tmp, "after.ndjson"));
    // Each Netswap event's ref is now in the export three times (direct + two registry records)…
    const refs = new Map<string, number>();
    for (const line of fs.readFileSync(file, "utf8").trim().split("\n")) {
      const e = parseEventLine(line, 0);
      if (e.kind === "action" && e.action.startsWith("netswap."))
        refs.set(e.ref, (refs.get(e.ref) ?? 0) + 1);
    }
    expect(refs.size).to.equal(10);
    expect([...refs.values()]).to.deep.equal(Array(10).fill(3));
    // …and the engine counts it once: the same scores and counts as before relaying.
    const relayed = await epoch3(file);
    expect([...relayed.scoreRows()]).to.deep.equal([...direct.scoreRows()]);
    expect(relayed.summary().events).to.deep.equal(direct.summary().events);
    expect(relayed.root).to.equal(direct.root);
  });

  it("writes its log beside the network's epochs by default", async () => {
    await withReporter();
    await relay();
    expect(fs.existsSync(path.join(dirs.operator, "relay.ndjson.checkpoint.json"))).to.equal(true);
    fs.rmSync(path.join(dirs.operator, "relay.ndjson"));
    fs.rmSync(path.join(dirs.operator, "relay.ndjson.checkpoint.json"));
  });

  describe("refusals (one line, nothing sent)", () => {
    it("refuses a relayer that is not a reporter of the relayed dApp, naming the fix", async () => {
      const s = await loadFixture(season);
      await expectRefusal(
        () => relay({ log: path.join(tmp, "r.ndjson") }),
        new RegExp(
          `^${s.deployer.address} is not a reporter of Netswap: run \`npx hardhat points:reporter:add --dapp "Netswap" --reporter ${s.deployer.address}\` on network 'hardhat' first$`,
        ),
      );
      await expectRefusal(
        () => relay({ from: s.participants[0].address, log: path.join(tmp, "r.ndjson") }),
        /is not a reporter of Netswap/,
      );
      expect(fs.existsSync(path.join(tmp, "r.ndjson"))).to.equal(false);
    });

    it("refuses a bad --batch, --from, --chunk and --confirmations", async () => {
      await withReporter();
      await expectRefusal(
        () => relay({ batch: 0 }),
        /^--batch must be an integer from 1 to 1000, got 0$/,
      );
      await expectRefusal(
        () => relay({ batch: 1001 }),
        /^--batch must be an integer from 1 to 1000, got 1001$/,
      );
      await expectRefusal(() => relay({ from: "0x1234" }), /^--from '0x1234' is not an address$/);
      await expectRefusal(
        () => relay({ from: "0x000000000000000000000000000000000000dEaD" }),
        /is not one of network 'hardhat''s \d+ accounts$/,
      );
      await expectRefusal(() => relay({ chunk: 0 }), /^--chunk must be a positive integer, got 0$/);
      await expectRefusal(
        () => relay({ confirmations: -1 }),
        /^--confirmations must be a non-negative integer, got -1$/,
      );
    });

    it("refuses a season file without relay rules, and a paused registry", async () => {
      await withReporter();
      const raw = JSON.parse(fs.readFileSync(dirs.seasonFile, "utf8"));
      raw.chain.relay = [];
      const bare = path.join(tmp, "bare.json");
      fs.writeFileSync(bare, JSON.stringify(raw));
      await expectRefusal(
        () => relay({ season: bare }),
        new RegExp(`^${bare} has no chain.relay rules: there is nothing to relay$`),
      );
      await runTask("points:pause", {});
      await expectRefusal(
        () => relay(),
        /^the registry at 0x[0-9a-fA-F]{40} is paused: points:unpause it first$/,
      );
    });

    it("refuses a relay action missing from the registry", async () => {
      await withReporter();
      const raw = JSON.parse(fs.readFileSync(dirs.seasonFile, "utf8"));
      raw.actions["netswap.launchpad"] = { dapp: "Netswap", points: "100" };
      raw.chain.relay[0].action = "netswap.launchpad";
      const file = path.join(tmp, "launchpad.json");
      fs.writeFileSync(file, JSON.stringify(raw));
      await expectRefusal(
        () => relay({ season: file }),
        /^relay action 'netswap.launchpad' is not in the registry at 0x[0-9a-fA-F]{40}: register it first \(points:action:add\)$/,
      );
    });
  });
});
