import { keccak_256 } from "@noble/hashes/sha3.js";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashLeaf, hashPair, keccak256, keccak256Hex } from "./keccak";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("the auditor's keccak256", () => {
  it("is @noble/hashes' keccak_256 on every length around the 136-byte block", () => {
    for (let n = 0; n <= 300; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 255);
      expect(hex(keccak256(data)), `${n} bytes`).toBe(hex(keccak_256(data)));
    }
    expect(keccak256Hex(new Uint8Array(0))).toBe(
      "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
    );
  });

  it("is @noble/hashes' keccak_256 on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), (data) => {
        expect(hex(keccak256(data))).toBe(hex(keccak_256(data)));
      }),
      { numRuns: 200 },
    );
  });

  it("hashes sorted pairs and standard leaves as OpenZeppelin's StandardMerkleTree does", () => {
    const values: [string, string, string][] = [
      [`0x${"ab".repeat(20)}`, `0x${"11".repeat(20)}`, "5"],
      [`0x${"01".repeat(20)}`, `0x${"11".repeat(20)}`, ((1n << 256n) - 1n).toString()],
    ];
    const oz = StandardMerkleTree.of(values, ["address", "address", "uint256"]);
    const leaves = values.map(([a, t, x]) => {
      const amount = Buffer.from(BigInt(x).toString(16).padStart(64, "0"), "hex");
      const out = new Uint8Array(32);
      hashLeaf(
        Buffer.from(a.slice(2), "hex"),
        0,
        Buffer.from(t.slice(2), "hex"),
        0,
        amount,
        0,
        out,
        0,
      );
      return out;
    });
    values.forEach((v, i) => expect(`0x${hex(leaves[i])}`).toBe(oz.leafHash(v)));
    const both = new Uint8Array(64);
    both.set(leaves[1], 0);
    both.set(leaves[0], 32);
    const root = new Uint8Array(32);
    hashPair(both, 0, 32, root, 0);
    expect(`0x${hex(root)}`).toBe(oz.root);
    hashPair(both, 32, 0, root, 0);
    expect(`0x${hex(root)}`).toBe(oz.root);
  });
});
