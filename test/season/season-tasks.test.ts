import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { Interface } from "ethers";
import { MINT_EVENTS, REGISTRY_EVENTS, RIDDLE_EVENTS } from "../../src/export/season-abi";
import { readDeploymentRecord } from "../../src/deployments";
import { useTempEnvDirs } from "../helpers/env";
import { readEvents } from "../helpers/events";
import { expectRefusal, expectTaskError, run } from "../helpers/tasks";

function contractsOf(): Record<string, string> {
  const record = readDeploymentRecord(path.join(process.env.DEPLOYMENTS_DIR!, "hardhat.json"))!;
  return Object.fromEntries(Object.entries(record.contracts).map(([k, v]) => [k, v.address]));
}

describe("season tasks", function () {
  // Fresh DEPLOYMENTS_DIR, EPOCHS_DIR and RIDDLE_SECRETS_DIR for each test.
  const root = useTempEnvDirs("season-tasks-", {
    DEPLOYMENTS_DIR: "deployments",
    EPOCHS_DIR: "epochs",
    RIDDLE_SECRETS_DIR: "secrets",
  });
  const seasonPath = () => path.join(root(), "season.json");
  const init = (extra: Record<string, unknown> = {}) =>
    run("season:init", {
      out: seasonPath(),
      epochSeconds: "1h",
      epochs: 2,
      timelock: "60",
      tierDivisor: 20,
      dapps: "mocks",
      mintMode: "open", // the tests below claim without vouchers
      force: false,
      ...extra,
    });

  describe("season:init", () => {
    it("writes a loadable Season 1 file whose first epoch ends one epoch after the chain's time", async () => {
      const now = await time.latest();
      await init();
      const season = JSON.parse(fs.readFileSync(seasonPath(), "utf8"));
      expect(season.rewards.epochs.map((e: { endTime: number }) => e.endTime)).to.deep.equal([
        now + 3_600,
        now + 7_200,
      ]);
      expect(
        season.chain.mint.tiers.map((t: { lastOrdinal: string }) => t.lastOrdinal),
      ).to.deep.equal(["5", "25", "100", "500", "open"]);
      expect(season.chain.distributor.timelock).to.equal(60);
      const [operator, other] = await ethers.getSigners();
      expect(season.chain.exclude).to.deep.equal([operator.address]);
      await init({ force: true, exclude: "none" });
      expect(JSON.parse(fs.readFileSync(seasonPath(), "utf8")).chain.exclude).to.deep.equal([]);
      await init({ force: true, exclude: `${other.address}, ${operator.address}` });
      expect(JSON.parse(fs.readFileSync(seasonPath(), "utf8")).chain.exclude).to.deep.equal([
        other.address,
        operator.address,
      ]);
    });

    it("defaults to a voucher mint signed by the operator; open mode is explicit and warned about in one line", async () => {
      const [operator, other] = await ethers.getSigners();
      const quiet = await init({ mintMode: undefined });
      const raw = () => JSON.parse(fs.readFileSync(seasonPath(), "utf8"));
      expect(raw().chain.mint.mode).to.equal("voucher");
      expect(raw().chain.mint.registrar).to.equal(operator.address);
      expect(quiet).to.match(/voucher mint \(registrar 0x/);
      expect(quiet).not.to.match(/warning/);
      await init({ mintMode: undefined, registrar: other.address, force: true });
      expect(raw().chain.mint.registrar).to.equal(other.address);
      const loud = await init({ force: true });
      expect(raw().chain.mint.mode).to.equal("open");
      const warnings = loud.split("\n").filter((l) => l.startsWith("warning:"));
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.match(/open mode while the season has reward pools/);
      await expectTaskError(
        () => init({ force: true, mintMode: "free" }),
        /--mint-mode must be 'voucher' or 'open', not 'free'/,
      );
      await expectTaskError(
        () => init({ force: true, registrar: other.address }),
        /--registrar is for voucher mode/,
      );
    });

    it("takes the start and the durations in the tasks' time forms, and warns without a guardian", async () => {
      const lines: string[] = [];
      const printed: string[] = [];
      const write = process.stderr.write;
      const log = console.log;
      process.stderr.write = ((chunk: string | Uint8Array) => {
        lines.push(String(chunk));
        return true;
      }) as typeof process.stderr.write;
      console.log = (...parts: unknown[]) => void printed.push(parts.map(String).join(" "));
      try {
        await hre.run("season:init", {
          out: seasonPath(),
          start: "2027-01-04T00:00:00Z",
          epochSeconds: "1d",
          epochs: 2,
          timelock: "2h",
        });
      } finally {
        process.stderr.write = write;
        console.log = log;
      }
      expect(printed.at(-1)).to.equal(
        `next: npx hardhat season:deploy --network hardhat --season ${seasonPath()}`,
      );
      const season = JSON.parse(fs.readFileSync(seasonPath(), "utf8"));
      const start = Date.UTC(2027, 0, 4) / 1000;
      expect(season.rewards.epochs.map((e: { endTime: number }) => e.endTime)).to.deep.equal([
        start + 86_400,
        start + 2 * 86_400,
      ]);
      expect(season.chain.distributor.timelock).to.equal(7_200);
      expect(lines.join("")).to.match(
        /^warning: no guardian: only the owner can revoke a wrong root or pause claims \(pass --guardian <auditor address>\)\n$/,
      );
      const now = await time.latest();
      await init({ force: true, start: "+2h" });
      const relative = JSON.parse(fs.readFileSync(seasonPath(), "utf8"));
      expect(relative.rewards.epochs[0].endTime).to.equal(now + 7_200 + 3_600);
      await expectTaskError(
        () => init({ force: true, start: "monday" }),
        /--start: 'monday' is not a time \(unix seconds, an ISO date/,
      );
      await expectTaskError(
        () => init({ force: true, epochSeconds: "1.5h" }),
        /--epoch-seconds: '1\.5h' is not a duration/,
      );
    });

    it("refuses to overwrite a file, an unknown dApps mode and a divisor that collapses the tiers", async () => {
      await init();
      await expectTaskError(() => init(), /exists: pass --force to overwrite it/);
      await expectTaskError(
        () => init({ force: true, dapps: "real" }),
        /--dapps must be 'mocks' or 'none', not 'real'/,
      );
      await expectTaskError(
        () => init({ force: true, tierDivisor: 200 }),
        /--tier-divisor 200 collapses the tier caps \(0, 2, 10, 50\)/,
      );
      await expectTaskError(
        () => init({ force: true, guardian: "0x12" }),
        /--guardian '0x12' is not an address/,
      );
      await expectTaskError(
        () => init({ force: true, exclude: "0x12" }),
        /--exclude '0x12' is not an address/,
      );
    });
  });

  describe("season:init --dapps none (a real chain)", () => {
    const rulesFile = () => path.join(root(), "rules.json");
    const writeRules = (rules: unknown) =>
      fs.writeFileSync(rulesFile(), JSON.stringify({ rules }, null, 2));
    const example = () =>
      JSON.parse(
        fs.readFileSync(
          path.join(__dirname, "..", "..", "examples", "relay-rules", "netswap-v2.json"),
          "utf8",
        ),
      ) as { rules: Record<string, string>[] };
    const PAIR = "0x00000000000000000000000000000000000000AA";

    it("writes no mock and no relay rule by default, and deploys without any mock", async () => {
      await init({ dapps: "none" });
      const season = JSON.parse(fs.readFileSync(seasonPath(), "utf8"));
      expect(season.chain.dapps).to.equal("none");
      expect(season.chain.relay).to.deep.equal([]);
      expect(season.chain.reporters).to.deep.equal({});
      await run("season:deploy", { season: seasonPath() });
      expect(Object.keys(contractsOf()).filter((n) => n.startsWith("Mock"))).to.deep.equal([]);
      const out = path.join(root(), "events.ndjson");
      const exported = (await hre.run("season:export", {
        season: seasonPath(),
        out,
        quiet: true,
      })) as {
        stopped: boolean;
      };
      expect(exported.stopped).to.equal(false);
    });

    it("takes the example's rule with the pair's address, and makes the operator Netswap's reporter", async () => {
      const rules = example().rules;
      rules[0].contract = PAIR.toLowerCase();
      writeRules(rules);
      await init({ dapps: "none", relay: rulesFile() });
      const season = JSON.parse(fs.readFileSync(seasonPath(), "utf8"));
      const [operator] = await ethers.getSigners();
      expect(season.chain.relay).to.deep.equal([{ ...rules[0], contract: PAIR }]);
      expect(season.chain.reporters).to.deep.equal({ Netswap: [operator.address] });
    });

    it("refuses the example as shipped, an unknown action, a name instead of an address, a bad event, and --relay with mocks", async () => {
      const rules = example().rules;
      writeRules(rules);
      await expectTaskError(
        () => init({ dapps: "none", relay: rulesFile() }),
        /rules\.json: relay rule 0: contract is the zero address: put the address of the dApp's contract there/,
      );
      writeRules([{ ...rules[0], contract: PAIR, action: "netswap.fly" }]);
      await expectTaskError(
        () => init({ dapps: "none", relay: rulesFile() }),
        /relay rule 0: action 'netswap\.fly' is not in the season's catalog/,
      );
      writeRules([{ ...rules[0], contract: "MockNetswapPair" }]);
      await expectTaskError(
        () => init({ dapps: "none", relay: rulesFile() }),
        /relay rule 0: contract 'MockNetswapPair' must be the dApp's address/,
      );
      writeRules([{ ...rules[0], contract: PAIR, account: "amount0In" }]);
      await expectTaskError(
        () => init({ dapps: "none", relay: rulesFile() }),
        /rules\[0\]\.account: 'amount0In' is a uint256, not an address/,
      );
      await expectTaskError(() => init({ relay: rulesFile() }), /--relay is for --dapps none/);
      expect(fs.existsSync(seasonPath()), "nothing written").to.equal(false);
    });
  });

  describe("season:deploy", () => {
    it("deploys everything once and reuses it all on a second run", async () => {
      await init();
      await run("season:deploy", { season: seasonPath() });
      const first = contractsOf();
      expect(Object.keys(first)).to.include.members([
        "TieredMint",
        "PointsRegistry",
        "RiddleBoard",
        "RewardDistributor",
        "TestnetToken:tREWARD",
        "MockNetswapPair",
      ]);
      const blockBefore = await ethers.provider.getBlockNumber();
      const output = await run("season:deploy", { season: seasonPath() });
      expect(contractsOf()).to.deep.equal(first);
      expect(await ethers.provider.getBlockNumber(), "a second deploy sends nothing").to.equal(
        blockBefore,
      );
      expect(output).to.match(/reused\s+RewardDistributor/);
      const registry = await ethers.getContractAt("PointsRegistry", first.PointsRegistry);
      expect(await registry.actionCount()).to.equal(14n);
      const distributor = await ethers.getContractAt("RewardDistributor", first.RewardDistributor);
      expect(await distributor.timelock()).to.equal(60n);
    });

    it("refuses a file without a chain section, and a malformed one, before sending anything", async () => {
      await init();
      const season = JSON.parse(fs.readFileSync(seasonPath(), "utf8"));
      const bare = path.join(root(), "bare.json");
      const pools = { "0x00000000000000000000000000000000000000aa": "1000" };
      const engineOnly = {
        ...season,
        chain: undefined,
        rewards: {
          ...season.rewards,
          epochs: season.rewards.epochs.map((e: object) => ({ ...e, pools })),
        },
      };
      fs.writeFileSync(bare, JSON.stringify(engineOnly));
      await expectRefusal(
        "season:deploy",
        { season: bare },
        /bare\.json has no 'chain' section: nothing to deploy/,
      );
      season.chain.distributor.timelock = -5;
      fs.writeFileSync(bare, JSON.stringify(season));
      await expectRefusal(
        "season:deploy",
        { season: bare },
        /bare\.json: chain\.distributor\.timelock: must be at least 0/,
      );
      fs.writeFileSync(bare, "{ not json");
      await expectRefusal("season:deploy", { season: bare }, /bare\.json: not valid JSON/);
      await expectRefusal(
        "season:deploy",
        { season: path.join(root(), "missing.json") },
        /missing\.json: cannot read \(ENOENT\)/,
      );
    });
  });

  describe("season:export", () => {
    it("refuses a network where the season is not deployed", async () => {
      await init();
      await expectRefusal(
        "season:export",
        { season: seasonPath(), quiet: true },
        /the season is not deployed on the in-process 'hardhat' network/,
      );
    });

    it("exports mints with their join action, dApp records, relayed Netswap events and riddle boosts, then only what is new", async () => {
      await init();
      await run("season:deploy", { season: seasonPath() });
      const c = contractsOf();
      const [operator, alice, bob] = await ethers.getSigners();
      const mint = await ethers.getContractAt("TieredMint", c.TieredMint);
      await (await mint.connect(alice).claim()).wait();
      await (await mint.connect(bob).claim()).wait();
      // Midas reports to the registry; Netswap only emits its own events (relayed by rule).
      const usdc = await ethers.getContractAt("TestnetToken", c["TestnetToken:tUSDC"]);
      const weth = await ethers.getContractAt("TestnetToken", c["TestnetToken:tWETH"]);
      await (await usdc.connect(alice).approve(c.MockMidasLottery, ethers.MaxUint256)).wait();
      const lottery = await ethers.getContractAt("MockMidasLottery", c.MockMidasLottery);
      await (await lottery.connect(alice).buyTicket()).wait();
      await (await weth.connect(bob).approve(c.MockNetswapPair, ethers.MaxUint256)).wait();
      const pair = await ethers.getContractAt("MockNetswapPair", c.MockNetswapPair);
      await (
        await pair.connect(bob).swap(c["TestnetToken:tWETH"], 10n ** 15n, 1n, bob.address)
      ).wait();
      // A riddle alice answers right.
      await run("riddle:publish", {
        key: "riddle-01",
        answer: "Sequencer",
        kind: "fixed",
        points: "500",
        commitUntil: "+1h",
        revealUntil: "+2h",
        question: "",
      });
      await run("riddle:answer", { key: "riddle-01", answer: "sequencer", from: alice.address });
      await time.increase(3_601);
      await run("riddle:reveal", { key: "riddle-01" });
      await run("riddle:answer", { key: "riddle-01", from: alice.address });

      const first = await run("season:export", { season: seasonPath(), quiet: true });
      const eventsFile = path.join(process.env.EPOCHS_DIR!, "events.ndjson");
      expect(first).to.match(/events\.ndjson: \d+ events, complete up to block \d+/);
      const events = readEvents(eventsFile);
      const of = (who: string) => events.filter((e) => e.account === who.toLowerCase());
      const summary = (who: string) =>
        of(who).map((e) =>
          e.kind === "action"
            ? e.action
            : e.kind === "boost"
              ? `boost ${e.boost}`
              : `mint #${e.ordinal} $${e.dollars}`,
        );
      expect(summary(alice.address)).to.deep.equal([
        "mint #1 $10000",
        "join",
        "midas.buy-ticket",
        "boost riddle-01",
      ]);
      expect(summary(bob.address)).to.deep.equal(["mint #2 $10000", "join", "netswap.swap"]);
      // Seeding the stand-ins is a Netswap liquidity add and Hummus deposits by the operator, whom
      // season:init excludes by default: none of it is the season's.
      expect(summary(operator.address)).to.deep.equal([]);
      const refs = events.filter((e) => e.kind === "action").map((e) => (e as { ref: string }).ref);
      expect(new Set(refs).size).to.equal(refs.length);

      // Later activity: a second export appends only it, and equals an export from scratch.
      const [, , , carol] = await ethers.getSigners();
      await (await mint.connect(carol).claim()).wait();
      await run("season:export", { season: seasonPath(), quiet: true });
      expect(
        readEvents(eventsFile)
          .slice(events.length)
          .map((e) => e.kind),
      ).to.deep.equal(["mint", "action"]);
      const fresh = path.join(root(), "fresh.ndjson");
      await run("season:export", { season: seasonPath(), out: fresh, chunk: 3, quiet: true });
      expect(fs.readFileSync(fresh, "utf8")).to.equal(fs.readFileSync(eventsFile, "utf8"));
    });

    it("leaves the newest blocks out under a confirmation depth", async () => {
      await init();
      await run("season:deploy", { season: seasonPath() });
      const [, alice] = await ethers.getSigners();
      await (
        await (
          await ethers.getContractAt("TieredMint", contractsOf().TieredMint)
        )
          .connect(alice)
          .claim()
      ).wait();
      const out = path.join(root(), "confirmed.ndjson");
      await run("season:export", { season: seasonPath(), out, confirmations: 1, quiet: true });
      expect(readEvents(out).filter((e) => e.kind === "mint")).to.have.length(0);
      await run("season:export", { season: seasonPath(), out, confirmations: 0, quiet: true });
      expect(readEvents(out).filter((e) => e.kind === "mint")).to.have.length(1);
    });
  });

  it("decodes events with fragments identical to the compiled contracts' ABI", async () => {
    const pairs: [string, readonly string[]][] = [
      ["TieredMint", MINT_EVENTS],
      ["PointsRegistry", REGISTRY_EVENTS],
      ["RiddleBoard", RIDDLE_EVENTS],
    ];
    for (const [contract, fragments] of pairs) {
      const compiled = new Interface((await hre.artifacts.readArtifact(contract)).abi);
      const ours = new Interface(fragments);
      ours.forEachEvent((event) => {
        expect(compiled.getEvent(event.name)?.format("full"), `${contract}.${event.name}`).to.equal(
          event.format("full"),
        );
      });
      expect(ours.fragments).to.have.length(fragments.length);
    }
  });
});
