/**
 * The auditor's check of a published tree dump (OpenZeppelin standard-v1), from its bytes, with
 * code of its own (./dump-parse, ./keccak) and none of the engine's tree builder or Keccak kernels:
 *
 * - the format: `format`, `leafEncoding`, node and value shapes, no (account, token) twice, every
 *   value at a distinct leaf position;
 * - the whole tree recomputed once: every value's leaf is hashed and compared with its node, every
 *   inner node is hashed from its two children and compared with the dump's node;
 * - every value's proof: the proof a claim front end gets from the dump (`proofFromTree`, the
 *   siblings of its leaf's path, as `StandardMerkleTree.getProof` builds them) leads to the dump's
 *   root exactly when the value's leaf matches its node and every node above it on its path is the
 *   hash of its children (one hash per node, instead of a path of hashes per value: the same
 *   answer, by comparisons, unless keccak256 has a collision);
 * - a sample of the proofs (spread over the values, and every failing one up to a bound) verified
 *   the plain way, one hash after another, by `@openzeppelin/merkle-tree`'s
 *   `StandardMerkleTree.verify` (its own ABI encoding and Keccak): a failure either way fails.
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { MAX_PROBLEMS } from "../problem-list";
import { hashLeaf, hashPair } from "./keccak";
import type { ParsedDump } from "./dump-parse";

export const LEAF_ENCODING = ["address", "address", "uint256"] as const;

/** Proofs verified one by one with OpenZeppelin's library (spread evenly over the values). */
export const PLAIN_SAMPLE = 256;

/** A well-formed value of the dump at a distinct leaf position. */
export interface DumpValue {
  /** Its position in the dump's `values`. */
  readonly index: number;
  readonly account: string;
  readonly token: string;
  readonly amount: bigint;
}

/** A value of the dump whose proof does not lead to the root. */
export interface ProofFailure {
  readonly account: string;
  readonly token: string;
  readonly amount: bigint;
  readonly treeIndex: number;
}

export interface DumpCheck {
  /** The dump's root (node 0), when it is a hash. */
  readonly root?: string;
  readonly values: DumpValue[];
  /** The first `MAX_PROBLEMS` format problems, in `verifyTreeDump`'s words. */
  readonly problems: string[];
  /** Every format problem found, listed or not. */
  readonly problemCount: number;
  readonly proofs: {
    /** Values whose proof was checked. */
    readonly checked: number;
    readonly failures: ProofFailure[];
    /** Proofs also verified one by one with OpenZeppelin's library. */
    readonly sampled: number;
    /** Sampled proofs on which the two verifiers disagree (a bug in one of them). */
    readonly disagreements: number;
  };
}

export interface CheckOptions {
  /** Progress of the long part, as a fraction done. */
  readonly onProgress?: (what: string, fraction: number) => void;
  /** Proofs verified plainly with OpenZeppelin's library (default `PLAIN_SAMPLE`). */
  readonly sample?: number;
}

const hex = (bytes: Uint8Array, at: number, n: number): string =>
  `0x${Buffer.from(bytes.buffer, bytes.byteOffset + at, n).toString("hex")}`;

/** The siblings of node `treeIndex`'s path, leaf to root, from the node table (as hex). */
export function proofFromNodes(nodes: Uint8Array, count: number, treeIndex: number): string[] {
  const proof: string[] = [];
  for (let i = treeIndex; i > 0; i = (i - 1) >> 1) {
    const sibling = i % 2 === 1 ? i + 1 : i - 1;
    if (sibling < count) proof.push(hex(nodes, 32 * sibling, 32));
  }
  return proof;
}

/** Checks a parsed dump; see the module comment. */
export function checkDump(d: ParsedDump, options: CheckOptions = {}): DumpCheck {
  const problems: string[] = [];
  let problemCount = 0;
  const problem = (p: string): void => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const values: DumpValue[] = [];
  const empty = (): DumpCheck => ({
    values,
    problems,
    problemCount,
    proofs: { checked: 0, failures: [], sampled: 0, disagreements: 0 },
  });
  if (!d.isObject) {
    problem("tree.json: not a JSON object");
    return empty();
  }
  if (d.format !== "standard-v1")
    problem(`tree.json: format is ${JSON.stringify(d.format)}, not "standard-v1"`);
  if (JSON.stringify(d.leafEncoding) !== JSON.stringify(LEAF_ENCODING)) {
    problem(
      `tree.json: leafEncoding is ${JSON.stringify(d.leafEncoding)}, not ${JSON.stringify(LEAF_ENCODING)}`,
    );
  }
  if (!d.arrays) {
    problem("tree.json: tree and values must be arrays");
    return empty();
  }
  const { nodes, nodeCount: count, valueCount } = d;
  if (count !== 2 * valueCount - 1) {
    problem(`tree.json: ${count} nodes for ${valueCount} values (expected ${2 * valueCount - 1})`);
  }
  // Node problems are listed before value problems, as the engine's verifier lists them.
  const valueProblems: string[] = [];
  let valueProblemCount = 0;
  const valueProblem = (p: string): void => {
    valueProblemCount++;
    if (valueProblems.length < MAX_PROBLEMS) valueProblems.push(p);
  };
  const step = 1 << 18;

  // 1. The values: shape, duplicates, positions, and each one's leaf hash.
  const seen = new Set<string>();
  /** The tree recomputed from the values: 32 bytes per node. */
  const mine = new Uint8Array(32 * count);
  const claimed = new Uint8Array(count);
  const leaves = new Uint8Array(32 * valueCount);
  const hashed = new Uint8Array(valueCount);
  for (let v = 0; v < valueCount; v++) {
    const kind = d.problems[v];
    if (kind === "shape") {
      valueProblem(`tree.json: values[${v}] is not {value: [account, token, amount], treeIndex}`);
      continue;
    }
    if (kind === "address") {
      valueProblem(`tree.json: values[${v}] has an address that is not 20 bytes of lowercase hex`);
      continue;
    }
    if (kind === "amount") {
      valueProblem(
        `tree.json: values[${v}] amount ${JSON.stringify(d.badAmounts.get(v))} is not a uint256 decimal string`,
      );
      continue;
    }
    const account = d.accountHex[v];
    const token = d.tokenHex[v];
    const key = `${account}/${token}`;
    if (seen.has(key)) valueProblem(`tree.json: ${account} has two leaves for token ${token}`);
    seen.add(key);
    const treeIndex = d.treeIndex[v];
    const inTree = treeIndex >= 0 && treeIndex < count;
    if (inTree) {
      hashLeaf(d.accounts, 20 * v, d.tokens, 20 * v, d.amounts, 32 * v, leaves, 32 * v);
      hashed[v] = 1;
    }
    if (v % step === step - 1) options.onProgress?.("leaves", v / valueCount);
    const isLeafIndex = inTree && 2 * treeIndex + 1 >= count;
    if (!isLeafIndex || claimed[treeIndex]) {
      valueProblem(
        `tree.json: values[${v}] treeIndex ${treeIndex} is not a distinct leaf position`,
      );
      continue;
    }
    claimed[treeIndex] = 1;
    mine.set(leaves.subarray(32 * v, 32 * v + 32), 32 * treeIndex);
    if (!equal32(leaves, 32 * v, nodes, 32 * treeIndex))
      valueProblem(`tree.json: values[${v}] does not hash to node ${treeIndex}`);
    values.push({ index: v, account, token, amount: d.amountValue[v] });
  }

  // 2. The whole tree recomputed once from the values (a leaf position no value claims keeps the
  // dump's node), then compared with the dump node by node.
  const inner = count >> 1; // nodes with at least one child: 2i + 1 < count
  for (let i = inner; i < count; i++)
    if (!claimed[i]) mine.set(nodes.subarray(32 * i, 32 * i + 32), 32 * i);
  for (let i = inner - 1; i >= 0; i--) {
    const left = 2 * i + 1;
    if (left + 1 < count) hashPair(mine, 32 * left, 32 * (left + 1), mine, 32 * i);
    else mine.copyWithin(32 * i, 32 * left, 32 * left + 32); // one child: a proof passes it up
    if (i % step === 0) options.onProgress?.("tree nodes", 1 - i / inner);
  }
  /** differs[i]: the dump's node i is not the recomputed one. */
  const differs = new Uint8Array(count);
  for (let i = 0; i < count; i++) differs[i] = equal32(mine, 32 * i, nodes, 32 * i) ? 0 : 1;
  for (const i of d.badNodes) {
    differs[i] = 1;
    problem(`tree.json: node ${i} is not a 32-byte lowercase hex hash`);
  }
  const scratch = new Uint8Array(32);
  for (let i = 0; i < inner; i++) {
    const left = 2 * i + 1;
    if (left + 1 >= count) continue;
    // The hash of the dump's children is the recomputed node when both children are the recomputed ones.
    let same: boolean;
    if (!differs[left] && !differs[left + 1]) same = !differs[i];
    else {
      hashPair(nodes, 32 * left, 32 * (left + 1), scratch, 0);
      same = equal32(scratch, 0, nodes, 32 * i);
    }
    if (!same) problem(`tree.json: node ${i} is not the hash of its children`);
  }
  for (const p of valueProblems) problem(p);
  problemCount += valueProblemCount - valueProblems.length;

  // 3. Every proof. A proof is the dump's siblings of its leaf's path; when its leaf is the
  // recomputed leaf and every sibling is the recomputed node, it leads to the recomputed root, so it
  // verifies exactly when the dump's root is the recomputed root. Any other proof is walked hash by
  // hash (only a tampered dump has such proofs).
  const siblingDiffers = new Uint8Array(count);
  for (let i = 1; i < count; i++) {
    const sibling = i % 2 === 1 ? i + 1 : i - 1;
    siblingDiffers[i] =
      (sibling < count && differs[sibling]) || siblingDiffers[(i - 1) >> 1] ? 1 : 0;
  }
  const rootOk = count > 0 && !differs[0];
  const failures: ProofFailure[] = [];
  const checkedValues: number[] = [];
  const failed = new Set<number>();
  const fail = (v: number) => {
    failures.push({
      account: d.accountHex[v],
      token: d.tokenHex[v],
      amount: d.amountValue[v],
      treeIndex: d.treeIndex[v],
    });
    failed.add(v);
  };
  let checked = 0;
  for (let v = 0; v < valueCount; v++) {
    if (!hashed[v]) continue;
    const treeIndex = d.treeIndex[v];
    checked++;
    checkedValues.push(v);
    const ok =
      equal32(leaves, 32 * v, mine, 32 * treeIndex) && !siblingDiffers[treeIndex]
        ? rootOk
        : walkProof(nodes, count, leaves, 32 * v, treeIndex);
    if (!ok) fail(v);
  }
  const root = count > 0 && !d.badNodes.includes(0) ? hex(nodes, 0, 32) : undefined;

  // 3. A sample verified the plain way by another implementation.
  let sampled = 0;
  let disagreements = 0;
  const k = Math.min(options.sample ?? PLAIN_SAMPLE, checkedValues.length);
  if (root !== undefined) {
    const picks = new Set<number>();
    for (let j = 0; j < k; j++)
      picks.add(checkedValues[Math.floor((j * checkedValues.length) / k)]);
    for (const v of [...failed].slice(0, k)) picks.add(v);
    for (const v of [...picks].sort((a, b) => a - b)) {
      const treeIndex = d.treeIndex[v];
      const value = [d.accountHex[v], d.tokenHex[v], d.amountValue[v].toString()];
      let plain: boolean;
      try {
        plain = StandardMerkleTree.verify(
          root,
          [...LEAF_ENCODING],
          value,
          proofFromNodes(nodes, count, treeIndex),
        );
      } catch {
        plain = false;
      }
      sampled++;
      if (plain === failed.has(v)) {
        disagreements++;
        if (!plain) fail(v);
      }
    }
  }
  options.onProgress?.("values", 1);
  return {
    root,
    values,
    problems,
    problemCount,
    proofs: { checked, failures, sampled, disagreements },
  };
}

/** Whether 32 bytes of `a` at `x` equal 32 bytes of `b` at `y`. */
function equal32(a: Uint8Array, x: number, b: Uint8Array, y: number): boolean {
  for (let i = 0; i < 32; i++) if (a[x + i] !== b[y + i]) return false;
  return true;
}

const walk = new Uint8Array(96);

/**
 * A proof verified the plain way, one hash per level: from the leaf at `leafAt` of `leaves`, up
 * the siblings of `treeIndex`'s path in the dump's nodes, to the dump's root (node 0).
 */
function walkProof(
  nodes: Uint8Array,
  count: number,
  leaves: Uint8Array,
  leafAt: number,
  treeIndex: number,
): boolean {
  walk.set(leaves.subarray(leafAt, leafAt + 32), 0);
  for (let i = treeIndex; i > 0; i = (i - 1) >> 1) {
    const sibling = i % 2 === 1 ? i + 1 : i - 1;
    if (sibling >= count) continue;
    walk.set(nodes.subarray(32 * sibling, 32 * sibling + 32), 32);
    hashPair(walk, 0, 32, walk, 0);
  }
  return count > 0 && equal32(walk, 0, nodes, 0);
}
