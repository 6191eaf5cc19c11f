import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { assemblyBlocks, COMPAT_MCOPY, withoutCancunOpcodes } from "./evm-compat";

const BYTES = fs.readFileSync(require.resolve("@openzeppelin/contracts/utils/Bytes.sol"), "utf8");

describe("withoutCancunOpcodes", () => {
  it("leaves a file without MCOPY byte for byte", () => {
    const source = "contract A { function f() external { assembly { mstore(0, 1) } } }";
    expect(withoutCancunOpcodes(source, "A.sol")).toBe(source);
  });

  it("replaces every mcopy of OpenZeppelin's Bytes.sol and declares the function in each block using it", () => {
    const out = withoutCancunOpcodes(BYTES, "Bytes.sol");
    expect(out).not.toMatch(/\bmcopy\s*\(/);
    const uses = (BYTES.match(/\bmcopy\s*\(/g) ?? []).length;
    expect(uses).toBeGreaterThan(0);
    expect(out.split(`${COMPAT_MCOPY}(`).length - 1).toBe(2 * uses); // a declaration and a call each
    // Everything outside the assembly blocks is unchanged.
    const strip = (s: string) =>
      assemblyBlocks(s)
        .reverse()
        .reduce((t, b) => t.slice(0, b.open) + t.slice(b.close + 1), s);
    expect(strip(out)).toBe(strip(BYTES));
  });

  it("finds assembly blocks, not the word in a comment", () => {
    const source = `// done in assembly with a loop\nfunction f() { assembly ("memory-safe") { let a := 1 { let b := 2 } } }`;
    const blocks = assemblyBlocks(source);
    expect(blocks).toHaveLength(1);
    expect(source.slice(blocks[0].open, blocks[0].close + 1)).toBe("{ let a := 1 { let b := 2 } }");
  });

  it("refuses transient storage, naming the file", () => {
    expect(() =>
      withoutCancunOpcodes("function f() { assembly { tstore(0, 1) } }", "T.sol"),
    ).toThrow(/T\.sol uses transient storage/);
  });

  it("refuses an assembly block that is not closed", () => {
    expect(() => withoutCancunOpcodes("assembly { mcopy(0, 0, 1)", "U.sol")).toThrow(/not closed/);
  });
});
