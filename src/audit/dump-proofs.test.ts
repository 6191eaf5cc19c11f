import fs from "node:fs";
import path from "node:path";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { describe, expect, it } from "vitest";
import { verifyTreeDump } from "../engine/verify";
import { checkDumpProofs, proofFromTree } from "./dump-proofs";

const DUMP = path.join(__dirname, "../../examples/season-1/out/epoch-2/tree.json");
const T = "0x1111111111111111111111111111111111111111";

describe("proofFromTree", () => {
  it("gives OpenZeppelin's proof for every value", () => {
    const dump = JSON.parse(fs.readFileSync(DUMP, "utf8"));
    const oz = StandardMerkleTree.load<[string, string, string]>(dump);
    for (const [i] of oz.entries()) {
      expect(proofFromTree(dump.tree, dump.values[i].treeIndex)).toEqual(oz.getProof(i));
    }
  });

  it("refuses an index outside the tree", () => {
    expect(() => proofFromTree(["0x00"], 1)).toThrow("tree index 1 is outside the tree (1 nodes)");
  });
});

describe("checkDumpProofs", () => {
  it("checks every value of an honest dump (also a one-leaf tree)", () => {
    const dump = JSON.parse(fs.readFileSync(DUMP, "utf8"));
    expect(checkDumpProofs(dump, dump.tree[0])).toEqual({
      checked: dump.values.length,
      failures: [],
    });
    const single = StandardMerkleTree.of(
      [[`0x${"a".repeat(40)}`, T, "5"]],
      ["address", "address", "uint256"],
    );
    expect(checkDumpProofs(single.dump(), single.root)).toEqual({ checked: 1, failures: [] });
  });

  it("names the value whose amount was edited, and every value against another root", () => {
    const dump = JSON.parse(fs.readFileSync(DUMP, "utf8"));
    const root = dump.tree[0];
    const v = dump.values[3];
    v.value[2] = (BigInt(v.value[2]) + 1n).toString();
    const { failures } = checkDumpProofs(dump, root);
    expect(failures).toEqual([
      {
        account: v.value[0],
        token: v.value[1],
        amount: BigInt(v.value[2]),
        treeIndex: v.treeIndex,
      },
    ]);
    expect(checkDumpProofs(dump, `0x${"1".repeat(64)}`).failures).toHaveLength(dump.values.length);
  });

  it("reuses the verifier's leaves and gives the same answer as hashing them again", () => {
    const dump = JSON.parse(fs.readFileSync(DUMP, "utf8"));
    dump.values[3].value[2] = (BigInt(dump.values[3].value[2]) + 1n).toString();
    const verified = verifyTreeDump(dump).values;
    expect(checkDumpProofs(dump, dump.tree[0], verified)).toEqual(
      checkDumpProofs(dump, dump.tree[0]),
    );
    const lent = verified.map((v) => ({ index: v.index, leaf: `0x${"1".repeat(64)}` }));
    expect(checkDumpProofs(dump, dump.tree[0], lent).failures).toHaveLength(lent.length);
  });

  it("skips what is not a tree (the format checker names it)", () => {
    expect(checkDumpProofs(null, "0x")).toEqual({ checked: 0, failures: [] });
    expect(checkDumpProofs({ tree: ["nope"], values: [] }, "0x")).toEqual({
      checked: 0,
      failures: [],
    });
  });
});
