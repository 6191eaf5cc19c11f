/**
 * A whole season on anvil (Foundry's node, not Hardhat's), driven as an operator drives a testnet:
 * `npx hardhat <task> --network live` in child processes with SEASON_RPC_URL and
 * SEASON_PRIVATE_KEYS, fresh keys funded with anvil_setBalance. A Uniswap-V2-style pair deployed
 * beforehand stands for a real dApp, relayed through examples/relay-rules/netswap-v2.json.
 *
 *  - cancun: anvil's default hardfork, chain 31337, the default build;
 *  - shanghai: anvil --hardfork shanghai, chain 4242 (not a development chain: a guardian and an
 *    hour's timelock are required, Hardhat's well-known keys refused), where the preflight refuses
 *    the default (cancun) build with its one line and the shanghai build passes.
 *
 * Each: init, preflight, deploy, mints from participant keys, a riddle (commit and reveal), a
 * relay, close, publish, fund, verify, accept, claim, and a second epoch.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import {
  Contract,
  ContractFactory,
  encryptKeystoreJsonSync,
  HDNodeWallet,
  id,
  JsonRpcProvider,
  Mnemonic,
  NonceManager,
  Wallet,
  type InterfaceAbi,
} from "ethers";
import { tokenRecord } from "../../deploy/tokens";
import { REWARD_TOKEN } from "../../src/season/season1-template";
import { startAnvil, type AnvilNode } from "../../scripts/lib/anvil";
import { parseAllocationsCsv } from "../../src/season/epoch-files";
import { WELL_KNOWN_MNEMONIC } from "../../src/networks/live";
import { childEnv, killChildren, runHardhat } from "../audit/node.helpers";

const ROOT = path.join(__dirname, "..", "..");
const EPOCH = 3_600;

type Evm = "cancun" | "shanghai";

/** A fresh key: never one of the well-known test keys. */
const fresh = (): Wallet => new Wallet(Wallet.createRandom().privateKey);

function artifact(evm: Evm, file: string, name: string): { abi: InterfaceAbi; bytecode: string } {
  const dir = evm === "cancun" ? "artifacts" : `artifacts-${evm}`;
  return JSON.parse(
    fs.readFileSync(path.join(ROOT, dir, "contracts", file, `${name}.json`), "utf8"),
  );
}

/** One season on one anvil: the node, the keys, the folders and the task runner. */
class LiveSeason {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), "anvil-season-"));
  readonly seasonFile = path.join(this.root, "season.json");
  readonly provider: JsonRpcProvider;
  readonly operator = fresh();
  readonly alice = fresh();
  readonly bob = fresh();
  readonly auditor = fresh();
  /** Deploys the stand-in "real" dApp: not a key of the season. */
  readonly dappOwner = fresh();
  readonly log: string[] = [];

  constructor(
    readonly node: AnvilNode,
    readonly evm: Evm,
  ) {
    this.provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true });
  }

  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env = childEnv({
      SEASON_RPC_URL: this.node.url,
      SEASON_PRIVATE_KEYS: [this.operator, this.alice, this.bob, this.auditor]
        .map((w) => w.privateKey)
        .join(","),
      DEPLOYMENTS_DIR: path.join(this.root, "deployments"),
      EPOCHS_DIR: path.join(this.root, "epochs"),
      RIDDLE_SECRETS_DIR: path.join(this.root, "secrets"),
      SEASON_EVM: this.evm,
      ...extra,
    });
    if (!extra.SEASON_KEYSTORE) delete env.SEASON_KEYSTORE;
    return env;
  }

  /** Runs `npx hardhat <task> --network live …`; returns its output, failing on a non-zero exit. */
  async task(args: string[], extra: Record<string, string> = {}): Promise<string> {
    const run = await runHardhat([...args, "--network", "live"], this.env(extra));
    this.log.push(`$ hardhat ${args.join(" ")}\n${run.stdout}${run.stderr}`);
    if (run.code !== 0)
      throw new Error(
        `hardhat ${args.join(" ")} exited ${run.code}:\n${run.stdout}\n${run.stderr}`,
      );
    return run.stdout;
  }

  /** Runs a task that must refuse: exit 1, one `Error in plugin season` line, no stack trace. */
  async refusal(args: string[], extra: Record<string, string> = {}): Promise<string> {
    const run = await runHardhat([...args, "--network", "live"], this.env(extra));
    this.log.push(`$ hardhat ${args.join(" ")} (refused)\n${run.stdout}${run.stderr}`);
    expect(run.code, `${args.join(" ")}: ${run.stdout}${run.stderr}`).to.equal(1);
    const lines = run.stderr.split("\n").filter((l) => l.startsWith("Error in plugin season: "));
    expect(lines, run.stderr).to.have.length(1);
    expect(run.stderr, "no stack trace").to.not.match(/^\s+at /m);
    return `${run.stderr}`;
  }

  async fund(wallets: readonly { address: string }[]): Promise<void> {
    for (const w of wallets)
      await this.provider.send("anvil_setBalance", [w.address, "0x56bc75e2d63100000"]); // 100 ETH
  }

  async advance(seconds: number): Promise<void> {
    await this.provider.send("evm_increaseTime", [seconds]);
    await this.provider.send("evm_mine", []);
  }

  async now(): Promise<number> {
    return (await this.provider.getBlock("latest"))!.timestamp;
  }

  /** Moves the chain's clock to just after `time`. */
  async advanceTo(time: number): Promise<void> {
    const now = await this.now();
    if (time >= now) await this.advance(time - now + 1);
  }

  deployments(): Record<string, { address: string }> {
    const file = path.join(this.root, "deployments", "live.json");
    return (
      JSON.parse(fs.readFileSync(file, "utf8")) as {
        contracts: Record<string, { address: string }>;
      }
    ).contracts;
  }

  epochFile(n: number, name: string): string {
    return path.join(this.root, "epochs", `epoch-${n}`, name);
  }

  cumulative(n: number, account: string, token: string): bigint {
    const rows = parseAllocationsCsv(fs.readFileSync(this.epochFile(n, "allocations.csv"), "utf8"));
    return (
      rows.find((r) => r.account === account.toLowerCase() && r.token === token.toLowerCase())
        ?.cumulative ?? 0n
    );
  }

  close(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** A Uniswap-V2-style pair of two tokens, with liquidity, owned by `s.dappOwner`. */
async function deployPair(s: LiveSeason): Promise<{ pair: Contract; tokenA: Contract }> {
  const owner = new NonceManager(s.dappOwner.connect(s.provider));
  const token = artifact(s.evm, "token/TestnetToken.sol", "TestnetToken");
  const pairArtifact = artifact(s.evm, "mocks/dapps/MockNetswapPair.sol", "MockNetswapPair");
  const deploy = async (a: { abi: InterfaceAbi; bytecode: string }, args: unknown[]) => {
    const c = await new ContractFactory(a.abi, a.bytecode, owner).deploy(...args);
    await c.waitForDeployment();
    return c as unknown as Contract;
  };
  const tokenA = await deploy(token, ["Token A", "TKA", 18, s.dappOwner.address]);
  const tokenB = await deploy(token, ["Token B", "TKB", 18, s.dappOwner.address]);
  const pair = await deploy(pairArtifact, [await tokenA.getAddress(), await tokenB.getAddress()]);
  const e18 = 10n ** 18n;
  for (const t of [tokenA, tokenB]) {
    await (await t.grantRole(id("MINTER_ROLE"), s.dappOwner.address)).wait();
    await (await t.mint(s.dappOwner.address, 1_000_000n * e18)).wait();
    await (await t.approve(await pair.getAddress(), 1_000_000n * e18)).wait();
  }
  await (await pair.addLiquidity(100_000n * e18, 100_000n * e18, 0)).wait();
  return { pair, tokenA };
}

/** `who` swaps 10 TKA for TKB on the pair (the tokens given by the dApp's owner). */
async function swap(
  s: LiveSeason,
  pair: Contract,
  tokenA: Contract,
  who: { address: string; connect: Wallet["connect"] },
): Promise<void> {
  const e18 = 10n ** 18n;
  const owner = new NonceManager(s.dappOwner.connect(s.provider));
  await (await (tokenA.connect(owner) as Contract).mint(who.address, 10n * e18)).wait();
  const signer = new NonceManager(who.connect(s.provider));
  await (
    await (tokenA.connect(signer) as Contract).approve(await pair.getAddress(), 10n * e18)
  ).wait();
  await (
    await (pair.connect(signer) as Contract).swap(
      await tokenA.getAddress(),
      10n * e18,
      0,
      who.address,
    )
  ).wait();
}

/** The whole season on `s`; `timelock` and `guardian` as a real chain needs them. */
async function runSeason(s: LiveSeason, options: { timelock: number }): Promise<void> {
  const { pair, tokenA } = await deployPair(s);
  const rules = JSON.parse(
    fs.readFileSync(path.join(ROOT, "examples", "relay-rules", "netswap-v2.json"), "utf8"),
  ) as { rules: { contract: string }[] };
  rules.rules[0].contract = await pair.getAddress();
  const rulesFile = path.join(s.root, "relay-rules.json");
  fs.writeFileSync(rulesFile, JSON.stringify(rules));

  await s.task([
    "season:init",
    "--dapps",
    "none",
    "--relay",
    rulesFile,
    "--out",
    s.seasonFile,
    "--epoch-seconds",
    String(EPOCH),
    "--epochs",
    "2",
    "--timelock",
    String(options.timelock),
    "--tier-divisor",
    "100",
    "--guardian",
    s.auditor.address,
  ]);
  const raw = JSON.parse(fs.readFileSync(s.seasonFile, "utf8"));
  expect(raw.chain.dapps).to.equal("none");
  expect(raw.chain.relay).to.have.length(1);
  expect(raw.chain.reporters).to.deep.equal({ Netswap: [s.operator.address] });
  const ends: number[] = raw.rewards.epochs.map((e: { endTime: number }) => e.endTime);

  const preflight = await s.task(["season:preflight", "--season", s.seasonFile]);
  for (const check of [
    "chain id",
    "client",
    "head block",
    "operator balance",
    "EVM features",
    "eth_getLogs range",
    "guardian",
    "timelock",
    "relay rule 0",
  ])
    expect(preflight, check).to.match(new RegExp(`^${check} +ok `, "m"));
  expect(preflight).to.include("anvil/");
  const limits = JSON.parse(
    fs.readFileSync(path.join(s.root, "deployments", "live.rpc.json"), "utf8"),
  );
  expect(limits.maxLogBlocks).to.be.greaterThan(0);

  await s.task(["season:deploy", "--season", s.seasonFile]);
  const contracts = s.deployments();
  for (const name of ["TieredMint", "PointsRegistry", "RiddleBoard", "RewardDistributor"])
    expect(contracts, name).to.have.property(name);
  expect(
    Object.keys(contracts).filter((n) => n.startsWith("Mock")),
    "no mocks",
  ).to.deep.equal([]);
  const reward = contracts[tokenRecord(REWARD_TOKEN.symbol)].address;

  // Epoch 1: the operator (the registrar, by default) signs one vouchers file for the allowlist;
  // two participants mint with it, Alice answers a riddle and swaps on the pair.
  const vouchers = path.join(s.root, "vouchers.json");
  await s.task([
    "mint:voucher",
    "--accounts",
    `${s.alice.address},${s.bob.address}`,
    "--out",
    vouchers,
  ]);
  await s.task(["mint:claim", "--from", s.alice.address, "--voucher", vouchers]);
  await s.task(["mint:claim", "--from", s.bob.address, "--voucher", vouchers]);
  await s.task([
    "riddle:publish",
    "--key",
    "riddle-01",
    "--answer",
    "Blue Whale",
    "--points",
    "500",
    "--commit-until",
    "+10m",
    "--reveal-until",
    "+20m",
  ]);
  await s.task([
    "riddle:answer",
    "--key",
    "riddle-01",
    "--answer",
    "blue whale",
    "--from",
    s.alice.address,
  ]);
  await s.advance(11 * 60);
  await s.task(["riddle:reveal", "--key", "riddle-01"]);
  await s.task(["riddle:answer", "--key", "riddle-01", "--from", s.alice.address]);
  await swap(s, pair, tokenA, s.alice);
  const relay = await s.task(["points:relay", "--season", s.seasonFile, "--json"]);
  expect(JSON.parse(relay.slice(relay.indexOf("{"))).relayed).to.deep.equal({ "netswap.swap": 1 });

  await s.advanceTo(ends[0]);
  await s.task(["epoch:close", "--season", s.seasonFile, "--epoch", "1", "--quiet"]);
  const summary1 = JSON.parse(fs.readFileSync(s.epochFile(1, "summary.json"), "utf8"));
  expect(summary1.participants).to.equal(2);
  await s.task(["epoch:publish", "--season", s.seasonFile, "--epoch", "1"]);
  await s.task(["rewards:fund", "--season", s.seasonFile, "--epoch", "1", "--mint"]);
  const work = path.join(s.root, "auditor");
  await s.task([
    "epoch:verify",
    "--season",
    s.seasonFile,
    "--epoch",
    "1",
    "--dump",
    s.epochFile(1, "tree.json"),
    "--work",
    work,
  ]);
  const report = JSON.parse(fs.readFileSync(path.join(work, "verify-epoch-1.json"), "utf8")) as {
    ok: boolean;
    recomputed: { root: string };
  };
  expect(report.ok).to.equal(true);
  expect(report.recomputed.root).to.equal(summary1.root);
  await s.advance(options.timelock + 1);
  await s.task(["epoch:accept", "--season", s.seasonFile]);
  await s.task([
    "rewards:claim",
    "--season",
    s.seasonFile,
    "--account",
    `${s.alice.address},${s.bob.address}`,
  ]);
  const token = new Contract(
    reward,
    ["function balanceOf(address) view returns (uint256)"],
    s.provider,
  );
  const alice1 = s.cumulative(1, s.alice.address, reward);
  expect(
    alice1 > s.cumulative(1, s.bob.address, reward),
    "the riddle and the swap put Alice ahead",
  ).to.equal(true);
  expect(await token.balanceOf(s.alice.address)).to.equal(alice1);
  expect(await token.balanceOf(s.bob.address)).to.equal(s.cumulative(1, s.bob.address, reward));

  // Epoch 2: Bob swaps; close, publish, fund, accept and claim again.
  await swap(s, pair, tokenA, s.bob); // read by the exporter through the relay rule

  await s.advanceTo(ends[1]);
  await s.task(["epoch:close", "--season", s.seasonFile, "--epoch", "2", "--quiet"]);
  await s.task(["epoch:publish", "--season", s.seasonFile, "--epoch", "2"]);
  await s.task(["rewards:fund", "--season", s.seasonFile, "--epoch", "2", "--mint"]);
  await s.advance(options.timelock + 1);
  await s.task(["epoch:accept", "--season", s.seasonFile]);
  await s.task([
    "rewards:claim",
    "--season",
    s.seasonFile,
    "--account",
    `${s.alice.address},${s.bob.address}`,
  ]);
  expect(s.cumulative(2, s.alice.address, reward) > alice1, "epoch 2 pays Alice more").to.equal(
    true,
  );
  for (const who of [s.alice, s.bob])
    expect(await token.balanceOf(who.address)).to.equal(s.cumulative(2, who.address, reward));
}

describe("a season on anvil through the tasks, as an operator runs it (--network live)", function () {
  this.timeout(1_500_000);
  const seasons: LiveSeason[] = [];
  let failed = false;

  afterEach(function () {
    if (this.currentTest?.state === "failed") failed = true;
  });

  after(async () => {
    killChildren();
    for (const s of seasons) {
      await s.node.stop();
      if (failed) console.log(s.log.join("\n"));
      s.close();
    }
  });

  it("cancun (anvil's default, chain 31337): the whole season, two epochs", async () => {
    const s = new LiveSeason(await startAnvil({ chainId: 31337, accounts: 1 }), "cancun");
    seasons.push(s);
    await s.fund([s.operator, s.alice, s.bob, s.auditor, s.dappOwner]);
    await runSeason(s, { timelock: 600 }); // a timelock of 0 accepts at publication
  });

  it("shanghai (chain 4242): refuses test keys and the cancun build, then the shanghai build runs the whole season", async () => {
    const compiled = await runHardhat(["compile", "--quiet"], childEnv({ SEASON_EVM: "shanghai" }));
    expect(compiled.code, compiled.stderr).to.equal(0);
    const s = new LiveSeason(
      await startAnvil({ chainId: 4242, hardfork: "shanghai", accounts: 1 }),
      "shanghai",
    );
    seasons.push(s);
    await s.fund([s.operator, s.alice, s.bob, s.auditor, s.dappOwner]);

    // Hardhat's account #0 on a chain that is not a development chain.
    const hardhat0 = HDNodeWallet.fromMnemonic(
      Mnemonic.fromPhrase(WELL_KNOWN_MNEMONIC),
      "m/44'/60'/0'/0/0",
    );
    const keys = await s.refusal(["mint:status"], { SEASON_PRIVATE_KEYS: hardhat0.privateKey });
    expect(keys).to.include(`key 1 (${hardhat0.address}) is one of Hardhat's well-known test keys`);
    const missing = await s.refusal(["season:init", "--out", path.join(s.root, "x.json")], {
      SEASON_PRIVATE_KEYS: "",
    });
    expect(missing).to.match(/has no account to send from: set SEASON_PRIVATE_KEYS/);

    // A preset on the wrong chain, and the operator's key from an encrypted keystore.
    const wrongChain = await runHardhat(["mint:status", "--network", "metis-sepolia"], s.env());
    expect(wrongChain.code).to.equal(1);
    expect(wrongChain.stderr).to.include(
      `network 'metis-sepolia' is Metis Sepolia (chain id 59902) but the node at ${s.node.url} is chain 4242`,
    );
    const keystore = path.join(s.root, "operator.keystore.json");
    fs.writeFileSync(
      keystore,
      encryptKeystoreJsonSync(s.operator, "correct horse", { scrypt: { N: 1024 } }),
    );
    const fromKeystore = path.join(s.root, "keystore-season.json");
    await s.task(["season:init", "--out", fromKeystore], {
      SEASON_PRIVATE_KEYS: "",
      SEASON_KEYSTORE: keystore,
      SEASON_KEYSTORE_PASSWORD: "correct horse",
    });
    expect(JSON.parse(fs.readFileSync(fromKeystore, "utf8")).chain.exclude).to.deep.equal([
      s.operator.address,
    ]);
    const badPassword = await s.refusal(["season:init", "--out", fromKeystore, "--force"], {
      SEASON_PRIVATE_KEYS: "",
      SEASON_KEYSTORE: keystore,
      SEASON_KEYSTORE_PASSWORD: "wrong",
    });
    expect(badPassword).to.include(`SEASON_KEYSTORE ${keystore}: cannot decrypt it`);

    // The default build needs Cancun's MCOPY: the preflight names the target and the command.
    await s.task([
      "season:init",
      "--dapps",
      "none",
      "--out",
      s.seasonFile,
      "--force",
      "--timelock",
      "3600",
      "--guardian",
      s.auditor.address,
    ]);
    const refused = await s.refusal(["season:preflight", "--season", s.seasonFile], {
      SEASON_EVM: "cancun",
    });
    expect(refused).to.match(
      /^the chain lacks MCOPY \(used by [^)]+\): compile for shanghai with `SEASON_EVM=shanghai npx hardhat compile` and run every task with SEASON_EVM=shanghai$/m,
    );
    fs.rmSync(s.seasonFile);

    await runSeason(s, { timelock: 3_600 });
  });
});
