/**
 * The EVM features a contract's bytecode needs, read from the bytecode itself: each instruction is
 * decoded in turn, PUSH1..PUSH32 data skipped, and the Solidity metadata trailer (CBOR, its length
 * in the last two bytes) left out, so that no data byte is mistaken for an instruction.
 */

/** An EVM feature newer than the Merge, with the instructions that need it and a probe for it. */
export interface EvmFeature {
  name: string;
  opcodes: readonly number[];
  /** The first EVM target that has it. */
  since: "shanghai" | "cancun";
  /** A creation code using it and returning nothing: an eth_call of it fails where it is missing. */
  probe: string;
}

export const EVM_FEATURES: readonly EvmFeature[] = [
  // PUSH0 STOP
  { name: "PUSH0", opcodes: [0x5f], since: "shanghai", probe: "0x5f00" },
  // PUSH1 0 PUSH1 0 PUSH1 0 MCOPY STOP
  { name: "MCOPY", opcodes: [0x5e], since: "cancun", probe: "0x6000600060005e00" },
  // PUSH1 1 PUSH1 0 TSTORE PUSH1 0 TLOAD STOP
  { name: "TLOAD/TSTORE", opcodes: [0x5c, 0x5d], since: "cancun", probe: "0x600160005d60005c00" },
];

/** A creation code every EVM runs (PUSH1 0 PUSH1 0 RETURN): the probes' control. */
export const CONTROL_PROBE = "0x60006000f3";

/** Bytes of a hex string (0x optional); link placeholders `__$…$__` read as zeros. */
export function hexBytes(hex: string): Uint8Array {
  const clean = (hex.startsWith("0x") ? hex.slice(2) : hex).replace(
    /__\$[0-9a-fA-F]{34}\$__/g,
    "0".repeat(40),
  );
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean))
    throw new Error("bytecode is not an even-length hex string");
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The code without its trailing CBOR metadata (when the last two bytes announce a plausible one). */
export function withoutMetadata(code: Uint8Array): Uint8Array {
  if (code.length < 2) return code;
  const length = (code[code.length - 2] << 8) | code[code.length - 1];
  const start = code.length - 2 - length;
  // A CBOR map of 1 to 5 entries (0xa1..0xa5) starts Solidity's metadata.
  if (length > 0 && start >= 0 && code[start] >= 0xa1 && code[start] <= 0xa5)
    return code.subarray(0, start);
  return code;
}

/** Solidity's metadata as solc 0.8 embeds it: {"ipfs": 34 bytes, "solc": 3 bytes}, 53 bytes. */
const EMBEDDED_METADATA = {
  length: 53,
  matches: (code: Uint8Array, i: number): boolean =>
    i + 53 <= code.length &&
    [0xa2, 0x64, 0x69, 0x70, 0x66, 0x73, 0x58, 0x22].every((b, k) => code[i + k] === b) &&
    [0x64, 0x73, 0x6f, 0x6c, 0x63, 0x43].every((b, k) => code[i + 42 + k] === b) &&
    code[i + 51] === 0x00 &&
    code[i + 52] === 0x33,
};

/**
 * The code without any metadata block of a contract it embeds (a factory carries its children's
 * creation code, each with its own metadata, whose bytes are not instructions).
 */
export function withoutEmbeddedMetadata(code: Uint8Array): Uint8Array {
  const kept: number[] = [];
  for (let i = 0; i < code.length; i++) {
    if (EMBEDDED_METADATA.matches(code, i)) {
      i += EMBEDDED_METADATA.length - 1;
      continue;
    }
    kept.push(code[i]);
  }
  return kept.length === code.length ? code : Uint8Array.from(kept);
}

/** Every instruction (opcode byte) the code contains, PUSH data skipped. */
export function opcodesOf(code: Uint8Array): Set<number> {
  const seen = new Set<number>();
  for (let i = 0; i < code.length; i++) {
    const op = code[i];
    seen.add(op);
    if (op >= 0x60 && op <= 0x7f) i += op - 0x5f;
  }
  return seen;
}

/** For each feature some contract needs, the contracts needing it (in the order given). */
export function featuresNeeded(
  contracts: readonly { name: string; bytecode: string }[],
): { feature: EvmFeature; contracts: string[] }[] {
  const ops = contracts.map((c) => ({
    name: c.name,
    ops: opcodesOf(withoutEmbeddedMetadata(withoutMetadata(hexBytes(c.bytecode)))),
  }));
  return EVM_FEATURES.map((feature) => ({
    feature,
    contracts: ops.filter((c) => feature.opcodes.some((op) => c.ops.has(op))).map((c) => c.name),
  })).filter((f) => f.contracts.length > 0);
}

/**
 * The newest target a chain can run, from the features it lacks: paris when it lacks a Shanghai
 * feature, shanghai when it lacks only Cancun ones, undefined when it lacks none.
 */
export function targetFor(missing: readonly EvmFeature[]): "paris" | "shanghai" | undefined {
  if (missing.some((f) => f.since === "shanghai")) return "paris";
  if (missing.length > 0) return "shanghai";
  return undefined;
}
