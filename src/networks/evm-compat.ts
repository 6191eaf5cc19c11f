/**
 * Building for EVMs older than Cancun. OpenZeppelin Contracts 5.7 uses the Cancun instruction MCOPY
 * in the inline assembly of a few utilities (Bytes, reached through Strings from EIP712 and ECDSA):
 * solc refuses the whole file for `paris` or `shanghai` even when no contract calls those
 * functions. For those targets the compiler reads such a file with each `mcopy(d, s, n)` replaced
 * by a call to a Yul function of the same meaning (a byte-wise copy that handles overlapping
 * ranges, as MCOPY does), declared at the top of each assembly block using it. Nothing else of the
 * file changes. Transient storage (TLOAD/TSTORE) has no equivalent: a file using it is refused.
 */

/** The replacement's name (any Yul identifier that is not an instruction). */
export const COMPAT_MCOPY = "compatMcopy";

// Its locals are prefixed with its name: Yul may not shadow the enclosing Solidity variables.
const [D, S, N, I] = ["Dst", "Src", "Len", "I"].map((v) => `${COMPAT_MCOPY}${v}`);
const COMPAT_FUNCTION =
  `function ${COMPAT_MCOPY}(${D}, ${S}, ${N}) {` +
  ` switch lt(${S}, ${D})` +
  ` case 0 { for { let ${I} := 0 } lt(${I}, ${N}) { ${I} := add(${I}, 1) } { mstore8(add(${D}, ${I}), byte(0, mload(add(${S}, ${I})))) } }` +
  ` default { for { let ${I} := ${N} } gt(${I}, 0) { ${I} := sub(${I}, 1) } { mstore8(add(${D}, sub(${I}, 1)), byte(0, mload(add(${S}, sub(${I}, 1))))) } }` +
  ` }`;

const MCOPY_CALL = /\bmcopy\s*\(/g;
const TRANSIENT_CALL = /\b(tload|tstore)\s*\(/;

/** The `{`…`}` ranges of the inline assembly blocks of a Solidity source (outermost only). */
export function assemblyBlocks(source: string): { open: number; close: number }[] {
  const blocks: { open: number; close: number }[] = [];
  // `assembly`, an optional ("memory-safe") flag, then the block: not the word in a comment.
  const keyword = /\bassembly\s*(\(\s*"[^"]*"\s*\)\s*)?\{/g;
  let match: RegExpExecArray | null;
  while ((match = keyword.exec(source)) !== null) {
    const open = match.index + match[0].length - 1;
    let depth = 0;
    let close = -1;
    for (let i = open; i < source.length; i++) {
      if (source[i] === "{") depth++;
      else if (source[i] === "}" && --depth === 0) {
        close = i;
        break;
      }
    }
    if (close < 0) throw new Error(`an assembly block at offset ${open} is not closed`);
    blocks.push({ open, close });
    keyword.lastIndex = close;
  }
  return blocks;
}

/**
 * `source` readable by solc for a pre-Cancun target: unchanged when it uses no MCOPY, else every
 * assembly block using it gets the equivalent function. Throws (naming `file`) on transient storage.
 */
export function withoutCancunOpcodes(source: string, file: string): string {
  const blocks = assemblyBlocks(source);
  if (blocks.some((b) => TRANSIENT_CALL.test(source.slice(b.open, b.close))))
    throw new Error(
      `${file} uses transient storage (TLOAD/TSTORE), which only Cancun has: it cannot be built for an older EVM`,
    );
  let out = "";
  let last = 0;
  for (const block of blocks) {
    const body = source.slice(block.open + 1, block.close);
    if (!MCOPY_CALL.test(body)) continue;
    MCOPY_CALL.lastIndex = 0;
    out += source.slice(last, block.open + 1);
    out += ` ${COMPAT_FUNCTION} `;
    out += body.replace(MCOPY_CALL, `${COMPAT_MCOPY}(`);
    last = block.close;
  }
  return out + source.slice(last);
}
