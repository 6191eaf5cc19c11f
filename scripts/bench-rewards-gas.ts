/**
 * Gas benchmark of the RewardDistributor (`npm run bench:rewards`).
 *
 * In one run, for trees of 2^10 and 2^17 leaves (OpenZeppelin StandardMerkleTree, leaf encoding
 * ["address","address","uint256"]), it measures: publishing and accepting the first root and a later one,
 * a first claim to a fresh holder, a later cumulative claim after a new epoch, and claimMany for 10 fresh
 * accounts; and the same two claims through RewardClaimFloor (the simplest contract verifying the same leaf
 * with OpenZeppelin's MerkleProof: the floor). Each distributor claim and its floor twin start from the same
 * chain state (EVM snapshot), so their difference is the distributor's own overhead.
 *
 * Prints a table with the targets and the ratio to the floor; writes the figures as JSON to
 * `.bench/rewards-gas.json`. `measureRewardsGas` is also what test/rewards/RewardDistributor.gas.test.ts
 * asserts as budgets (2^10 only).
 */
import fs from "node:fs";
import path from "node:path";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { ContractTransactionResponse } from "ethers";
import { LEAF_ENCODING } from "../src/engine/tree";
import { toJson } from "../src/json-file";

/**
 * The targets (gas units), by tree depth where they depend on it. The issue gives the later-claim and
 * claimMany targets without a depth, beside the 2^10 first-claim one: they are read as 2^10 targets (a 2^17
 * proof is 7 words longer, about 3,900 gas of calldata and hashing that no contract can avoid).
 */
export const REWARDS_GAS_TARGETS = {
  firstClaim: { 10: 91_000n, 17: 96_000n } as Record<number, bigint>,
  laterClaim: { 10: 57_000n } as Record<number, bigint>,
  claimManyPerAccount: { 10: 66_000n } as Record<number, bigint>,
  publishPlusAccept: 100_000n,
  /** The distributor's claim may cost at most 3% more than the floor's same claim. */
  maxRatioToFloor: 1.03,
} as const;

export const CLAIM_MANY_ACCOUNTS = 10;

export interface RewardsGasFigures {
  depth: number;
  leaves: number;
  /** The first root ever published and accepted (storage slots go from zero to non-zero). */
  publishFirst: bigint;
  acceptFirst: bigint;
  /** A later epoch's root (the steady state of a season). */
  publishLater: bigint;
  acceptLater: bigint;
  firstClaim: bigint;
  firstClaimFloor: bigint;
  /** The floor's claim without its Claimed event: what the bare leaf check and payment cost. */
  firstClaimBareFloor: bigint;
  laterClaim: bigint;
  laterClaimFloor: bigint;
  laterClaimBareFloor: bigint;
  claimManyPerAccount: bigint;
}

type Leaf = [string, string, bigint];

/** A deterministic, never-used address: the low 20 bytes of keccak256("bench-rewards", i). */
function benchAccount(ethers: HardhatRuntimeEnvironment["ethers"], i: number): string {
  return `0x${ethers.solidityPackedKeccak256(["string", "uint256"], ["bench-rewards", i]).slice(26)}`;
}

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("transaction was not mined");
  return receipt.gasUsed;
}

/** Measures every figure for a tree of 2^depth leaves on a fresh set of contracts. */
export async function measureRewardsGas(
  hre: HardhatRuntimeEnvironment,
  depth: number,
  log: (line: string) => void = () => {},
): Promise<RewardsGasFigures> {
  const { ethers } = hre;
  const [owner, publisher, guardian, funder] = await ethers.getSigners();
  const leaves = 2 ** depth;
  const timelock = 86_400n;
  const latest = await ethers.provider.getBlock("latest");
  if (!latest) throw new Error("no latest block");
  const claimDeadline = BigInt(latest.timestamp) + 365n * 86_400n;

  const token = await ethers.deployContract("TestnetToken", [
    "Bench reward",
    "BENCH",
    18,
    owner.address,
  ]);
  await token.grantRole(await token.MINTER_ROLE(), owner.address);
  const distributor = await ethers.deployContract("RewardDistributor", [
    owner.address,
    guardian.address,
    [publisher.address],
    timelock,
    claimDeadline,
  ]);
  const floor = await ethers.deployContract("RewardClaimFloor");
  const tokenAddress = await token.getAddress();

  log(`2^${depth}: building two trees of ${leaves} leaves`);
  const accounts = Array.from({ length: leaves }, (_, i) => benchAccount(ethers, i));
  const epoch1: Leaf[] = accounts.map((a, i) => [
    a,
    tokenAddress,
    10n ** 18n * BigInt(1 + (i % 997)) + BigInt(i),
  ]);
  const epoch2: Leaf[] = epoch1.map(([a, t, amount], i) => [
    a,
    t,
    amount + 10n ** 17n * BigInt(1 + (i % 13)),
  ]);
  const tree1 = StandardMerkleTree.of(epoch1, [...LEAF_ENCODING]);
  const tree2 = StandardMerkleTree.of(epoch2, [...LEAF_ENCODING]);

  const pool = 10n ** 30n;
  await token.mint(funder.address, 2n * pool);
  await token.connect(funder).transfer(await distributor.getAddress(), pool);
  await token.connect(funder).transfer(await floor.getAddress(), pool);

  const dataHash = ethers.id("tree.json of the benchmark");
  /** Publishes `root` as `epoch`, waits out the timelock, accepts it, and gives the floor the same root. */
  const publishAndAccept = async (epoch: bigint, root: string) => {
    const publish = await gasOf(distributor.connect(publisher).publishRoot(epoch, root, dataHash));
    await hre.network.provider.send("evm_increaseTime", [Number(timelock)]);
    const accept = await gasOf(distributor.acceptRoot());
    await floor.setRoot(root);
    return { publish, accept };
  };
  /** The floor's claim of `leaf`, with and then without its event, each from the current state (reverted after). */
  const floorClaims = async ([account, tokenOfLeaf, amount]: Leaf, proof: string[]) => {
    let snapshot: string = await hre.network.provider.send("evm_snapshot");
    const withEvent = await gasOf(floor.claim(account, tokenOfLeaf, amount, proof));
    await hre.network.provider.send("evm_revert", [snapshot]);
    snapshot = await hre.network.provider.send("evm_snapshot");
    const bare = await gasOf(floor.claimWithoutEvent(account, tokenOfLeaf, amount, proof));
    await hre.network.provider.send("evm_revert", [snapshot]);
    return { withEvent, bare };
  };

  const first = await publishAndAccept(1n, tree1.root);

  // First claim to a fresh holder: leaf 0 of epoch 1, floor then distributor from the same state.
  const [a0, t0, amount0] = epoch1[0];
  const proof0 = tree1.getProof(0);
  const firstFloor = await floorClaims(epoch1[0], proof0);
  const firstClaim = await gasOf(distributor.claim(a0, t0, amount0, proof0));
  await floor.claim(a0, t0, amount0, proof0); // so that the floor's later claim starts like ours

  log(`2^${depth}: later epoch`);
  const later = await publishAndAccept(2n, tree2.root);

  // Later cumulative claim: the same account, after epoch 2 raised its entitlement.
  const [a0b, t0b, amount0b] = epoch2[0];
  const proof0b = tree2.getProof(0);
  const laterFloor = await floorClaims(epoch2[0], proof0b);
  const laterClaim = await gasOf(distributor.claim(a0b, t0b, amount0b, proof0b));

  // claimMany: ten fresh holders of epoch 2 in one call.
  const batch = Array.from({ length: CLAIM_MANY_ACCOUNTS }, (_, k) => {
    const [account, tokenOfLeaf, cumulativeAmount] = epoch2[k + 1];
    return { account, token: tokenOfLeaf, cumulativeAmount, proof: tree2.getProof(k + 1) };
  });
  const claimManyTotal = await gasOf(distributor.claimMany(batch));

  return {
    depth,
    leaves,
    publishFirst: first.publish,
    acceptFirst: first.accept,
    publishLater: later.publish,
    acceptLater: later.accept,
    firstClaim,
    firstClaimFloor: firstFloor.withEvent,
    firstClaimBareFloor: firstFloor.bare,
    laterClaim,
    laterClaimFloor: laterFloor.withEvent,
    laterClaimBareFloor: laterFloor.bare,
    claimManyPerAccount: claimManyTotal / BigInt(CLAIM_MANY_ACCOUNTS),
  };
}

/** `a / b` with four decimals, for the ratio column. */
export function ratio(a: bigint, b: bigint): number {
  return Number((a * 10_000n) / b) / 10_000;
}

function formatGas(n: bigint): string {
  return n.toLocaleString("en-US");
}

/** The table printed by the benchmark (markdown, as pasted in the README). */
export function formatRewardsGasTable(figures: RewardsGasFigures[]): string {
  const dash = "—";
  const target = (t: bigint | undefined): string => (t === undefined ? dash : `≤ ${formatGas(t)}`);
  const sum = (a: bigint, b: bigint): string =>
    `${formatGas(a)} + ${formatGas(b)} = ${formatGas(a + b)}`;
  const rows: string[][] = [];
  for (const f of figures) {
    const d = `2^${f.depth}`;
    const claimRow = (
      name: string,
      gas: bigint,
      t: bigint | undefined,
      floor: bigint,
      bare: bigint,
    ) => [
      d,
      name,
      formatGas(gas),
      target(t),
      formatGas(floor),
      ratio(gas, floor).toFixed(4),
      formatGas(bare),
      ratio(gas, bare).toFixed(4),
    ];
    rows.push([
      d,
      "publish + accept, first root",
      sum(f.publishFirst, f.acceptFirst),
      target(REWARDS_GAS_TARGETS.publishPlusAccept),
      dash,
      dash,
      dash,
      dash,
    ]);
    rows.push([
      d,
      "publish + accept, later root",
      sum(f.publishLater, f.acceptLater),
      target(REWARDS_GAS_TARGETS.publishPlusAccept),
      dash,
      dash,
      dash,
      dash,
    ]);
    rows.push(
      claimRow(
        "first claim, fresh holder",
        f.firstClaim,
        REWARDS_GAS_TARGETS.firstClaim[f.depth],
        f.firstClaimFloor,
        f.firstClaimBareFloor,
      ),
    );
    rows.push(
      claimRow(
        "later cumulative claim",
        f.laterClaim,
        REWARDS_GAS_TARGETS.laterClaim[f.depth],
        f.laterClaimFloor,
        f.laterClaimBareFloor,
      ),
    );
    rows.push([
      d,
      `claimMany, per account (${CLAIM_MANY_ACCOUNTS} fresh)`,
      formatGas(f.claimManyPerAccount),
      target(REWARDS_GAS_TARGETS.claimManyPerAccount[f.depth]),
      dash,
      dash,
      dash,
      dash,
    ]);
  }
  const header = [
    "tree",
    "operation",
    "gas",
    "target",
    "floor",
    "ratio",
    "floor w/o event",
    "ratio",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  const rule = `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

async function main(): Promise<void> {
  const hre = (await import("hardhat")).default;
  const started = Date.now();
  const log = (line: string): void =>
    console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);
  log(
    `hardfork ${hre.config.networks.hardhat.hardfork}, solc ${hre.config.solidity.compilers[0].version}, optimizer runs ${hre.config.solidity.compilers[0].settings.optimizer.runs}`,
  );
  const figures: RewardsGasFigures[] = [];
  for (const depth of [10, 17]) figures.push(await measureRewardsGas(hre, depth, log));
  console.log(formatRewardsGasTable(figures));
  const out = path.join(hre.config.paths.root, ".bench", "rewards-gas.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${toJson(figures)}\n`);
  log(`figures written to ${path.relative(process.cwd(), out)}`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
