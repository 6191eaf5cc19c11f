import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { keccak256 } from "ethers";
import { LEAF_ENCODING, RewardTree, leafSetOf } from "./tree";
import { referenceLeaf, verifyProof } from "./verify";

const address = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .map((b) => `0x${Buffer.from(b).toString("hex")}`);
const amount = fc.oneof(
  fc.bigInt({ min: 0n, max: 2n ** 53n }),
  fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }),
);
/** Distinct (account, token) pairs with amounts. */
const valuesArb = fc.uniqueArray(
  fc.tuple(address, fc.constantFrom(`0x${"11".repeat(20)}`, `0x${"22".repeat(20)}`), amount),
  {
    minLength: 1,
    maxLength: 40,
    selector: ([a, t]) => `${a}/${t}`,
  },
);

function dumpText(tree: RewardTree): { text: string; hash: string } {
  const chunks: Buffer[] = [];
  const hash = tree.writeDump((c) => chunks.push(Buffer.from(c)));
  return { text: Buffer.concat(chunks).toString("latin1"), hash };
}

const oz = (values: [string, string, bigint][]) =>
  StandardMerkleTree.of(
    values.map(([a, t, x]) => [a, t, x.toString()]),
    [...LEAF_ENCODING],
  );

describe("reward Merkle tree", () => {
  it("is byte for byte OpenZeppelin's StandardMerkleTree, dump and proofs included", () => {
    fc.assert(
      fc.property(valuesArb, (values) => {
        const reference = oz(values);
        const tree = RewardTree.build(leafSetOf(values));
        expect(tree.root).toBe(reference.root);
        const { text, hash } = dumpText(tree);
        expect(text).toBe(JSON.stringify(reference.dump()));
        expect(hash).toBe(keccak256(Buffer.from(text, "latin1")));
        expect(tree.dump()).toEqual(reference.dump());
        values.forEach((_, v) => expect(tree.proof(v)).toEqual(reference.getProof(v)));
      }),
      { numRuns: 60 },
    );
  });

  it("builds the same tree for 1, 2, 3 … 70 leaves (every shape of the heap)", () => {
    for (let n = 1; n <= 70; n++) {
      const values = Array.from({ length: n }, (_, i): [string, string, bigint] => [
        `0x${(i + 1).toString(16).padStart(40, "0")}`,
        `0x${"11".repeat(20)}`,
        BigInt(i) * 10n ** 18n,
      ]);
      expect(RewardTree.build(leafSetOf(values)).root).toBe(oz(values).root);
    }
  });

  it("its dump round-trips through StandardMerkleTree.load", () => {
    fc.assert(
      fc.property(valuesArb, (values) => {
        const tree = RewardTree.build(leafSetOf(values));
        const loaded = StandardMerkleTree.load(JSON.parse(dumpText(tree).text));
        expect(loaded.root).toBe(tree.root);
        for (const [i, v] of loaded.entries()) expect(v).toEqual(tree.value(i));
      }),
      { numRuns: 40 },
    );
  });

  it("every proof verifies independently, and a tampered amount never does", () => {
    fc.assert(
      fc.property(valuesArb, fc.bigInt({ min: 1n, max: 10n ** 30n }), (values, delta) => {
        const tree = RewardTree.build(leafSetOf(values));
        values.forEach(([a, t, x], v) => {
          const proof = tree.proof(v);
          expect(verifyProof(proof, referenceLeaf(a, t, x), tree.root)).toBe(true);
          expect(
            StandardMerkleTree.verify(tree.root, [...LEAF_ENCODING], [a, t, x.toString()], proof),
          ).toBe(true);
          const tampered = (x + delta) % 2n ** 256n;
          expect(verifyProof(proof, referenceLeaf(a, t, tampered), tree.root)).toBe(false);
        });
      }),
      { numRuns: 30 },
    );
  });

  it("a single leaf is its own root with an empty proof", () => {
    const tree = RewardTree.build(
      leafSetOf([[`0x${"aa".repeat(20)}`, `0x${"11".repeat(20)}`, 5n]]),
    );
    expect(tree.root).toBe(referenceLeaf(`0x${"aa".repeat(20)}`, `0x${"11".repeat(20)}`, 5n));
    expect(tree.proof(0)).toEqual([]);
  });

  it("refuses an empty tree and amounts that are not uint256", () => {
    expect(() => RewardTree.build(leafSetOf([]))).toThrow("at least one leaf");
    expect(() =>
      RewardTree.build(leafSetOf([[`0x${"aa".repeat(20)}`, `0x${"11".repeat(20)}`, 2n ** 256n]])),
    ).toThrow("not a uint256");
  });
});
