import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import {
  DAPP_RECORDS,
  deploySeasonDApps,
  REGISTRY_RECORD,
  registryAt,
  RIDDLE_BOARD_RECORD,
  seedSeasonDApps,
} from "../../deploy/points";
import { tokenRecord } from "../../deploy/tokens";
import { readDeploymentRecord } from "../../src/deployments";
import { SEASON1_CATALOG } from "../../src/points/catalog";
import { expectRefusal, run } from "../helpers/tasks";
import { useTempDirs } from "./tasks.fixture";

describe("points tasks", () => {
  const dirs = useTempDirs();
  const record = () => readDeploymentRecord(path.join(dirs.deployments(), "hardhat.json"))!;

  describe("points:deploy", () => {
    it("deploys the registry and the board, registers the default catalog, and is idempotent", async () => {
      const out = await run("points:deploy");
      expect(out).to.match(/deployed PointsRegistry at 0x/);
      expect(out).to.match(/deployed RiddleBoard at 0x/);
      expect(out).to.include("registered action #14 hummus.deposit (Hummus Finance, 500 points)");
      const first = record();
      expect(Object.keys(first.contracts).sort()).to.deep.equal([
        REGISTRY_RECORD,
        RIDDLE_BOARD_RECORD,
      ]);
      const registry = await registryAt(hre);
      expect(await registry.actionCount()).to.equal(SEASON1_CATALOG.length);
      for (const a of SEASON1_CATALOG) {
        const entry = await registry.getAction(await registry.actionId(a.key));
        expect(await registry.dappName(entry.dapp)).to.equal(a.dapp);
        expect(entry.basePoints).to.equal(a.basePoints);
        expect(entry.maxRepeats).to.equal(a.maxRepeats);
      }
      const before = await ethers.provider.getBlockNumber();
      const again = await run("points:deploy");
      expect(again).to.match(/reused {3}PointsRegistry/);
      expect(again).to.not.match(/registered/);
      expect(await ethers.provider.getBlockNumber()).to.equal(before);
      expect(record()).to.deep.equal(first);
    });

    it("registers a season file's actions", async () => {
      const season = path.join(dirs.deployments(), "..", "season.json");
      fs.writeFileSync(
        season,
        JSON.stringify({
          name: "S",
          actions: {
            "netswap.swap": { dapp: "Netswap", points: "100" },
            "tethys.stake-tlp": { dapp: "Tethys Finance", points: "33.333333", maxRepeats: 24 },
          },
        }),
      );
      await run("points:deploy", { catalog: season });
      const registry = await registryAt(hre);
      expect(await registry.actionCount()).to.equal(2);
      expect((await registry.getAction(2)).basePoints).to.equal(33_333_333n);
      expect(await run("points:catalog:register", { catalog: season })).to.match(
        /already holds every action/,
      );
    });

    it("with --dapps --seed deploys, authorises and funds the five stand-ins", async () => {
      await run("points:deploy", { dapps: true, seed: true });
      const names = Object.keys(record().contracts);
      for (const name of [
        ...Object.values(DAPP_RECORDS),
        tokenRecord("tUSDC"),
        tokenRecord("tUSDT"),
        tokenRecord("tWETH"),
        tokenRecord("tTLP"),
      ]) {
        expect(names).to.include(name);
      }
      const registry = await registryAt(hre);
      const c = record().contracts;
      const dapp = async (name: string) => registry.dappId(name);
      expect(
        await registry.isReporter(await dapp("Hummus Finance"), c.MockHummusPool.address),
      ).to.equal(true);
      expect(
        await registry.isReporter(await dapp("Tethys Finance"), c.MockTethysExchange.address),
      ).to.equal(true);
      expect(
        await registry.isReporter(await dapp("Midas Games"), c.MockMidasLottery.address),
      ).to.equal(true);
      expect(
        await registry.isReporter(await dapp("League.Tech"), c.MockLeagueTech.address),
      ).to.equal(true);
      expect(await registry.isReporter(await dapp("Netswap"), c.MockNetswapPair.address)).to.equal(
        false,
      );
      const netswap = await ethers.getContractAt("MockNetswapPair", c.MockNetswapPair.address);
      const [r0, r1] = await netswap.getReserves();
      expect(r0 > 0n && r1 > 0n).to.equal(true);
      // a participant can act right away
      const [, alice] = await ethers.getSigners();
      const usdc = await ethers.getContractAt("TestnetToken", c[tokenRecord("tUSDC")].address);
      await usdc.mint(alice.address, 10n ** 9n);
      await usdc.connect(alice).approve(c.MockTethysExchange.address, ethers.MaxUint256);
      const tethys = await ethers.getContractAt("MockTethysExchange", c.MockTethysExchange.address);
      await expect(tethys.connect(alice).swap(usdc.target, 10n ** 8n, 0)).to.emit(
        registry,
        "Recorded",
      );
      // idempotent: a second run deploys nothing
      const again = await run("points:deploy", { dapps: true });
      expect(again).to.not.match(/deployed/);
    });

    it("refuses a catalog that re-values a live registry's action before deploying anything", async () => {
      await run("points:deploy");
      // a registry-only deployment: forget the board
      const file = path.join(dirs.deployments(), "hardhat.json");
      const rec = readDeploymentRecord(file)!;
      delete (rec.contracts as Record<string, unknown>)[RIDDLE_BOARD_RECORD];
      fs.writeFileSync(file, JSON.stringify(rec));
      const season = path.join(dirs.deployments(), "season.json");
      fs.writeFileSync(
        season,
        JSON.stringify({ actions: { join: { dapp: "Season", points: "600", maxRepeats: 24 } } }),
      );
      await expectRefusal(
        "points:deploy",
        { catalog: season },
        /'join' is registered as #1 \(Season, 500 points, maxRepeats 24\), not \(Season, 600 points/,
      );
      expect(Object.keys(readDeploymentRecord(file)!.contracts)).to.deep.equal([REGISTRY_RECORD]);
    });

    it("refuses a missing, malformed or invalid catalog, and --seed without --dapps", async () => {
      const bad = path.join(dirs.deployments(), "..", "bad.json");
      fs.mkdirSync(path.dirname(bad), { recursive: true });
      await expectRefusal(
        "points:deploy",
        { catalog: "nope.json" },
        /--catalog 'nope.json' is neither/,
      );
      fs.writeFileSync(bad, "{");
      await expectRefusal("points:deploy", { catalog: bad }, /bad\.json: not valid JSON/);
      fs.writeFileSync(bad, JSON.stringify({ actions: { x: { dapp: "X", points: "1.2345678" } } }));
      await expectRefusal(
        "points:deploy",
        { catalog: bad },
        /actions\.x\.points: '1\.2345678' is not a points decimal/,
      );
      await expectRefusal("points:deploy", { seed: true }, /--seed needs --dapps/);
    });
  });

  describe("catalog tasks", () => {
    beforeEach(async () => {
      await run("points:deploy");
    });

    it("points:catalog prints the actions as a table or JSON", async () => {
      const out = await run("points:catalog");
      expect(out).to.match(/^PointsRegistry 0x/);
      expect(out).to.match(/2 +netswap\.swap +Netswap +300 +24 +active/);
      const json = JSON.parse(await run("points:catalog", { json: true })) as {
        actions: { key: string; points: string }[];
      };
      expect(json.actions.map((a) => a.key)).to.deep.equal(SEASON1_CATALOG.map((a) => a.key));
      expect(json.actions[7].points).to.equal("1000");
    });

    it("points:action:add registers a new action and dApp, accepts the same values again, and never re-values", async () => {
      const out = await run("points:action:add", {
        key: "netswap.launchpad",
        dapp: "Netswap Launchpad",
        points: "250.5",
        maxRepeats: 3,
      });
      expect(out).to.include("registered dApp #7 Netswap Launchpad");
      expect(out).to.include(
        "registered action #15 netswap.launchpad (Netswap Launchpad, 250.5 points)",
      );
      expect(
        await run("points:action:add", {
          key: "netswap.swap",
          dapp: "Netswap",
          points: "300",
          maxRepeats: 24,
        }),
      ).to.match(/already registered with these values/);
      expect(
        JSON.parse(
          await run("points:action:add", {
            key: "netswap.launchpad",
            dapp: "Netswap Launchpad",
            points: "250.5",
            maxRepeats: 3,
            json: true,
          }),
        ),
      ).to.deep.equal({ key: "netswap.launchpad", added: [] });
      await expectRefusal(
        "points:action:add",
        { key: "netswap.swap", dapp: "Netswap", points: "350", maxRepeats: 24 },
        /'netswap\.swap' is registered as #2 \(Netswap, 300 points, maxRepeats 24\), not \(Netswap, 350 points, maxRepeats 24\): a registered action is never re-valued/,
      );
      await expectRefusal(
        "points:action:add",
        { key: "x", dapp: "X", points: "abc", maxRepeats: 0 },
        /--points: 'abc' is not a points decimal/,
      );
      await expectRefusal(
        "points:action:add",
        { key: "x", dapp: "X", points: "0", maxRepeats: 0 },
        /invalid catalog: 'x': base points must be above zero/,
      );
      await expectRefusal(
        "points:action:add",
        { key: "k".repeat(65), dapp: "X", points: "1", maxRepeats: 0 },
        /invalid catalog: action key/,
      );
    });

    it("points:action:retire retires once, and a retired key cannot come back", async () => {
      expect(await run("points:action:retire", { key: "midas.buy-ticket" })).to.equal(
        "retired action #8 midas.buy-ticket",
      );

      await expectRefusal("points:action:retire", { key: "midas.buy-ticket" }, /already retired/);
      await expectRefusal("points:action:retire", { key: "nope" }, /no action 'nope'/);
      await expectRefusal(
        "points:catalog:register",
        { catalog: "default" },
        /'midas\.buy-ticket' \(#8\) is retired: give the action a new key/,
      );
      const retired = JSON.parse(
        await run("points:action:retire", { key: "netswap.swap", json: true }),
      ) as { key: string; action: number; txHash: string };
      expect(retired).to.include({ key: "netswap.swap", action: 2 });
      expect((await ethers.provider.getTransactionReceipt(retired.txHash))?.status).to.equal(1);
      expect((await (await registryAt(hre)).getAction(2)).retired).to.equal(true);
    });

    it("points:reporter:add and :remove manage a dApp's reporters", async () => {
      const [, , reporter] = await ethers.getSigners();
      expect(
        await run("points:reporter:add", { dapp: "Netswap", reporter: reporter.address }),
      ).to.match(/authorised .* to report for Netswap \(#2\)/);
      expect(
        await run("points:reporter:add", { dapp: "Netswap", reporter: reporter.address }),
      ).to.match(/already reports/);
      const registry = await registryAt(hre);
      expect(await registry.isReporter(2, reporter.address)).to.equal(true);
      await expectRefusal(
        "points:reporter:add",
        { dapp: "Netswap", reporter: "0x90F79bf6EB2c4f870365E477d7f3F8e9F3A7b906" },
        /is not an address \(its mixed-case checksum is wrong\)/,
      );
      await expectRefusal(
        "points:reporter:add",
        { dapp: "Netswap", reporter: "0x1234" },
        /--reporter '0x1234' is not an address/,
      );
      await expectRefusal(
        "points:reporter:add",
        { dapp: "Nope", reporter: reporter.address },
        /no dApp named 'Nope'/,
      );
      expect(
        JSON.parse(
          await run("points:reporter:add", {
            dapp: "Netswap",
            reporter: reporter.address,
            json: true,
          }),
        ),
      ).to.deep.equal({ dapp: "Netswap", reporter: reporter.address, added: false });
      expect(
        await run("points:reporter:remove", { dapp: "Netswap", reporter: reporter.address }),
      ).to.match(/no longer reports/);
      const added = JSON.parse(
        await run("points:reporter:add", {
          dapp: "Netswap",
          reporter: reporter.address,
          json: true,
        }),
      ) as { added: boolean };
      expect(added.added).to.equal(true);
      const removed = JSON.parse(
        await run("points:reporter:remove", {
          dapp: "Netswap",
          reporter: reporter.address,
          json: true,
        }),
      ) as { dapp: string; txHash: string };
      expect(removed.dapp).to.equal("Netswap");
      expect((await ethers.provider.getTransactionReceipt(removed.txHash))?.status).to.equal(1);
      expect(await registry.isReporter(2, reporter.address)).to.equal(false);
      await expectRefusal(
        "points:reporter:remove",
        { dapp: "Netswap", reporter: reporter.address },
        /is not a reporter of Netswap/,
      );
      await expectRefusal(
        "points:reporter:remove",
        { dapp: "Nope", reporter: reporter.address },
        /no dApp named 'Nope'/,
      );
    });

    it("points:pause and :unpause switch recording, refusing a repeated switch", async () => {
      expect(await run("points:pause")).to.match(/^paused the registry/);
      expect(await (await registryAt(hre)).paused()).to.equal(true);
      await expectRefusal("points:pause", {}, /already paused/);
      expect(await run("points:unpause")).to.match(/^unpaused/);
      await expectRefusal("points:unpause", {}, /is not paused/);

      const registry = String((await registryAt(hre)).target);
      for (const [name, paused] of [
        ["points:pause", true],
        ["points:unpause", false],
      ] as const) {
        const out = JSON.parse(await run(name, { json: true })) as { txHash: string };
        expect(out).to.include({ registry, paused });
        expect((await ethers.provider.getTransactionReceipt(out.txHash))?.status).to.equal(1);
        expect(await (await registryAt(hre)).paused()).to.equal(paused);
      }
    });

    it("refuse a signer that is not an operator", async () => {
      const registry = await registryAt(hre);
      const [deployer] = await ethers.getSigners();
      await registry.renounceRole(await registry.OPERATOR_ROLE(), deployer.address);
      const not = new RegExp(`${deployer.address} is not an operator of the PointsRegistry`);
      await expectRefusal("points:pause", {}, not);
      await expectRefusal("points:action:retire", { key: "join" }, not);
      await expectRefusal(
        "points:action:add",
        { key: "new.key", dapp: "Netswap", points: "1", maxRepeats: 0 },
        not,
      );
      await expectRefusal(
        "points:reporter:add",
        { dapp: "Netswap", reporter: deployer.address },
        not,
      );
    });
  });

  describe("without a deployment", () => {
    it("every task says the registry is not deployed on the network", async () => {
      const hint =
        /PointsRegistry is not deployed on the in-process 'hardhat' network, which forgets everything when a command ends: start `npx hardhat node` in another terminal and pass --network localhost/;
      await expectRefusal("points:catalog", {}, hint);
      await expectRefusal("points:pause", {}, hint);
      await expectRefusal("points:catalog:register", {}, hint);
      await expectRefusal("points:action:retire", { key: "join" }, hint);
    });

    it("a record written for another chain is refused", async () => {
      fs.mkdirSync(dirs.deployments(), { recursive: true });
      fs.writeFileSync(
        path.join(dirs.deployments(), "hardhat.json"),
        JSON.stringify({ network: "hardhat", chainId: 1, contracts: {} }),
      );
      await expectRefusal(
        "points:catalog",
        {},
        /was written for chain 1 but network 'hardhat' is chain 31337/,
      );
    });

    it("a recorded registry without code is refused", async () => {
      fs.mkdirSync(dirs.deployments(), { recursive: true });
      fs.writeFileSync(
        path.join(dirs.deployments(), "hardhat.json"),
        JSON.stringify({
          network: "hardhat",
          chainId: 31337,
          contracts: { PointsRegistry: { address: `0x${"12".repeat(20)}`, blockNumber: 1 } },
        }),
      );
      await expectRefusal(
        "points:catalog",
        {},
        /PointsRegistry is not deployed on the in-process 'hardhat' network/,
      );
    });
  });
});

describe("deploy/points.ts refusals", () => {
  const dirs = useTempDirs();

  it("deploySeasonDApps refuses a registry without the stand-ins' actions, and tokens it cannot use", async () => {
    await run("points:deploy", { catalog: "none" });
    await expectRefusal(
      "points:deploy",
      { catalog: "none", dapps: true },
      /lacks the actions hummus\.swap, hummus\.deposit, tethys\.swap/,
    );
    await run("points:catalog:register");
    const noCode = `0x${"12".repeat(20)}`;
    await expectRefusal(
      () => deploySeasonDApps(hre, { usd: noCode }),
      /token 0x1212.* has no code on network 'hardhat'/,
    );
    await expectRefusal(
      () => deploySeasonDApps(hre, { weth: "tNOPE" }),
      /token 'tNOPE' is neither an address nor a recorded TestnetToken:tNOPE/,
    );
    await expectRefusal(
      () => deploySeasonDApps(hre, {}, { owner: "nobody" }),
      /owner 'nobody' is not an address/,
    );
    expect(
      Object.keys(readDeploymentRecord(path.join(dirs.deployments(), "hardhat.json"))!.contracts),
    ).to.not.include("MockNetswapPair");
  });
});

describe("seedSeasonDApps refusals", () => {
  useTempDirs();

  it("refuses, sending nothing, when the deployer cannot mint a token", async () => {
    const [, alice] = await ethers.getSigners();
    await run("points:deploy");
    // the third token checked is someone else's: the first two must not be touched either
    const weth = await ethers.deployContract("TestnetToken", [
      "Someone's ETH",
      "tETHX",
      18,
      alice.address,
    ]);
    const dapps = await deploySeasonDApps(hre, { weth: String(weth.target) });
    await expectRefusal(
      () => seedSeasonDApps(hre, dapps),
      /can neither mint tETHX nor grant itself MINTER_ROLE/,
    );
  });
});
