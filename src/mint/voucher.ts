/**
 * Mint vouchers (voucher mode): the EIP-712 message a registrar signs for one account, and the
 * JSON file that carries it from the registrar to the participant (`mint:voucher` writes it,
 * `mint:claim --voucher` reads it).
 *
 * File format (all fields required, nothing else allowed):
 *   { "kind": "tiered-mint-voucher", "chainId": 31337, "mint": "0x…", "account": "0x…",
 *     "deadline": 1767225600, "signature": "0x…(65 bytes)" }
 * The signature covers account and deadline under the domain {name "TieredMint", version "1",
 * chainId, verifyingContract = mint}, so the file is bound to one account, chain and contract.
 */
import { getAddress, isAddress, verifyTypedData, type TypedDataDomain } from "ethers";
import { z } from "zod";
import { parseJson, validateJson } from "../json-file";

/** The voucher's EIP-712 type, as in TieredMint's VOUCHER_TYPEHASH. */
export const VOUCHER_TYPES = {
  Voucher: [
    { name: "account", type: "address" },
    { name: "deadline", type: "uint256" },
  ],
};

/** The EIP-712 domain of the TieredMint at `mint` on chain `chainId`. */
export function voucherDomain(chainId: bigint, mint: string): TypedDataDomain {
  return { name: "TieredMint", version: "1", chainId, verifyingContract: mint };
}

export const VOUCHER_KIND = "tiered-mint-voucher";

const address = z
  .string()
  .refine(isAddress, "must be a 0x-prefixed 20-byte hex address")
  .transform((a) => getAddress(a));

export const voucherFileSchema = z
  .object({
    kind: z.literal(VOUCHER_KIND),
    chainId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    mint: address,
    account: address,
    deadline: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    signature: z
      .string()
      .regex(/^0x[0-9a-fA-F]{130}$/, "must be a 0x-prefixed 65-byte hex signature"),
  })
  .strict();

export type VoucherFile = z.output<typeof voucherFileSchema>;

/** Parses a voucher file's text, throwing one line naming `source` and the faulty field. */
export function parseVoucherFile(text: string, source: string): VoucherFile {
  return validateJson(parseJson(text, source), voucherFileSchema, `${source}: not a voucher file`);
}

/** The file's text: stable key order, one trailing newline. */
export function formatVoucherFile(voucher: VoucherFile): string {
  const { kind, chainId, mint, account, deadline, signature } = voucher;
  return `${JSON.stringify({ kind, chainId, mint, account, deadline, signature }, null, 2)}\n`;
}

/** The address that signed the voucher (whoever it is); throws on a malformed signature. */
export function voucherSigner(voucher: VoucherFile): string {
  return verifyTypedData(
    voucherDomain(BigInt(voucher.chainId), voucher.mint),
    VOUCHER_TYPES,
    { account: voucher.account, deadline: voucher.deadline },
    voucher.signature,
  );
}

/** What a claim with the voucher will meet on chain. */
export interface VoucherContext {
  readonly chainId: bigint;
  readonly mint: string;
  readonly claimer: string;
  /** The earliest timestamp the claim's block can have. */
  readonly now: bigint;
  readonly registrar: string;
}

/**
 * Why the contract would refuse a claim with `voucher` in `ctx` (one line), or undefined. Checks
 * what the file says before the signature, so the message names the real mismatch.
 */
export function voucherRefusal(voucher: VoucherFile, ctx: VoucherContext): string | undefined {
  if (BigInt(voucher.chainId) !== ctx.chainId) {
    return `the voucher is for chain ${voucher.chainId}, but this network is chain ${ctx.chainId}`;
  }
  if (getAddress(voucher.mint) !== getAddress(ctx.mint)) {
    return `the voucher is for the mint at ${voucher.mint}, but the mint deployed here is ${ctx.mint}`;
  }
  if (getAddress(voucher.account) !== getAddress(ctx.claimer)) {
    return `the voucher is for ${voucher.account}, not for ${ctx.claimer}`;
  }
  if (BigInt(voucher.deadline) < ctx.now) {
    return `the voucher expired at ${new Date(voucher.deadline * 1000).toISOString()} (deadline ${voucher.deadline}, chain time ${ctx.now})`;
  }
  let signer: string;
  try {
    signer = voucherSigner(voucher);
  } catch {
    return "the voucher's signature is malformed";
  }
  if (signer !== getAddress(ctx.registrar)) {
    return `the voucher is signed by ${signer}, not by the mint's registrar ${ctx.registrar}`;
  }
  return undefined;
}

/*
 * Batch vouchers: one file for a whole allow-list, written by `mint:voucher --accounts`. The
 * vouchers share the chain, the mint, the registrar and the deadline; each entry is the signature
 * of one account's voucher, keyed by the account's lowercase address, so that a static claim page
 * finds a participant's voucher with one lookup (`file.vouchers[address.toLowerCase()]`):
 *   { "kind": "tiered-mint-vouchers", "chainId": 31337, "mint": "0x…", "registrar": "0x…",
 *     "deadline": 1767225600, "vouchers": { "0xabc…": "0x…(65 bytes)", … } }
 * Keys are sorted, so the same list signed by the same key gives the same bytes.
 */

export const VOUCHER_BATCH_KIND = "tiered-mint-vouchers";

const signature = z
  .string()
  .regex(/^0x[0-9a-fA-F]{130}$/, "must be a 0x-prefixed 65-byte hex signature");

export const voucherBatchSchema = z
  .object({
    kind: z.literal(VOUCHER_BATCH_KIND),
    chainId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    mint: address,
    registrar: address,
    deadline: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    vouchers: z.record(
      z.string().regex(/^0x[0-9a-f]{40}$/, "keys must be lowercase 0x-prefixed addresses"),
      signature,
    ),
  })
  .strict();

export type VoucherBatch = z.output<typeof voucherBatchSchema>;

/** The batch file's text: stable key order, accounts sorted, one trailing newline. */
export function formatVoucherBatch(batch: VoucherBatch): string {
  const { kind, chainId, mint, registrar, deadline } = batch;
  const vouchers = Object.fromEntries(
    Object.entries(batch.vouchers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return `${JSON.stringify({ kind, chainId, mint, registrar, deadline, vouchers }, null, 2)}\n`;
}

/** One account's voucher from a batch, or undefined when the batch has none for it. */
export function voucherFromBatch(batch: VoucherBatch, account: string): VoucherFile | undefined {
  const sig = batch.vouchers[account.toLowerCase()];
  if (sig === undefined) return undefined;
  return {
    kind: VOUCHER_KIND,
    chainId: batch.chainId,
    mint: batch.mint,
    account: getAddress(account),
    deadline: batch.deadline,
    signature: sig,
  };
}

/**
 * The voucher of `account` in a voucher file's text, which holds one voucher or a batch; throws
 * one line naming `source` when the text is neither, or a batch without `account`.
 */
export function voucherForAccount(text: string, source: string, account: string): VoucherFile {
  const json = parseJson(text, source);
  const kind = (json as { kind?: unknown } | null)?.kind;
  if (kind !== VOUCHER_BATCH_KIND) return parseVoucherFile(text, source);
  const batch = validateJson(json, voucherBatchSchema, `${source}: not a voucher batch file`);
  const voucher = voucherFromBatch(batch, account);
  if (!voucher) throw new Error(`${source}: no voucher for ${getAddress(account)} in this batch`);
  return voucher;
}

/**
 * The addresses of an allow-list: a file's text with one address a line, or a CSV whose first
 * column is the address (other columns ignored). Blank lines and `#` comments are skipped, and so
 * is a first line whose first column is not an address (a header). Duplicates (in any letter case)
 * are dropped. Throws one line naming `source` and the line of the first bad address.
 */
export function parseAccountList(text: string, source: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let first = true;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/#.*$/, "").trim();
    if (line === "") continue;
    const cell = line
      .split(/[,;\t]/)[0]
      .trim()
      .replace(/^"(.*)"$/, "$1");
    const text: string = cell;
    const header = first && !/^0x/i.test(cell);
    first = false;
    if (header) continue;
    if (!isAddress(cell)) {
      const why = isAddress(text.toLowerCase()) ? " (its mixed-case checksum is wrong)" : "";
      throw new Error(`${source} line ${i + 1}: '${cell}' is not an address${why}`);
    }
    const key = cell.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(getAddress(cell));
  }
  if (out.length === 0) throw new Error(`${source}: no address in the list`);
  return out;
}
