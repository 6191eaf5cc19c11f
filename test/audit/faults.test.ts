/**
 * Bad input and faults: every season task that reads the chain refuses a wrong network, a missing
 * deployment and a malformed season file in one line; an RPC error mid-range is retried with
 * backoff, then named; and an exporter killed mid-range (for real: SIGKILL of a `season:export`
 * against a `hardhat node`) resumes to exactly the bytes of an uninterrupted export.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import hre from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { Contract, JsonRpcProvider, type Signer } from "ethers";
import { readCheckpoint } from "../../src/indexer/checkpoint";
import { computeEpoch } from "../../src/engine/epoch";
import { writeEpochOutputs } from "../../src/engine/outputs";
import { loadSeasonFile, resolveSeason } from "../../src/season/season-file";
import { season1SeasonFile } from "../../src/season/season1-template";
import { chainReader, runSeasonExport } from "../../tasks/lib/export";
import { exportSourcesOf, loadDeployedSeason } from "../../tasks/lib/season";
import { expectRefusal, expectTaskError } from "../helpers/tasks";
import { seasonFixture, useSeasonDirs } from "./season.fixture";
import {
  childEnv,
  killChildren,
  runHardhat,
  startFailingProxy,
  startHardhat,
  startNode,
  waitFor,
  type Child,
} from "./node.helpers";
import { underCoverage } from "../helpers/coverage";

describe("faults", function () {
  this.timeout(600_000);

  describe("bad input to the tasks that read the chain (one line, nothing sent)", () => {
    const dirs = useSeasonDirs();
    const season = seasonFixture(dirs);
    let tmp: string;
    beforeEach(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), "faults-"));
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    /** Each task, with the arguments it needs besides --season. */
    const TASKS: [string, Record<string, unknown>][] = [
      ["season:export", {}],
      ["epoch:verify", { epoch: 1, dump: "tree.json" }],
      ["points:relay", {}],
    ];
    const each = async (seasonFile: string, message: RegExp) => {
      for (const [name, args] of TASKS) {
        await expectRefusal(name, { season: seasonFile, ...args }, message);
      }
    };
    const record = (network = "hardhat") =>
      JSON.parse(fs.readFileSync(path.join(dirs.root, "deployments", `${network}.json`), "utf8"));

    it("refuses a malformed season file, naming the file and the field", async () => {
      await loadFixture(season);
      const broken = path.join(tmp, "broken.json");
      fs.writeFileSync(broken, "{ not json");
      await each(broken, new RegExp(`^${broken}: not valid JSON \\(`));
      const raw = JSON.parse(fs.readFileSync(dirs.seasonFile, "utf8"));
      raw.chain.confirmations = -1;
      const bad = path.join(tmp, "bad-field.json");
      fs.writeFileSync(bad, JSON.stringify(raw));
      await each(bad, new RegExp(`^${bad}: chain.confirmations`));
      await each(path.join(tmp, "absent.json"), /absent\.json: cannot read \(ENOENT\)$/);
    });

    it("refuses a network with no deployment", async () => {
      await loadFixture(season);
      process.env.DEPLOYMENTS_DIR = path.join(tmp, "empty");
      await each(
        dirs.seasonFile,
        /^the season is not deployed on the in-process 'hardhat' network, which forgets everything when a command ends: start `npx hardhat node`/,
      );
    });

    it("refuses a deployment record of another chain (wrong network)", async () => {
      await loadFixture(season);
      const other = { ...record(), chainId: 59_902 };
      fs.mkdirSync(path.join(tmp, "d"));
      fs.writeFileSync(path.join(tmp, "d", "hardhat.json"), JSON.stringify(other));
      process.env.DEPLOYMENTS_DIR = path.join(tmp, "d");
      await each(
        dirs.seasonFile,
        /hardhat\.json was written for chain 59902 but network 'hardhat' is chain 31337$/,
      );
    });

    it("refuses contracts recorded where the chain has no code (a forgotten in-process network)", async () => {
      await loadFixture(season);
      const forgotten = record();
      for (const c of Object.values(forgotten.contracts) as { address: string }[]) {
        c.address = `0x${"5e".repeat(20)}`;
      }
      fs.mkdirSync(path.join(tmp, "d"));
      fs.writeFileSync(path.join(tmp, "d", "hardhat.json"), JSON.stringify(forgotten));
      process.env.DEPLOYMENTS_DIR = path.join(tmp, "d");
      await each(
        dirs.seasonFile,
        /is not deployed on the in-process 'hardhat' network, which forgets everything/,
      );
    });
  });

  describe("an RPC error mid-range (injected reader)", () => {
    const dirs = useSeasonDirs();
    const season = seasonFixture(dirs);
    let tmp: string;
    beforeEach(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), "faults-rpc-"));
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    const CHUNK = 10;
    /** The first block of the export's fifth chunk. */
    const mid = async () => {
      const { startBlock } = exportSourcesOf(await loadDeployedSeason(hre, dirs.seasonFile));
      return startBlock + 4 * CHUNK;
    };

    async function exportWith(
      file: string,
      failGetLogs: (from: number) => boolean,
      delays: number[] = [],
    ) {
      const deployed = await loadDeployedSeason(hre, dirs.seasonFile);
      const good = chainReader(hre);
      return runSeasonExport(hre, deployed, {
        eventsFile: file,
        chunkBlocks: CHUNK,
        quiet: true,
        reader: {
          ...good,
          getLogs: async (f) => {
            if (failGetLogs(f.fromBlock)) throw new Error("ECONNRESET: socket hang up");
            return good.getLogs(f);
          },
        },
        retry: {
          attempts: 3,
          baseDelayMs: 5,
          maxDelayMs: 8,
          onRetry: (_attempt, delay) => delays.push(delay),
        },
      });
    }

    it("retries with backoff and exports exactly what an undisturbed export does", async () => {
      await loadFixture(season);
      const clean = await exportWith(path.join(tmp, "clean.ndjson"), () => false);
      expect(clean.lines).to.be.greaterThan(20);
      const MID = await mid();
      let failures = 2;
      const delays: number[] = [];
      const flaky = await exportWith(
        path.join(tmp, "flaky.ndjson"),
        (from) => from === MID && failures-- > 0,
        delays,
      );
      expect(delays).to.deep.equal([5, 8]);
      expect(flaky.lines).to.equal(clean.lines);
      expect(
        fs.readFileSync(path.join(tmp, "flaky.ndjson")).equals(fs.readFileSync(clean.eventsFile)),
      ).to.equal(true);
    });

    it("names the range after the last attempt, keeps what it exported, and resumes exactly", async () => {
      await loadFixture(season);
      const clean = await exportWith(path.join(tmp, "clean.ndjson"), () => false);
      const MID = await mid();
      const file = path.join(tmp, "broken.ndjson");
      const delays: number[] = [];
      const message = await expectTaskError(
        () => exportWith(file, (from) => from >= MID, delays),
        /failed after 3 attempts: ECONNRESET: socket hang up$/,
      );
      expect(message).to.equal(
        `exporting the season's events into ${file}: reading blocks ${MID}..${MID + CHUNK - 1} failed after 3 attempts: ECONNRESET: socket hang up`,
      );
      expect(delays).to.deep.equal([5, 8]);
      const checkpoint = readCheckpoint(`${file}.checkpoint.json`)!;
      expect(checkpoint.nextBlock).to.equal(MID);
      expect(fs.statSync(file).size).to.equal(checkpoint.eventsBytes);
      const resumed = await exportWith(file, () => false);
      expect(resumed.lines).to.equal(clean.lines);
      expect(fs.readFileSync(file).equals(fs.readFileSync(clean.eventsFile))).to.equal(true);
    });
  });

  describe("against a real `hardhat node`", () => {
    let node: { child: Child; url: string };
    let root: string;
    let env: NodeJS.ProcessEnv;
    let seasonFile: string;
    let provider: JsonRpcProvider;

    before(async function () {
      // Child processes measure no contract coverage: `npm run coverage` leaves them to `npm test`.
      if (underCoverage()) this.skip();
      root = fs.mkdtempSync(path.join(os.tmpdir(), "faults-node-"));
      node = await startNode();
      provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true });
      env = childEnv({
        LOCALHOST_RPC_URL: node.url,
        DEPLOYMENTS_DIR: path.join(root, "deployments"),
        EPOCHS_DIR: path.join(root, "epochs"),
      });
      const start = (await provider.getBlock("latest"))!.timestamp;
      seasonFile = path.join(root, "season.json");
      fs.writeFileSync(
        seasonFile,
        JSON.stringify(
          season1SeasonFile({
            start,
            epochSeconds: 3_600,
            epochs: 2,
            timelock: 0,
            mintMode: "open",
          }),
        ),
      );
      const deploy = await runHardhat(
        ["--network", "localhost", "season:deploy", "--season", seasonFile],
        env,
      );
      expect(deploy.code, deploy.stderr).to.equal(0);
      await activity();
    });

    after(async () => {
      provider?.destroy();
      killChildren(); // the node and any export still running
      if (node) await node.child.exited;
      if (root) fs.rmSync(root, { recursive: true, force: true });
    });

    /** Participants mint, swap on Netswap (relayed) and buy Midas tickets; empty blocks between. */
    async function activity(): Promise<void> {
      const record = JSON.parse(
        fs.readFileSync(path.join(root, "deployments", "localhost.json"), "utf8"),
      ) as { contracts: Record<string, { address: string }> };
      const at = (name: string, artifact: string, signer: Signer) =>
        new Contract(
          record.contracts[name].address,
          hre.artifacts.readArtifactSync(artifact).abi,
          signer,
        );
      const accounts = (await provider.send("eth_accounts", [])) as string[];
      const deployer = await provider.getSigner(accounts[0]);
      const usd = at("TestnetToken:tUSDC", "TestnetToken", deployer);
      const play = async (first: number, last: number) => {
        for (let i = first; i <= last; i++) {
          const p = await provider.getSigner(accounts[i]);
          const amount = 1_000n * 10n ** 6n;
          await (await usd.mint(accounts[i], amount)).wait();
          const mine = usd.connect(p) as Contract;
          await (await mine.approve(record.contracts.MockNetswapPair.address, amount)).wait();
          await (await mine.approve(record.contracts.MockMidasLottery.address, amount)).wait();
          await (await at("TieredMint", "TieredMint", p).claim()).wait();
          const pair = at("MockNetswapPair", "MockNetswapPair", p);
          await (await pair.swap(usd.target, 10n ** 6n, 0, accounts[i])).wait();
          await (await at("MockMidasLottery", "MockMidasLottery", p).buyTicket()).wait();
        }
      };
      await play(1, 4);
      await provider.send("hardhat_mine", ["0x5dc"]); // 1,500 empty blocks
      await play(5, 7);
    }

    const exportArgs = (out: string, extra: string[] = []) => [
      "--network",
      "localhost",
      "season:export",
      "--season",
      seasonFile,
      "--out",
      out,
      ...extra,
    ];

    it("resumes a season:export killed mid-range (SIGKILL) to exactly the uninterrupted bytes", async () => {
      const full = path.join(root, "full.ndjson");
      const whole = await runHardhat(exportArgs(full), env);
      expect(whole.code, whole.stderr).to.equal(0);
      const expected = fs.readFileSync(full);
      expect(expected.toString().trim().split("\n").length).to.be.greaterThan(20);

      const killed = path.join(root, "killed.ndjson");
      const checkpointFile = `${killed}.checkpoint.json`;
      const head = await provider.getBlockNumber();
      const victim = startHardhat(exportArgs(killed, ["--chunk", "1"]), env);
      // Kill it once its checkpoint has passed the first participants' activity, well before the head.
      let killedAt = 0;
      await waitFor("the export's checkpoint", () => {
        if (victim.proc.exitCode !== null)
          throw new Error(`the export ended first: ${victim.stderr()}`);
        if (!fs.existsSync(checkpointFile)) return false;
        let next = 0;
        try {
          next = JSON.parse(fs.readFileSync(checkpointFile, "utf8")).nextBlock as number;
        } catch {
          return false; // never half-written (atomic rename), but be safe
        }
        if (next < 90) return false;
        killedAt = next;
        return true;
      });
      victim.proc.kill("SIGKILL");
      const { signal } = await victim.exited;
      expect(signal).to.equal("SIGKILL");
      const checkpoint = readCheckpoint(checkpointFile)!;
      expect(checkpoint.nextBlock).to.be.at.least(killedAt);
      expect(checkpoint.nextBlock).to.be.lessThan(head);
      const partial = fs.readFileSync(killed);
      expect(partial.length).to.be.lessThan(expected.length);
      expect(expected.subarray(0, partial.length).equals(partial)).to.equal(true);

      const resumed = await runHardhat(exportArgs(killed, ["--chunk", "1"]), env);
      expect(resumed.code, resumed.stderr).to.equal(0);
      expect(resumed.stderr).to.match(/\[export\] resumed from block \d+/);
      expect(fs.readFileSync(killed).equals(expected), "resumed export differs").to.equal(true);
    });

    it("retries eth_getLogs errors mid-range with backoff, then exports the same bytes", async () => {
      const full = path.join(root, "reference.ndjson");
      expect((await runHardhat(exportArgs(full), env)).code).to.equal(0);
      let left = 2;
      const proxy = await startFailingProxy(
        node.url,
        (method, params) =>
          method === "eth_getLogs" &&
          Number((params[0] as { fromBlock: string }).fromBlock) >= 500 &&
          left-- > 0,
      );
      try {
        const out = path.join(root, "flaky.ndjson");
        const run = await runHardhat(exportArgs(out, ["--chunk", "500"]), {
          ...env,
          LOCALHOST_RPC_URL: proxy.url,
        });
        expect(run.code, run.stderr).to.equal(0);
        expect(proxy.failures()).to.equal(2);
        expect(run.stderr).to.match(
          /\[export\] attempt 1 failed \(.*injected eth_getLogs failure.*\); retrying in 500 ms/,
        );
        expect(run.stderr).to.match(/\[export\] attempt 2 failed .*; retrying in 1000 ms/);
        expect(fs.readFileSync(out).equals(fs.readFileSync(full))).to.equal(true);
      } finally {
        await proxy.close();
      }
    });

    it("names the failing range in one line when eth_getLogs keeps failing, and resumes later", async () => {
      const full = path.join(root, "reference2.ndjson");
      expect((await runHardhat(exportArgs(full), env)).code).to.equal(0);
      const proxy = await startFailingProxy(
        node.url,
        (method, params) =>
          method === "eth_getLogs" && Number((params[0] as { fromBlock: string }).fromBlock) >= 500,
      );
      const out = path.join(root, "dead.ndjson");
      try {
        const run = await runHardhat(exportArgs(out, ["--chunk", "500"]), {
          ...env,
          LOCALHOST_RPC_URL: proxy.url,
        });
        expect(run.code).to.equal(1);
        expect(proxy.failures()).to.equal(5);
        const errors = run.stderr.split("\n").filter((l) => l.startsWith("Error "));
        expect(errors).to.have.length(1);
        const m = new RegExp(
          `^Error in plugin season: exporting the season's events into ${out}: reading blocks (\\d+)\\.\\.(\\d+) failed after 5 attempts: proxy: injected eth_getLogs failure$`,
        ).exec(errors[0]);
        expect(m, errors[0]).to.not.equal(null);
        const [from, to] = [Number(m![1]), Number(m![2])];
        expect(from).to.be.within(500, 999); // the first chunk from block 500 on: mid-range
        expect(to).to.equal(from + 499);
        expect(readCheckpoint(`${out}.checkpoint.json`)!.nextBlock).to.equal(from);
      } finally {
        await proxy.close();
      }
      const resumed = await runHardhat(exportArgs(out, ["--chunk", "500"]), env);
      expect(resumed.code, resumed.stderr).to.equal(0);
      expect(fs.readFileSync(out).equals(fs.readFileSync(full))).to.equal(true);
    });

    it("epoch:verify exits 0 on the published epoch and 1 on a dump that does not match, writing its report", async () => {
      // The operator's side, by hand: close epoch 1, fund it, publish it (timelock 0: accepted).
      await provider.send("evm_increaseTime", [3_600]);
      await provider.send("evm_mine", []);
      const events = path.join(root, "operator.ndjson");
      expect((await runHardhat(exportArgs(events), env)).code).to.equal(0);
      const record = JSON.parse(
        fs.readFileSync(path.join(root, "deployments", "localhost.json"), "utf8"),
      ) as { contracts: Record<string, { address: string }> };
      const resolved = resolveSeason(
        loadSeasonFile(seasonFile),
        (symbol) => record.contracts[`TestnetToken:${symbol}`]?.address,
      );
      const closed = path.join(root, "operator-epoch-1");
      const summary = writeEpochOutputs(
        computeEpoch({ season: resolved, epoch: 1, eventsPath: events }),
        closed,
      );
      const deployer = await provider.getSigner(
        ((await provider.send("eth_accounts", [])) as string[])[0],
      );
      const abi = (name: string) => hre.artifacts.readArtifactSync(name).abi;
      const reward = new Contract(
        record.contracts["TestnetToken:tREWARD"].address,
        abi("TestnetToken"),
        deployer,
      );
      const distributor = new Contract(
        record.contracts.RewardDistributor.address,
        abi("RewardDistributor"),
        deployer,
      );
      const need = BigInt(Object.values(summary.tokens)[0].cumulative);
      await (
        await reward.grantRole(await reward.MINTER_ROLE(), await deployer.getAddress())
      ).wait();
      await (await reward.mint(await deployer.getAddress(), need)).wait();
      await (await reward.approve(distributor.target, need)).wait();
      await (await distributor.fund(reward.target, need)).wait();
      await (await distributor.publishRoot(1, summary.root, summary.dataHash)).wait();

      const verify = (dump: string, work: string) =>
        runHardhat(
          [
            "--network",
            "localhost",
            "epoch:verify",
            "--season",
            seasonFile,
            "--epoch",
            "1",
            "--dump",
            dump,
            "--work",
            work,
          ],
          env,
        );
      const good = await verify(path.join(closed, "tree.json"), path.join(root, "audit-good"));
      expect(good.code, good.stderr).to.equal(0);
      expect(good.stdout).to.include("VERIFIED: epoch 1 recomputes to the published root");
      const report = JSON.parse(
        fs.readFileSync(path.join(root, "audit-good", "verify-epoch-1.json"), "utf8"),
      );
      expect(report).to.deep.include({ ok: true, network: "localhost", epoch: 1 });
      expect(report.onChain.status).to.equal("accepted");

      const wrong = path.join(root, "wrong-tree.json");
      const bytes = fs.readFileSync(path.join(closed, "tree.json"), "utf8");
      fs.writeFileSync(wrong, bytes.replace(/"format":"standard-v1"/, '"format": "standard-v1"'));
      const bad = await verify(wrong, path.join(root, "audit-bad"));
      expect(bad.code).to.equal(1);
      expect(bad.stdout).to.include("NOT VERIFIED: 1 difference");
      const errors = bad.stderr.split("\n").filter((l) => l.startsWith("Error "));
      expect(errors).to.have.length(1);
      expect(errors[0]).to.match(
        /^Error in plugin season: epoch 1 does not verify: 1 difference: keccak256 of the dump is 0x[0-9a-f]{64} but the dataHash published on chain is 0x[0-9a-f]{64} \(report: .*verify-epoch-1\.json\)$/,
      );
      const badReport = JSON.parse(
        fs.readFileSync(path.join(root, "audit-bad", "verify-epoch-1.json"), "utf8"),
      );
      expect(badReport.ok).to.equal(false);
      expect(badReport.differenceCounts).to.deep.equal({ "data-hash": 1 });
    });
  });
});
