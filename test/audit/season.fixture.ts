/**
 * A small Season 1 on the in-process network, for the auditor's and the relayer's tests: six
 * participants mint, trade on Netswap (the relayed dApp) and buy Midas tickets; epoch 1 is
 * closed, funded, published and accepted the way an operator would (engine + publishRoot, since
 * the operator tasks live elsewhere), one participant claims; epoch 2 is closed (its folder
 * written) but neither funded nor published: each test decides what the operator publishes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre, { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { computeEpoch, type EpochSummary } from "../../src/engine/epoch";
import { writeEpochOutputs } from "../../src/engine/outputs";
import { DAPP_RECORDS } from "../../deploy/points";
import { tokenRecord } from "../../deploy/tokens";
import { MINT_RECORD } from "../../deploy/mint";
import { REWARD_DISTRIBUTOR } from "../../deploy/rewards";
import { REWARD_TOKEN } from "../../src/season/season1-template";
import { loadDeployments } from "../../tasks/lib/deployments";
import { runSeasonExport } from "../../tasks/lib/export";
import { loadDeployedSeason } from "../../tasks/lib/season";
import { saveEnv } from "../helpers/env";
import { runTask } from "../helpers/tasks";
import type {
  MockMidasLottery,
  MockNetswapPair,
  RewardDistributor,
  TestnetToken,
  TieredMint,
} from "../../typechain-types";

export const EPOCH_SECONDS = 3_600;
export const TIMELOCK = 600;

/** Temp folders for the season file, deployments and epochs, set in the environment. */
export interface SeasonDirs {
  root: string;
  seasonFile: string;
  /** The operator's folder (events + epoch folders); the auditor must never read it. */
  operator: string;
}

/**
 * Creates the folders once per test file and points DEPLOYMENTS_DIR / EPOCHS_DIR at them for the
 * file's tests (restoring the environment after).
 */
export function useSeasonDirs(): SeasonDirs {
  const dirs = { root: "", seasonFile: "", operator: "" };
  const restoreEnv = saveEnv(["DEPLOYMENTS_DIR", "EPOCHS_DIR"]);
  before(() => {
    dirs.root = fs.mkdtempSync(path.join(os.tmpdir(), "audit-season-"));
    dirs.seasonFile = path.join(dirs.root, "season.json");
    dirs.operator = path.join(dirs.root, "operator");
  });
  beforeEach(() => {
    process.env.DEPLOYMENTS_DIR = path.join(dirs.root, "deployments");
    process.env.EPOCHS_DIR = dirs.operator;
  });
  afterEach(restoreEnv);
  after(() => fs.rmSync(dirs.root, { recursive: true, force: true }));
  return dirs;
}

export interface Season {
  dirs: SeasonDirs;
  deployer: HardhatEthersSigner;
  guardian: HardhatEthersSigner;
  participants: HardhatEthersSigner[];
  distributor: RewardDistributor;
  reward: TestnetToken;
  pair: MockNetswapPair;
  start: number;
  /** The operator's epoch 1 and 2 (epoch 1 published and accepted). */
  epoch1: EpochSummary;
  epoch2: EpochSummary;
  epochDir: (n: number) => string;
}

/** A recorded contract of the current network. */
async function at<T>(name: string, record: string): Promise<T> {
  const address = (await loadDeployments(hre))?.contracts[record]?.address;
  if (!address) throw new Error(`${record} is not deployed`);
  return (await ethers.getContractAt(name, address)) as T;
}

/** Participants' activity: Netswap swaps (relayed), Midas tickets (reported), in this order. */
export async function trade(
  participants: HardhatEthersSigner[],
  swapsEach: number,
  ticketsEach: number,
): Promise<void> {
  const [deployer] = await ethers.getSigners();
  const usd = await at<TestnetToken>("TestnetToken", tokenRecord("tUSDC"));
  const pair = await at<MockNetswapPair>("MockNetswapPair", DAPP_RECORDS.netswap);
  const midas = await at<MockMidasLottery>("MockMidasLottery", DAPP_RECORDS.midas);
  for (const p of participants) {
    const amount = 1_000n * 10n ** 6n;
    await (await usd.connect(deployer).mint(p.address, amount)).wait();
    await (await usd.connect(p).approve(pair.target, amount)).wait();
    await (await usd.connect(p).approve(midas.target, amount)).wait();
    for (let i = 0; i < swapsEach; i++) {
      await (await pair.connect(p).swap(usd.target, 10n ** 6n, 0, p.address)).wait();
    }
    for (let i = 0; i < ticketsEach; i++) await (await midas.connect(p).buyTicket()).wait();
  }
}

/** The operator's close of epoch n: export into its folder, compute, write epoch-n/. */
async function operatorClose(dirs: SeasonDirs, n: number): Promise<EpochSummary> {
  const deployed = await loadDeployedSeason(hre, dirs.seasonFile);
  const run = await runSeasonExport(hre, deployed, {
    eventsFile: path.join(dirs.operator, "events.ndjson"),
    quiet: true,
  });
  const result = computeEpoch({ season: deployed.season, epoch: n, eventsPath: run.eventsFile });
  return writeEpochOutputs(result, path.join(dirs.operator, `epoch-${n}`));
}

/** Funds the distributor with `amount` of the reward token (minted to the deployer first). */
export async function fund(s: Pick<Season, "reward" | "distributor" | "deployer">, amount: bigint) {
  if (amount <= 0n) return;
  await (await s.reward.connect(s.deployer).mint(s.deployer.address, amount)).wait();
  await (await s.reward.connect(s.deployer).approve(s.distributor.target, amount)).wait();
  await (await s.distributor.connect(s.deployer).fund(s.reward.target, amount)).wait();
}

/** Cumulative entitlement of the reward token in an epoch summary. */
export function cumulativeOf(summary: EpochSummary, token: string): bigint {
  return BigInt(summary.tokens[token.toLowerCase()]?.cumulative ?? "0");
}

/** Deploys the season and plays epochs 1 and 2 (see the module comment). For `loadFixture`. */
export function seasonFixture(dirs: SeasonDirs): () => Promise<Season> {
  return async function auditSeason(): Promise<Season> {
    const signers = await ethers.getSigners();
    const [deployer] = signers;
    const guardian = signers[9];
    const participants = signers.slice(1, 7);
    const start = Number((await ethers.provider.getBlock("latest"))!.timestamp);
    await runTask("season:init", {
      out: dirs.seasonFile,
      start: String(start),
      epochSeconds: String(EPOCH_SECONDS),
      epochs: 3,
      timelock: String(TIMELOCK),
      tierDivisor: 100,
      dapps: "mocks",
      guardian: guardian.address,
      mintMode: "open", // the fixture's participants claim without vouchers
      force: true,
    });
    await runTask("season:deploy", { season: dirs.seasonFile });

    const mint = await at<TieredMint>("TieredMint", MINT_RECORD);
    for (const p of participants.slice(0, 5)) await (await mint.connect(p).claim()).wait();
    await trade(participants.slice(0, 4), 2, 1);

    const distributor = await at<RewardDistributor>("RewardDistributor", REWARD_DISTRIBUTOR);
    const reward = await at<TestnetToken>("TestnetToken", tokenRecord(REWARD_TOKEN.symbol));
    await (await reward.grantRole(await reward.MINTER_ROLE(), deployer.address)).wait();
    const pair = await at<MockNetswapPair>("MockNetswapPair", DAPP_RECORDS.netswap);

    // Epoch 1: close, fund, publish, accept; one participant claims.
    await time.increaseTo(start + EPOCH_SECONDS + 1);
    const epoch1 = await operatorClose(dirs, 1);
    await fund({ reward, distributor, deployer }, cumulativeOf(epoch1, String(reward.target)));
    await (await distributor.publishRoot(1, epoch1.root, epoch1.dataHash)).wait();
    await time.increase(TIMELOCK);
    await (await distributor.acceptRoot()).wait();
    const proofs = JSON.parse(
      fs.readFileSync(path.join(dirs.operator, "epoch-1", "proofs.json"), "utf8"),
    ) as { accounts: Record<string, { token: string; amount: string; proof: string[] }[]> };
    const claimer = participants[0].address.toLowerCase();
    const [leaf] = proofs.accounts[claimer];
    await (await distributor.claim(claimer, leaf.token, leaf.amount, leaf.proof)).wait();

    // Epoch 2: more activity, a newcomer; closed, not funded nor published.
    await (await mint.connect(participants[5]).claim()).wait();
    await trade([participants[1], participants[5]], 1, 2);
    await time.increaseTo(start + 2 * EPOCH_SECONDS + 1);
    const epoch2 = await operatorClose(dirs, 2);

    return {
      dirs,
      deployer,
      guardian,
      participants,
      distributor,
      reward,
      pair,
      start,
      epoch1,
      epoch2,
      epochDir: (n) => path.join(dirs.operator, `epoch-${n}`),
    };
  };
}
