/**
 * An independent check of an epoch's tree and proofs (the auditor's), sharing no code with the builder
 * (tree.ts, keccak-wasm.ts): leaves are encoded with ethers' ABI coder and hashed with ethers'
 * keccak256, proofs are checked with merkletreejs (sorted pairs), node by node consistency with
 * Buffer comparisons. It reports every problem it finds instead of stopping at the first.
 */
import { AbiCoder, keccak256 } from "ethers";
import { MerkleTree } from "merkletreejs";
import { ProblemList } from "../problem-list";

const ENCODING = ["address", "address", "uint256"];
const HASH = /^0x[0-9a-f]{64}$/;
const ADDRESS = /^0x[0-9a-f]{40}$/;
const AMOUNT = /^(0|[1-9][0-9]*)$/;

export interface VerifiedValue {
  /** Its position in the dump's `values`. */
  index: number;
  account: string;
  token: string;
  amount: bigint;
  leaf: string;
}

const keccakBuffer = (data: Buffer): Buffer => Buffer.from(keccak256(data).slice(2), "hex");

/** The standard leaf of (account, token, amount), computed with ethers. */
export function referenceLeaf(account: string, token: string, amount: bigint): string {
  return keccak256(
    keccak256(AbiCoder.defaultAbiCoder().encode(ENCODING, [account, token, amount])),
  );
}

/**
 * Checks an OpenZeppelin standard-v1 dump: format, every internal node is the sorted-pair hash of
 * its children, every value's leaf is where its treeIndex says, no (account, token) twice.
 */
export function verifyTreeDump(dump: unknown): {
  root?: string;
  values: VerifiedValue[];
  problems: string[];
} {
  const problems = new ProblemList();
  const values: VerifiedValue[] = [];
  const d = dump as { format?: unknown; leafEncoding?: unknown; tree?: unknown; values?: unknown };
  if (typeof d !== "object" || d === null) {
    problems.add("tree.json: not a JSON object");
    return { values, problems: problems.list };
  }
  if (d.format !== "standard-v1")
    problems.add(`tree.json: format is ${JSON.stringify(d.format)}, not "standard-v1"`);
  if (JSON.stringify(d.leafEncoding) !== JSON.stringify(ENCODING)) {
    problems.add(
      `tree.json: leafEncoding is ${JSON.stringify(d.leafEncoding)}, not ${JSON.stringify(ENCODING)}`,
    );
  }
  if (!Array.isArray(d.tree) || !Array.isArray(d.values)) {
    problems.add("tree.json: tree and values must be arrays");
    return { values, problems: problems.list };
  }
  const tree = d.tree as unknown[];
  const raw = d.values as unknown[];
  if (tree.length !== 2 * raw.length - 1) {
    problems.add(
      `tree.json: ${tree.length} nodes for ${raw.length} values (expected ${2 * raw.length - 1})`,
    );
  }
  const nodes: Buffer[] = tree.map((h, i) => {
    if (typeof h !== "string" || !HASH.test(h)) {
      problems.add(`tree.json: node ${i} is not a 32-byte lowercase hex hash`);
      return Buffer.alloc(32);
    }
    return Buffer.from(h.slice(2), "hex");
  });
  for (let i = 0; 2 * i + 2 < nodes.length; i++) {
    const [a, b] = [nodes[2 * i + 1], nodes[2 * i + 2]];
    const expected = keccakBuffer(Buffer.concat(Buffer.compare(a, b) <= 0 ? [a, b] : [b, a]));
    if (!expected.equals(nodes[i]))
      problems.add(`tree.json: node ${i} is not the hash of its children`);
  }
  const seen = new Set<string>();
  const indices = new Set<number>();
  raw.forEach((entry, i) => {
    const e = entry as { value?: unknown; treeIndex?: unknown };
    const v = e?.value;
    if (!Array.isArray(v) || v.length !== 3 || !Number.isInteger(e.treeIndex)) {
      problems.add(`tree.json: values[${i}] is not {value: [account, token, amount], treeIndex}`);
      return;
    }
    const [account, token, amount] = v as unknown[];
    if (
      typeof account !== "string" ||
      !ADDRESS.test(account) ||
      typeof token !== "string" ||
      !ADDRESS.test(token)
    ) {
      problems.add(`tree.json: values[${i}] has an address that is not 20 bytes of lowercase hex`);
      return;
    }
    if (typeof amount !== "string" || !AMOUNT.test(amount) || BigInt(amount) >= 1n << 256n) {
      problems.add(
        `tree.json: values[${i}] amount ${JSON.stringify(amount)} is not a uint256 decimal string`,
      );
      return;
    }
    const key = `${account}/${token}`;
    if (seen.has(key)) problems.add(`tree.json: ${account} has two leaves for token ${token}`);
    seen.add(key);
    const treeIndex = e.treeIndex as number;
    const isLeafIndex =
      treeIndex >= 0 && treeIndex < tree.length && 2 * treeIndex + 1 >= tree.length;
    if (!isLeafIndex || indices.has(treeIndex)) {
      problems.add(
        `tree.json: values[${i}] treeIndex ${treeIndex} is not a distinct leaf position`,
      );
      return;
    }
    indices.add(treeIndex);
    const leaf = referenceLeaf(account, token, BigInt(amount));
    if (leaf !== tree[treeIndex])
      problems.add(`tree.json: values[${i}] does not hash to node ${treeIndex}`);
    values.push({ index: i, account, token, amount: BigInt(amount), leaf });
  });
  const root = typeof tree[0] === "string" ? (tree[0] as string) : undefined;
  return { root, values, problems: problems.list };
}

/** Whether `proof` leads from `leaf` to `root` (merkletreejs, sorted pairs). */
export function verifyProof(proof: readonly string[], leaf: string, root: string): boolean {
  return MerkleTree.verify([...proof], leaf, root, keccakBuffer, { sortPairs: true });
}
