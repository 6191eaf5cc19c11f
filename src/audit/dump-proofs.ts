/**
 * Every proof of a published tree dump (a parsed JSON object), checked one by one with the engine's
 * independent verifier (ethers leaf encoding, merkletreejs proof check; none of the builder's
 * code): about twenty hashes per value, the reference the auditor's `checkDump` (./dump-check,
 * one hash per node) is tested against. The proof of a value is the sibling path of its
 * `treeIndex` in the dump's `tree`, as OpenZeppelin's `StandardMerkleTree.getProof` builds it, so
 * a claim front end loading the dump gets exactly the proofs checked here.
 */
import { referenceLeaf, verifyProof, type VerifiedValue } from "../engine/verify";

const HASH = /^0x[0-9a-f]{64}$/;
const ADDRESS = /^0x[0-9a-f]{40}$/;
const AMOUNT = /^(0|[1-9][0-9]*)$/;

/** A value of the dump whose proof does not lead to the root. */
export interface ProofFailure {
  readonly account: string;
  readonly token: string;
  readonly amount: bigint;
  readonly treeIndex: number;
}

export interface DumpProofs {
  /** Values whose proof was built and checked. */
  readonly checked: number;
  readonly failures: ProofFailure[];
}

/** The proof of the node at `treeIndex` in a standard-v1 tree array (siblings, leaf to root). */
export function proofFromTree(tree: readonly string[], treeIndex: number): string[] {
  if (!Number.isInteger(treeIndex) || treeIndex < 0 || treeIndex >= tree.length) {
    throw new Error(`tree index ${treeIndex} is outside the tree (${tree.length} nodes)`);
  }
  const proof: string[] = [];
  for (let i = treeIndex; i > 0; i = (i - 1) >> 1) {
    const sibling = i % 2 === 1 ? i + 1 : i - 1;
    if (sibling < tree.length) proof.push(tree[sibling]);
  }
  return proof;
}

/**
 * Builds and verifies the proof of every well-formed value of `dump` against `root`. Malformed
 * values are skipped here: `verifyTreeDump` names them. `verified`, the values `verifyTreeDump`
 * returned for the same dump, lends their leaves so they are not hashed twice; a value it skipped
 * is hashed here.
 */
export function checkDumpProofs(
  dump: unknown,
  root: string,
  verified: readonly Pick<VerifiedValue, "index" | "leaf">[] = [],
): DumpProofs {
  const d = dump as { tree?: unknown; values?: unknown } | null;
  if (!d || !Array.isArray(d.tree) || !Array.isArray(d.values)) return { checked: 0, failures: [] };
  const tree = d.tree as unknown[];
  if (!tree.every((h) => typeof h === "string" && HASH.test(h))) {
    return { checked: 0, failures: [] };
  }
  const nodes = tree as string[];
  const known = new Map(verified.map((v) => [v.index, v.leaf]));
  const failures: ProofFailure[] = [];
  let checked = 0;
  (d.values as unknown[]).forEach((entry, i) => {
    const e = entry as { value?: unknown; treeIndex?: unknown } | null;
    const v = e?.value;
    const treeIndex = e?.treeIndex;
    if (!Array.isArray(v) || v.length !== 3 || typeof treeIndex !== "number") return;
    const [account, token, amount] = v as unknown[];
    if (
      typeof account !== "string" ||
      !ADDRESS.test(account) ||
      typeof token !== "string" ||
      !ADDRESS.test(token) ||
      typeof amount !== "string" ||
      !AMOUNT.test(amount) ||
      !Number.isInteger(treeIndex) ||
      treeIndex < 0 ||
      treeIndex >= nodes.length
    ) {
      return;
    }
    const value = BigInt(amount);
    if (value >= 1n << 256n) return;
    checked++;
    const leaf = known.get(i) ?? referenceLeaf(account, token, value);
    if (!verifyProof(proofFromTree(nodes, treeIndex), leaf, root)) {
      failures.push({ account, token, amount: value, treeIndex });
    }
  });
  return { checked, failures };
}
