/**
 * Claims from an epoch's proofs: which leaves of which accounts to claim, and what each pays.
 * The distributor pays `cumulative − claimed` (SPEC §4), so a leaf whose account already claimed
 * its cumulative amount has nothing left and is skipped rather than sent (it would revert alone,
 * and pay nothing in a batch).
 */
import type { ProofLeaf, ProofsHeader } from "./epoch-files";

/** One leaf of the tree with its proof, ready to claim. */
export interface ClaimLeaf {
  account: string;
  token: string;
  /** The leaf's cumulative entitlement. */
  cumulative: bigint;
  proof: string[];
}

/** A leaf with what the distributor has already paid for it and what a claim would pay now. */
export interface PlannedClaim extends ClaimLeaf {
  claimed: bigint;
  /** cumulative − claimed (0 when nothing is left). */
  due: bigint;
}

export interface ClaimPlan {
  /** Leaves with something to pay, in the order given. */
  claims: PlannedClaim[];
  /** Leaves already claimed in full. */
  skipped: PlannedClaim[];
  /** Σ due per token (lowercase address), tokens in first-seen order. */
  dueByToken: Map<string, bigint>;
}

/**
 * The leaves of `accounts` (lowercase, in that order; each account's leaves in proofs.json's
 * order), and the accounts that have no leaf.
 */
export function claimLeavesOf(
  proofs: ReadonlyMap<string, readonly ProofLeaf[]>,
  accounts: readonly string[],
): { leaves: ClaimLeaf[]; missing: string[] } {
  const leaves: ClaimLeaf[] = [];
  const missing: string[] = [];
  for (const account of accounts) {
    const list = proofs.get(account);
    if (!list || list.length === 0) {
      missing.push(account);
      continue;
    }
    for (const l of list)
      leaves.push({ account, token: l.token, cumulative: l.amount, proof: l.proof });
  }
  return { leaves, missing };
}

/** Splits leaves into those to claim and those already claimed, given the on-chain `claimed`. */
export function planClaims(
  leaves: readonly ClaimLeaf[],
  claimedOf: (account: string, token: string) => bigint,
): ClaimPlan {
  const claims: PlannedClaim[] = [];
  const skipped: PlannedClaim[] = [];
  const dueByToken = new Map<string, bigint>();
  for (const leaf of leaves) {
    const claimed = claimedOf(leaf.account, leaf.token);
    const due = leaf.cumulative > claimed ? leaf.cumulative - claimed : 0n;
    const planned = { ...leaf, claimed, due };
    if (due === 0n) {
      skipped.push(planned);
      continue;
    }
    claims.push(planned);
    dueByToken.set(leaf.token, (dueByToken.get(leaf.token) ?? 0n) + due);
  }
  return { claims, skipped, dueByToken };
}

/** What `rewards:proof` prints: an account's claims against an epoch's root. */
export interface AccountProofs {
  epoch: number;
  root: string;
  account: string;
  claims: { token: string; amount: string; proof: string[] }[];
}

export function accountProofs(
  header: ProofsHeader,
  account: string,
  leaves: readonly ProofLeaf[],
): AccountProofs {
  return {
    epoch: header.epoch,
    root: header.root,
    account,
    claims: leaves.map((l) => ({ token: l.token, amount: l.amount.toString(), proof: l.proof })),
  };
}
