/**
 * A small Season 1 on the in-process network for the operator and participant task tests:
 * season:deploy from `season1SeasonFile` (compact tiers, one-hour epochs, a 10-minute timelock, a
 * guardian), then the participants' first-epoch activity through the mint, the dApp stand-ins
 * (Midas reports itself, Netswap is relayed) and a riddle.
 *
 * Epoch 1 (spec-derived expectations, points):
 *   a1  mint #1 ($10,000) + join 500                                  → score 10,000 (dollars)
 *   a2  mint #2 ($5,000) + join 500, 3 tickets (1,000 + 750 + 562.5),
 *       a relayed Netswap swap 300: actions 3,112.5                   → score 5,000 (dollars)
 *   a5  mint #3 ($5,000) + join 500                                   → score 5,000 (dollars)
 *   a3  2 tickets (1,000 + 750) ×5/4 riddle boost                     → score 2,187.5
 *   a4  1 ticket                                                      → score 1,000
 *   operator  the stand-ins' seeding: hummus.deposit 500 + relayed
 *             netswap.add-liquidity 500                               → score 1,000
 * Epoch 2 (`epochTwoActivity`): a4 two more tickets (+750 + 562.5), a3 a relayed swap (+300).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { DAPP_RECORDS } from "../../deploy/points";
import { tokenRecord } from "../../deploy/tokens";
import { MINT_RECORD } from "../../deploy/mint";
import { REWARD_DISTRIBUTOR } from "../../deploy/rewards";
import { readDeploymentRecord } from "../../src/deployments";
import type { EpochSummary } from "../../src/engine/epoch";
import type { PublishResult } from "../../tasks/lib/epoch-publish";
import { saveEnv } from "../helpers/env";
import { runQuietly } from "../helpers/tasks";
import { season1SeasonFile, season1Tiers } from "../../src/season/season1-template";

export const EPOCH_SECONDS = 3_600;
export const TIMELOCK = 600;
/** Reward pool of each epoch, in whole tREWARD. */
export const POOL = 1_000n;
const TIER_DIVISOR = 100n;

/** Files shared by every test of the process (the chain snapshot and the record must agree). */
const ROOT = fs.mkdtempSync(path.join(os.tmpdir(), "season-ops-"));
process.on("exit", () => fs.rmSync(ROOT, { recursive: true, force: true }));
export const DEPLOYMENTS_DIR = path.join(ROOT, "deployments");
const SECRETS_DIR = path.join(ROOT, "secrets");
export const SEASON_FILE = path.join(ROOT, "season.json");

function contractAddress(name: string): string {
  const record = readDeploymentRecord(path.join(DEPLOYMENTS_DIR, "hardhat.json"));
  const entry = record?.contracts[name];
  if (!entry) throw new Error(`fixture: ${name} is not recorded`);
  return entry.address;
}

async function buyTickets(who: HardhatEthersSigner, n: number): Promise<void> {
  const midas = await ethers.getContractAt("MockMidasLottery", contractAddress(DAPP_RECORDS.midas));
  const usd = await ethers.getContractAt("TestnetToken", contractAddress(tokenRecord("tUSDC")));
  await (
    await usd.connect(who).approve(midas.target, (await midas.ticketPrice()) * BigInt(n))
  ).wait();
  for (let i = 0; i < n; i++) await (await midas.connect(who).buyTicket()).wait();
}

async function swapOnNetswap(who: HardhatEthersSigner): Promise<void> {
  const pair = await ethers.getContractAt("MockNetswapPair", contractAddress(DAPP_RECORDS.netswap));
  const usd = await ethers.getContractAt("TestnetToken", contractAddress(tokenRecord("tUSDC")));
  const amount = 100n * 10n ** 6n;
  await (await usd.connect(who).approve(pair.target, amount)).wait();
  await (await pair.connect(who).swap(usd.target, amount, 0, who.address)).wait();
}

async function giveUsd(operator: HardhatEthersSigner, to: string, whole: bigint): Promise<void> {
  const usd = await ethers.getContractAt("TestnetToken", contractAddress(tokenRecord("tUSDC")));
  await (await usd.connect(operator).mint(to, whole * 10n ** 6n)).wait();
}

export interface SeasonFixture {
  operator: HardhatEthersSigner;
  guardian: HardhatEthersSigner;
  a1: HardhatEthersSigner;
  a2: HardhatEthersSigner;
  a3: HardhatEthersSigner;
  a4: HardhatEthersSigner;
  a5: HardhatEthersSigner;
  /** Never acts. */
  outsider: HardhatEthersSigner;
  start: number;
  /** endTime of epochs 1, 2, 3. */
  ends: number[];
  reward: string;
  distributor: string;
}

/** Deploys the season and plays epoch 1 (see the file comment). */
export async function seasonFixture(): Promise<SeasonFixture> {
  const [operator, a1, a2, a3, a4, a5, guardian, outsider] = await ethers.getSigners();
  const restoreEnv = saveEnv(["DEPLOYMENTS_DIR", "RIDDLE_SECRETS_DIR"]);
  process.env.DEPLOYMENTS_DIR = DEPLOYMENTS_DIR;
  process.env.RIDDLE_SECRETS_DIR = SECRETS_DIR;
  fs.rmSync(DEPLOYMENTS_DIR, { recursive: true, force: true });
  fs.rmSync(SECRETS_DIR, { recursive: true, force: true });
  try {
    const start = await time.latest();
    const file = season1SeasonFile({
      start,
      epochSeconds: EPOCH_SECONDS,
      epochs: 3,
      timelock: TIMELOCK,
      tiers: season1Tiers(TIER_DIVISOR),
      dapps: "mocks",
      guardian: guardian.address,
      poolPerEpoch: POOL,
      mintMode: "open",
    });
    fs.writeFileSync(SEASON_FILE, `${JSON.stringify(file, null, 2)}\n`);
    await runQuietly("season:deploy", { season: SEASON_FILE });

    const mint = await ethers.getContractAt("TieredMint", contractAddress(MINT_RECORD));
    for (const who of [a1, a2, a5]) await (await mint.connect(who).claim()).wait();
    await buyTickets(a2, 3);
    await swapOnNetswap(a2);
    await giveUsd(operator, a3.address, 1_000n);
    await giveUsd(operator, a4.address, 1_000n);
    await buyTickets(a3, 2);
    await buyTickets(a4, 1);

    await runQuietly("riddle:publish", {
      key: "riddle-02",
      answer: "forty two",
      kind: "multiplier",
      multiplier: "5/4",
      commitUntil: "+10m",
      revealUntil: "+20m",
      question: "",
    });
    await runQuietly("riddle:answer", { key: "riddle-02", answer: "forty two", from: a3.address });
    await time.increase(601);
    await runQuietly("riddle:reveal", { key: "riddle-02" });
    await runQuietly("riddle:answer", { key: "riddle-02", from: a3.address });

    return {
      operator,
      guardian,
      a1,
      a2,
      a3,
      a4,
      a5,
      outsider,
      start,
      ends: [1, 2, 3].map((k) => start + k * EPOCH_SECONDS),
      reward: contractAddress(tokenRecord("tREWARD")),
      distributor: contractAddress(REWARD_DISTRIBUTOR),
    };
  } finally {
    restoreEnv();
  }
}

/** Epoch 2's activity: a4 buys two more tickets, a3 swaps on Netswap (relayed). */
export async function epochTwoActivity(f: SeasonFixture): Promise<void> {
  await buyTickets(f.a4, 2);
  await swapOnNetswap(f.a3);
}

/**
 * Points each test at the shared deployment record and a fresh epochs folder, restoring the
 * environment afterwards. Returns the current epochs folder.
 */
export function useSeasonDirs(): { epochs: () => string } {
  let epochs = "";
  const restoreEnv = saveEnv(["DEPLOYMENTS_DIR", "EPOCHS_DIR", "RIDDLE_SECRETS_DIR"]);
  beforeEach(() => {
    epochs = fs.mkdtempSync(path.join(ROOT, "epochs-"));
    process.env.DEPLOYMENTS_DIR = DEPLOYMENTS_DIR;
    process.env.EPOCHS_DIR = epochs;
    process.env.RIDDLE_SECRETS_DIR = SECRETS_DIR;
  });
  afterEach(() => {
    fs.rmSync(epochs, { recursive: true, force: true });
    restoreEnv();
  });
  return { epochs: () => epochs };
}

/** epoch:close of the season file (`epoch` absent: the latest ended epoch), printing nothing. */
export function closeEpoch(epoch?: number): Promise<EpochSummary> {
  return runQuietly<EpochSummary>("epoch:close", {
    season: SEASON_FILE,
    epoch,
    top: 10,
    quiet: true,
  });
}

/** Publishes a closed epoch's root, waits out the timelock and accepts it. */
export async function publishAndAccept(epoch: number): Promise<void> {
  const { validAt } = await runQuietly<PublishResult>("epoch:publish", {
    season: SEASON_FILE,
    epoch,
  });
  await time.increaseTo(validAt);
  await runQuietly("epoch:accept", { season: SEASON_FILE });
}
