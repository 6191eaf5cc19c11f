import { describe, expect, it } from "vitest";
import {
  EVM_FEATURES,
  featuresNeeded,
  hexBytes,
  opcodesOf,
  targetFor,
  withoutEmbeddedMetadata,
  withoutMetadata,
} from "./opcodes";

const feature = (name: string) => EVM_FEATURES.find((f) => f.name === name)!;
// A Solidity-style metadata trailer: a CBOR map (0xa2 …) whose length ends the code.
const METADATA = "a2646970667358221220" + "5f5e5c5d".repeat(8) + "64736f6c6343000818" + "0033";

describe("opcodesOf", () => {
  it("skips PUSH data: a 0x5f inside PUSH2 data is not PUSH0", () => {
    expect([...opcodesOf(hexBytes("0x615f5e00"))]).toEqual([0x61, 0x00]);
  });

  it("skips the 32 bytes of a PUSH32", () => {
    const code = hexBytes("0x7f" + "5e".repeat(32) + "5f");
    expect(opcodesOf(code)).toEqual(new Set([0x7f, 0x5f]));
  });

  it("sees an instruction right after PUSH data", () => {
    expect(opcodesOf(hexBytes("0x60005e"))).toEqual(new Set([0x60, 0x5e]));
  });
});

describe("withoutMetadata", () => {
  it("drops the CBOR trailer whose length the last two bytes give", () => {
    const code = hexBytes("0x6000" + METADATA);
    expect([...withoutMetadata(code)]).toEqual([0x60, 0x00]);
  });

  it("keeps code whose last two bytes do not announce a trailer", () => {
    const code = hexBytes("0x5f5f00");
    expect(withoutMetadata(code)).toEqual(code);
  });
});

describe("featuresNeeded", () => {
  it("names each feature with the contracts using it, ignoring the metadata's bytes", () => {
    const needed = featuresNeeded([
      { name: "Paris", bytecode: "0x6080604052" + METADATA },
      { name: "UsesPush0", bytecode: "0x5f5f00" },
      { name: "UsesMcopy", bytecode: "0x60006000600060005e00" + METADATA },
      { name: "UsesTstore", bytecode: "0x600160005d" },
    ]);
    expect(needed.map((n) => [n.feature.name, n.contracts])).toEqual([
      ["PUSH0", ["UsesPush0"]],
      ["MCOPY", ["UsesMcopy"]],
      ["TLOAD/TSTORE", ["UsesTstore"]],
    ]);
  });

  it("reads link placeholders as zeros and refuses odd hex", () => {
    expect(featuresNeeded([{ name: "L", bytecode: `0x73__$${"a".repeat(34)}$__00` }])).toEqual([]);
    expect(() => hexBytes("0x123")).toThrow(/even-length hex/);
  });
});

describe("targetFor", () => {
  it("is paris without PUSH0, shanghai without only Cancun's, nothing when all are there", () => {
    expect(targetFor([feature("PUSH0"), feature("MCOPY")])).toBe("paris");
    expect(targetFor([feature("MCOPY"), feature("TLOAD/TSTORE")])).toBe("shanghai");
    expect(targetFor([])).toBeUndefined();
  });
});

describe("withoutEmbeddedMetadata", () => {
  it("drops a child contract's metadata inside a factory's code, and nothing else", () => {
    // STOP, a child's creation code with its metadata (whose bytes hold 0x5e and 0x5c), STOP
    const factory = hexBytes("0x00" + "6000" + METADATA + "00");
    expect([...withoutEmbeddedMetadata(factory)]).toEqual([0x00, 0x60, 0x00, 0x00]);
    const plain = hexBytes("0x5e5c00");
    expect(withoutEmbeddedMetadata(plain)).toEqual(plain);
  });

  it("keeps a factory whose children's metadata holds MCOPY bytes out of the MCOPY list", () => {
    const factory = { name: "Factory", bytecode: "0x00" + "6000" + METADATA + "00" + METADATA };
    const copier = { name: "Copier", bytecode: "0x5e00" + METADATA };
    expect(featuresNeeded([copier]).map((f) => [f.feature.name, f.contracts])).toContainEqual([
      "MCOPY",
      ["Copier"],
    ]);
    expect(featuresNeeded([factory, copier]).map((f) => [f.feature.name, f.contracts])).toEqual(
      featuresNeeded([copier]).map((f) => [f.feature.name, f.contracts]),
    );
  });
});
