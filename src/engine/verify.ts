/**
 * An independent check of an epoch's tree and proofs, sharing no code with the builder
 * (tree.ts, keccak-wasm.ts): leaves are encoded with ethers' ABI coder and hashed with ethers'
 * keccak256, proofs are checked with merkletreejs (sorted pairs), node by node consistency with
 * Buffer comparisons. It reports every problem it finds instead of stopping at the first.
 */
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { AbiCoder, keccak256 } from "ethers";
import { MerkleTree } from "merkletreejs";

const ENCODING = ["address", "address", "uint256"];
const HASH = /^0x[0-9a-f]{64}$/;
const ADDRESS = /^0x[0-9a-f]{40}$/;
const AMOUNT = /^(0|[1-9][0-9]*)$/;
const MAX_PROBLEMS = 100;

export interface VerifiedValue {
  account: string;
  token: string;
  amount: bigint;
  leaf: string;
}

export interface VerifyReport {
  ok: boolean;
  /** Human-readable problems (the first 100). */
  problems: string[];
  root?: string;
  leaves: number;
  proofsChecked: number;
}

const keccakBuffer = (data: Buffer): Buffer => Buffer.from(keccak256(data).slice(2), "hex");

/** The standard leaf of (account, token, amount), computed with ethers. */
export function referenceLeaf(account: string, token: string, amount: bigint): string {
  return keccak256(
    keccak256(AbiCoder.defaultAbiCoder().encode(ENCODING, [account, token, amount])),
  );
}

class Problems {
  readonly list: string[] = [];
  count = 0;
  add(p: string): void {
    this.count++;
    if (this.list.length < MAX_PROBLEMS) this.list.push(p);
  }
}

/**
 * Checks an OpenZeppelin standard-v1 dump: format, every internal node is the sorted-pair hash of
 * its children, every value's leaf is where its treeIndex says, no (account, token) twice.
 */
export function verifyTreeDump(
  dump: unknown,
  problems = new Problems(),
): {
  root?: string;
  values: VerifiedValue[];
  problems: string[];
} {
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
    values.push({ account, token, amount: BigInt(amount), leaf });
  });
  const root = typeof tree[0] === "string" ? (tree[0] as string) : undefined;
  return { root, values, problems: problems.list };
}

/** Whether `proof` leads from `leaf` to `root` (merkletreejs, sorted pairs). */
export function verifyProof(proof: readonly string[], leaf: string, root: string): boolean {
  return MerkleTree.verify([...proof], leaf, root, keccakBuffer, { sortPairs: true });
}

/**
 * Verifies an epoch folder: summary.json's root and dataHash against tree.json, the dump itself,
 * and every proof of proofs.json (one per value of the dump, each verified with merkletreejs).
 */
export async function verifyEpochDir(dir: string): Promise<VerifyReport> {
  const problems = new Problems();
  const file = (f: string) => path.join(dir, f);
  let treeBytes: Buffer;
  let dump: unknown;
  try {
    treeBytes = fs.readFileSync(file("tree.json"));
    dump = JSON.parse(treeBytes.toString("utf8"));
  } catch (e) {
    return {
      ok: false,
      problems: [`tree.json: ${(e as Error).message}`],
      leaves: 0,
      proofsChecked: 0,
    };
  }
  const { root, values } = verifyTreeDump(dump, problems);
  try {
    const summary = JSON.parse(fs.readFileSync(file("summary.json"), "utf8")) as {
      root?: string;
      dataHash?: string;
    };
    if (summary.root !== root)
      problems.add(`summary.json: root ${summary.root} is not tree.json's root ${root}`);
    const hash = keccak256(treeBytes);
    if (summary.dataHash !== hash)
      problems.add(
        `summary.json: dataHash ${summary.dataHash} is not keccak256(tree.json) ${hash}`,
      );
  } catch (e) {
    problems.add(`summary.json: ${(e as Error).message}`);
  }
  const expected = new Map(values.map((v) => [`${v.account}/${v.token}`, v]));
  let checked = 0;
  try {
    checked = await checkProofsFile(file("proofs.json"), root ?? "", expected, problems);
  } catch (e) {
    problems.add(`proofs.json: ${(e as Error).message}`);
  }
  for (const key of expected.keys())
    problems.add(`proofs.json: no proof for ${key.replace("/", " token ")}`);
  return {
    ok: problems.count === 0,
    problems: problems.list,
    root,
    leaves: values.length,
    proofsChecked: checked,
  };
}

interface ProofEntry {
  token: string;
  amount: string;
  proof: string[];
}

/** Reads proofs.json line by line (one account per line), checking each entry; removes checked keys from `expected`. */
async function checkProofsFile(
  file: string,
  root: string,
  expected: Map<string, VerifiedValue>,
  problems: Problems,
): Promise<number> {
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let checked = 0;
  let n = 0;
  for await (const text of lines) {
    n++;
    if (n === 1) {
      const header = JSON.parse(`${text}}}`) as { root?: string };
      if (header.root !== root)
        problems.add(`proofs.json: root ${header.root} is not tree.json's root ${root}`);
      continue;
    }
    if (text === "}}" || text === "") continue;
    let entry: Record<string, ProofEntry[]>;
    try {
      entry = JSON.parse(`{${text.replace(/,$/, "")}}`) as Record<string, ProofEntry[]>;
    } catch {
      problems.add(
        `proofs.json line ${n}: not one account's claims ("0x…":[{token, amount, proof}])`,
      );
      continue;
    }
    for (const [account, claims] of Object.entries(entry)) {
      for (const c of claims) {
        checked++;
        const key = `${account}/${c.token}`;
        const v = expected.get(key);
        if (!v) {
          problems.add(
            `proofs.json line ${n}: ${account} token ${c.token} is not a leaf of tree.json`,
          );
          continue;
        }
        expected.delete(key);
        if (c.amount !== v.amount.toString()) {
          problems.add(
            `proofs.json line ${n}: ${account} amount ${c.amount} differs from tree.json's ${v.amount}`,
          );
        }
        const leaf = referenceLeaf(account, c.token, BigInt(c.amount));
        if (!verifyProof(c.proof, leaf, root)) {
          problems.add(
            `proofs.json line ${n}: the proof of ${account} token ${c.token} does not verify`,
          );
        }
      }
    }
  }
  return checked;
}

/**
 * Cumulative entitlements never decrease: every (account, token) of the previous dump is in the
 * next one with at least the same amount.
 */
export function checkCumulativeNeverDecreases(previous: unknown, next: unknown): string[] {
  const index = (dump: unknown) => {
    const m = new Map<string, bigint>();
    for (const e of (dump as { values: { value: [string, string, string] }[] }).values) {
      m.set(`${e.value[0]}/${e.value[1]}`, BigInt(e.value[2]));
    }
    return m;
  };
  const before = index(previous);
  const after = index(next);
  const problems: string[] = [];
  for (const [key, amount] of before) {
    const now = after.get(key) ?? 0n;
    if (now < amount)
      problems.push(`${key.replace("/", " token ")}: cumulative went from ${amount} to ${now}`);
  }
  return problems;
}
