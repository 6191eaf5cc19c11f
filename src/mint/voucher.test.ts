import { Wallet } from "ethers";
import { describe, expect, it } from "vitest";
import {
  formatVoucherBatch,
  parseAccountList,
  voucherForAccount,
  VOUCHER_BATCH_KIND,
  formatVoucherFile,
  parseVoucherFile,
  voucherDomain,
  voucherRefusal,
  voucherSigner,
  VOUCHER_KIND,
  VOUCHER_TYPES,
  type VoucherContext,
  type VoucherFile,
} from "./voucher";

const registrar = new Wallet("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const other = new Wallet("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
const MINT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const ALICE = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const BOB = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";

async function sign(
  wallet: Wallet,
  v: Omit<VoucherFile, "signature" | "kind">,
): Promise<VoucherFile> {
  const signature = await wallet.signTypedData(
    voucherDomain(BigInt(v.chainId), v.mint),
    VOUCHER_TYPES,
    { account: v.account, deadline: v.deadline },
  );
  return { kind: VOUCHER_KIND, ...v, signature };
}

const base = { chainId: 31337, mint: MINT, account: ALICE, deadline: 2_000_000_000 };
const ctx: VoucherContext = {
  chainId: 31337n,
  mint: MINT,
  claimer: ALICE,
  now: 1_900_000_000n,
  registrar: registrar.address,
};

describe("voucher files", () => {
  it("round-trip through their text and recover the registrar", async () => {
    const voucher = await sign(registrar, base);
    const text = formatVoucherFile(voucher);
    expect(text.endsWith("}\n")).toBe(true);
    const parsed = parseVoucherFile(text, "v.json");
    expect(parsed).toEqual(voucher);
    expect(voucherSigner(parsed)).toBe(registrar.address);
  });

  it("normalise addresses to their checksum form", async () => {
    const voucher = await sign(registrar, base);
    const lower = JSON.stringify({
      ...voucher,
      account: ALICE.toLowerCase(),
      mint: MINT.toLowerCase(),
    });
    expect(parseVoucherFile(lower, "v.json")).toEqual(voucher);
  });

  it("refuse malformed files with one line naming the file and field", async () => {
    const good = await sign(registrar, base);
    const cases: [string, string][] = [
      ["{", "v.json: not valid JSON"],
      ["[]", "v.json: not a voucher file: expected object"],
      [JSON.stringify({ ...good, kind: "permit" }), "v.json: not a voucher file: kind"],
      [
        JSON.stringify({ ...good, account: "0xabc" }),
        "account: must be a 0x-prefixed 20-byte hex address",
      ],
      [JSON.stringify({ ...good, mint: undefined }), "not a voucher file: mint"],
      [JSON.stringify({ ...good, chainId: 0 }), "chainId"],
      [JSON.stringify({ ...good, deadline: "tomorrow" }), "deadline"],
      [
        JSON.stringify({ ...good, signature: "0x12" }),
        "signature: must be a 0x-prefixed 65-byte hex signature",
      ],
      [JSON.stringify({ ...good, note: "hi" }), "unknown key"],
    ];
    for (const [text, message] of cases) {
      expect(() => parseVoucherFile(text, "v.json")).toThrow(message);
      expect(() => parseVoucherFile(text, "v.json")).toThrow(/^[^\n]+$/);
    }
  });
});

describe("voucherRefusal", () => {
  it("accepts a voucher that the contract will accept, up to its deadline", async () => {
    const voucher = await sign(registrar, base);
    expect(voucherRefusal(voucher, ctx)).toBeUndefined();
    expect(voucherRefusal(voucher, { ...ctx, now: 2_000_000_000n })).toBeUndefined();
  });

  it("names each mismatch", async () => {
    const voucher = await sign(registrar, base);
    expect(voucherRefusal(voucher, { ...ctx, chainId: 1n })).toBe(
      "the voucher is for chain 31337, but this network is chain 1",
    );
    expect(voucherRefusal(voucher, { ...ctx, mint: BOB })).toMatch(
      /is for the mint at 0x5FbDB.*deployed here is 0x15d3/,
    );
    expect(voucherRefusal(voucher, { ...ctx, claimer: BOB })).toBe(
      `the voucher is for ${ALICE}, not for ${BOB}`,
    );
    expect(voucherRefusal(voucher, { ...ctx, now: 2_000_000_001n })).toBe(
      "the voucher expired at 2033-05-18T03:33:20.000Z (deadline 2000000000, chain time 2000000001)",
    );
    const forged = await sign(other, base);
    expect(voucherRefusal(forged, ctx)).toBe(
      `the voucher is signed by ${other.address}, not by the mint's registrar ${registrar.address}`,
    );
  });

  it("catches an edited voucher: the signature then recovers to someone else", async () => {
    const voucher = await sign(registrar, base);
    expect(voucherRefusal({ ...voucher, deadline: voucher.deadline + 1 }, ctx)).toMatch(
      /is signed by 0x/,
    );
    expect(voucherRefusal({ ...voucher, account: BOB }, { ...ctx, claimer: BOB })).toMatch(
      /is signed by 0x/,
    );
  });

  it("reports a signature that recovers nothing", async () => {
    const voucher = await sign(registrar, base);
    expect(voucherRefusal({ ...voucher, signature: `0x${"00".repeat(65)}` }, ctx)).toBe(
      "the voucher's signature is malformed",
    );
  });
});

describe("voucher batches", () => {
  it("reads an allow-list: plain lines or a CSV's first column, header, comments, duplicates", () => {
    const csv = `address,handle\n${ALICE},alice\n\n# a comment\n${BOB.toLowerCase()};bob\n"${ALICE.toLowerCase()}",again\n`;
    expect(parseAccountList(csv, "list.csv")).toEqual([ALICE, BOB]);
    expect(parseAccountList(`${BOB}\r\n${ALICE}`, "list.txt")).toEqual([BOB, ALICE]);
  });

  it("refuses a bad address naming its line, and an empty list", () => {
    expect(() => parseAccountList(`${ALICE}\n0x1234\n`, "list.txt")).toThrow(
      /^list\.txt line 2: '0x1234' is not an address$/,
    );
    const badCase = ALICE.replace("F", "f");
    expect(() => parseAccountList(`${badCase}\n`, "l")).toThrow(/checksum is wrong/);
    expect(() => parseAccountList("# nothing\n\n", "l")).toThrow(/^l: no address in the list$/);
  });

  it("gives each account its own voucher from one batch file, which the mint's rules accept", async () => {
    const alice = await sign(registrar, base);
    const bob = await sign(registrar, { ...base, account: BOB });
    const text = formatVoucherBatch({
      kind: VOUCHER_BATCH_KIND,
      chainId: 31337,
      mint: MINT,
      registrar: registrar.address,
      deadline: base.deadline,
      vouchers: { [BOB.toLowerCase()]: bob.signature, [ALICE.toLowerCase()]: alice.signature },
    });
    // Sorted keys: the same list gives the same bytes.
    const keys = Object.keys((JSON.parse(text) as { vouchers: object }).vouchers);
    expect(keys).toEqual([ALICE.toLowerCase(), BOB.toLowerCase()].sort());
    const fromBatch = voucherForAccount(text, "vouchers.json", BOB.toLowerCase());
    expect(fromBatch).toEqual(bob);
    expect(voucherSigner(fromBatch)).toBe(registrar.address);
    expect(voucherRefusal(fromBatch, { ...ctx, claimer: BOB })).toBeUndefined();
    expect(() => voucherForAccount(text, "vouchers.json", other.address)).toThrow(
      /^vouchers\.json: no voucher for 0x[0-9a-fA-F]{40} in this batch$/,
    );
    // A single voucher file still reads as before.
    expect(voucherForAccount(formatVoucherFile(alice), "a.json", ALICE)).toEqual(alice);
  });

  it("refuses a batch with a malformed key or signature", () => {
    const bad = JSON.stringify({
      kind: VOUCHER_BATCH_KIND,
      chainId: 1,
      mint: MINT,
      registrar: registrar.address,
      deadline: 1,
      vouchers: { [ALICE]: "0x12" },
    });
    expect(() => voucherForAccount(bad, "v.json", ALICE)).toThrow(
      /v\.json: not a voucher batch file/,
    );
  });
});
