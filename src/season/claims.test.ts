import { describe, expect, it } from "vitest";
import { accountProofs, claimLeavesOf, planClaims } from "./claims";
import type { ProofLeaf } from "./epoch-files";

const A = `0x${"0a".repeat(20)}`;
const B = `0x${"0b".repeat(20)}`;
const C = `0x${"0c".repeat(20)}`;
const T = `0x${"aa".repeat(20)}`;
const U = `0x${"bb".repeat(20)}`;
const h = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;

const proofs = new Map<string, ProofLeaf[]>([
  [
    A,
    [
      { token: T, amount: 100n, proof: [h(1)] },
      { token: U, amount: 7n, proof: [h(2)] },
    ],
  ],
  [B, [{ token: T, amount: 50n, proof: [h(3), h(4)] }]],
]);

describe("claims", () => {
  it("takes every leaf of the accounts asked for, in order, and lists those without one", () => {
    const { leaves, missing } = claimLeavesOf(proofs, [B, C, A]);
    expect(leaves.map((l) => [l.account, l.token, l.cumulative])).toEqual([
      [B, T, 50n],
      [A, T, 100n],
      [A, U, 7n],
    ]);
    expect(missing).toEqual([C]);
  });

  it("pays cumulative − claimed and skips leaves already claimed in full", () => {
    const { leaves } = claimLeavesOf(proofs, [A, B]);
    const claimed: Record<string, bigint> = { [`${A}/${T}`]: 60n, [`${B}/${T}`]: 50n };
    const plan = planClaims(leaves, (a, t) => claimed[`${a}/${t}`] ?? 0n);
    expect(plan.claims.map((c) => [c.account, c.token, c.due])).toEqual([
      [A, T, 40n],
      [A, U, 7n],
    ]);
    expect(plan.skipped.map((c) => [c.account, c.claimed])).toEqual([[B, 50n]]);
    expect([...plan.dueByToken]).toEqual([
      [T, 40n],
      [U, 7n],
    ]);
    // claimed above the leaf (an older, larger root is impossible, but never pay negative)
    expect(planClaims(leaves, () => 1_000n).claims).toEqual([]);
  });

  it("prints an account's claims as rewards:proof does", () => {
    expect(accountProofs({ epoch: 3, root: h(9) }, B, proofs.get(B)!)).toEqual({
      epoch: 3,
      root: h(9),
      account: B,
      claims: [{ token: T, amount: "50", proof: [h(3), h(4)] }],
    });
  });
});
