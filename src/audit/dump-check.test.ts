import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkDump, proofFromNodes } from "./dump-check";
import { parseDump } from "./dump-parse";
import { checkDumpProofs, proofFromTree } from "./dump-proofs";

type Dump = {
  format: string;
  leafEncoding: string[];
  tree: string[];
  values: { value: [string, string, string]; treeIndex: number }[];
};
const T1 = `0x${"11".repeat(20)}`;
const T2 = `0x${"22".repeat(20)}`;
const account = (i: number) => `0x${(i * 7919 + 1).toString(16).padStart(40, "0")}`;

function honest(n: number): Dump {
  const values = Array.from({ length: n }, (_, i): [string, string, string] => [
    account(i),
    i % 3 === 0 ? T2 : T1,
    String(BigInt(i + 1) * 10n ** 18n),
  ]);
  return StandardMerkleTree.of(values, ["address", "address", "uint256"]).dump() as Dump;
}
const check = (dump: unknown) => checkDump(parseDump(Buffer.from(JSON.stringify(dump))));
const flip = (h: string) => `${h.slice(0, -1)}${h.endsWith("0") ? "1" : "0"}`;
/** What one-by-one verification (ethers + merkletreejs) says fails, as tree indices. */
const plainFailures = (dump: Dump) =>
  checkDumpProofs(dump, dump.tree[0])
    .failures.map((f) => f.treeIndex)
    .sort((a, b) => a - b);
const failures = (r: ReturnType<typeof check>) =>
  r.proofs.failures.map((f) => f.treeIndex).sort((a, b) => a - b);

describe("checkDump", () => {
  it("passes an honest dump: every value, every proof, the root, a plain sample", () => {
    for (const n of [1, 2, 3, 14, 101]) {
      const dump = honest(n);
      const r = check(dump);
      expect(r.problems).toEqual([]);
      expect(r.root).toBe(dump.tree[0]);
      expect(r.values).toHaveLength(n);
      expect(r.values[0]).toEqual({
        index: 0,
        account: dump.values[0].value[0],
        token: dump.values[0].value[1],
        amount: BigInt(dump.values[0].value[2]),
      });
      expect(r.proofs).toEqual({ checked: n, failures: [], sampled: n, disagreements: 0 });
    }
    expect(check(honest(1000)).proofs.sampled).toBe(256);
  });

  it("reads the proofs a claim front end gets from the dump", () => {
    const dump = honest(37);
    const parsed = parseDump(Buffer.from(JSON.stringify(dump)));
    for (const v of dump.values) {
      expect(proofFromNodes(parsed.nodes, parsed.nodeCount, v.treeIndex)).toEqual(
        proofFromTree(dump.tree, v.treeIndex),
      );
    }
  });

  it("catches a tampered leaf: its node, its proof, nothing else", () => {
    const dump = honest(14);
    const v = dump.values[5];
    v.value[2] = (BigInt(v.value[2]) + 1n).toString();
    const r = check(dump);
    expect(r.problems).toEqual([`tree.json: values[5] does not hash to node ${v.treeIndex}`]);
    expect(failures(r)).toEqual([v.treeIndex]);
    expect(failures(r)).toEqual(plainFailures(dump));
  });

  it("catches a tampered proof: a wrong sibling fails the proofs that use it", () => {
    const dump = honest(14);
    const victim = dump.values[3].treeIndex;
    const sibling = victim % 2 === 1 ? victim + 1 : victim - 1;
    dump.tree[sibling] = flip(dump.tree[sibling]);
    const r = check(dump);
    const parent = (victim - 1) >> 1;
    expect(r.problems).toContain(`tree.json: node ${parent} is not the hash of its children`);
    expect(failures(r)).toContain(victim);
    expect(failures(r)).toEqual(plainFailures(dump));
  });

  it("catches a tampered interior node: every proof that uses it as a sibling fails", () => {
    const dump = honest(50);
    dump.tree[5] = flip(dump.tree[5]);
    const r = check(dump);
    expect(r.problems).toEqual([
      "tree.json: node 2 is not the hash of its children",
      "tree.json: node 5 is not the hash of its children",
    ]);
    expect(failures(r).length).toBeGreaterThan(4);
    expect(failures(r)).toEqual(plainFailures(dump));
  });

  it("catches a wrong root: node 0 is not the hash of its children and no proof reaches it", () => {
    const dump = honest(14);
    dump.tree[0] = flip(dump.tree[0]);
    const r = check(dump);
    expect(r.root).toBe(dump.tree[0]);
    expect(r.problems).toEqual(["tree.json: node 0 is not the hash of its children"]);
    expect(r.proofs.failures).toHaveLength(14);
    expect(failures(r)).toEqual(plainFailures(dump));
  });

  it("fails exactly the proofs one-by-one verification fails, whatever is tampered", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        (n, nodes, amounts) => {
          const dump = honest(n);
          for (const k of nodes)
            dump.tree[k % dump.tree.length] = flip(dump.tree[k % dump.tree.length]);
          for (const k of amounts) {
            const v = dump.values[k % n].value;
            v[2] = (BigInt(v[2]) + 1n).toString();
          }
          const r = check(dump);
          expect(failures(r)).toEqual(plainFailures(dump));
          expect(r.proofs.disagreements).toBe(0);
          const sorted = [...new Set(failures(r))];
          expect(sorted.length).toBe(r.proofs.failures.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("names what is not a standard dump in the engine verifier's words", () => {
    const dump = honest(4) as unknown as Record<string, unknown> & Dump;
    const values = dump.values as unknown[];
    values[0] = { value: [account(0), T1], treeIndex: 6 };
    values[1] = { value: [account(1).toUpperCase().replace("0X", "0x"), T1, "1"], treeIndex: 5 };
    values[2] = { value: [account(2), T1, "01"], treeIndex: 4 };
    values[3] = { value: [account(3), T1, "7"], treeIndex: 1 };
    dump.tree[2] = "0x1234";
    dump.format = "v2";
    const r = check(dump);
    expect(r.problems).toEqual([
      'tree.json: format is "v2", not "standard-v1"',
      "tree.json: node 2 is not a 32-byte lowercase hex hash",
      "tree.json: node 0 is not the hash of its children",
      "tree.json: node 2 is not the hash of its children",
      "tree.json: values[0] is not {value: [account, token, amount], treeIndex}",
      "tree.json: values[1] has an address that is not 20 bytes of lowercase hex",
      'tree.json: values[2] amount "01" is not a uint256 decimal string',
      "tree.json: values[3] treeIndex 1 is not a distinct leaf position",
    ]);
    expect(r.values).toEqual([]);
    expect(check([1, 2]).problems).toEqual(["tree.json: not a JSON object"]);
    expect(check({ tree: {}, values: [] }).problems).toContain(
      "tree.json: tree and values must be arrays",
    );
  });

  it("names two leaves of one account and token, and counts every problem beyond the listed ones", () => {
    const dump = honest(3);
    dump.values[1].value = [...dump.values[0].value];
    expect(check(dump).problems).toContain(
      `tree.json: ${dump.values[0].value[0]} has two leaves for token ${dump.values[0].value[1]}`,
    );
    const big = honest(300);
    for (const v of big.values) v.value[2] = "x";
    const r = check(big);
    expect(r.problems).toHaveLength(100);
    expect(r.problemCount).toBe(300);
  });
});
