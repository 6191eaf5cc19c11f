import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { RewardDistributor } from "../../typechain-types";

export const DAY = 86_400n;
export const TIMELOCK = DAY;
export const LEAF_ENCODING = ["address", "address", "uint256"];
export const DATA_HASH = ethers.id("tree.json");

/** One leaf: (account, token, cumulativeAmount). */
export type Entitlement = [string, string, bigint];

/** A StandardMerkleTree of entitlements, with lookups by (account, token). */
export interface RewardTree {
  root: string;
  tree: StandardMerkleTree<Entitlement>;
  /** The leaf's cumulative amount and proof; throws if (account, token) is not in the tree. */
  leaf(account: string, token: string): { amount: bigint; proof: string[] };
}

export function rewardTree(entitlements: Entitlement[]): RewardTree {
  const tree = StandardMerkleTree.of(entitlements, LEAF_ENCODING);
  return {
    root: tree.root,
    tree,
    leaf(account, token) {
      for (const [i, [a, t, amount]] of tree.entries()) {
        if (a.toLowerCase() === account.toLowerCase() && t.toLowerCase() === token.toLowerCase()) {
          return { amount, proof: tree.getProof(i) };
        }
      }
      throw new Error(`no leaf for ${account} / ${token}`);
    },
  };
}

/** Publishes `tree` for `epoch` and accepts it after the timelock. */
export async function publishAndAccept(
  distributor: RewardDistributor,
  publisher: Awaited<ReturnType<typeof ethers.getSigners>>[number],
  epoch: bigint,
  tree: RewardTree,
): Promise<void> {
  await distributor.connect(publisher).publishRoot(epoch, tree.root, DATA_HASH);
  const pending = await distributor.pendingRoot();
  if (pending.epoch !== 0n) {
    await time.increaseTo(pending.validAt);
    await distributor.acceptRoot();
  }
}

/**
 * A distributor (timelock one day, claims open a year) with its roles, two funded reward tokens, and the
 * epoch-1 tree: alice 100 A-tokens and 7 B-tokens, bob 250 A-tokens, carol 40 A-tokens.
 */
export async function deployDistributorFixture() {
  const [owner, publisher, guardian, alice, bob, carol, stranger, funder] =
    await ethers.getSigners();
  const claimDeadline = BigInt(await time.latest()) + 365n * DAY;
  const distributor = await ethers.deployContract("RewardDistributor", [
    owner.address,
    guardian.address,
    [publisher.address],
    TIMELOCK,
    claimDeadline,
  ]);
  const tokenA = await ethers.deployContract("TestnetToken", [
    "Reward A",
    "RWA",
    18,
    owner.address,
  ]);
  const tokenB = await ethers.deployContract("TestnetToken", ["Reward B", "RWB", 6, owner.address]);
  for (const token of [tokenA, tokenB]) {
    await token.grantRole(await token.MINTER_ROLE(), owner.address);
    await token.mint(funder.address, 1_000_000n);
    await token.connect(funder).transfer(await distributor.getAddress(), 10_000n);
  }
  const a = await tokenA.getAddress();
  const b = await tokenB.getAddress();
  const epoch1 = rewardTree([
    [alice.address, a, 100n],
    [alice.address, b, 7n],
    [bob.address, a, 250n],
    [carol.address, a, 40n],
  ]);
  return {
    distributor,
    tokenA,
    tokenB,
    epoch1,
    claimDeadline,
    owner,
    publisher,
    guardian,
    alice,
    bob,
    carol,
    stranger,
    funder,
  };
}

/** The fixture with epoch 1 already accepted. */
export async function acceptedEpoch1Fixture() {
  const f = await deployDistributorFixture();
  await publishAndAccept(f.distributor, f.publisher, 1n, f.epoch1);
  return f;
}
