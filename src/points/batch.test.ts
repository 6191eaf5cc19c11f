import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { getAddress, solidityPacked } from "ethers";
import { chunk, packRecords, unpackRecords, type PointsRecord } from "./batch";

const A = getAddress("0x" + "11".repeat(20));
const B = getAddress("0x" + "a2".repeat(20));
const REF1 = `0x${"01".repeat(32)}`;
const REF2 = `0x${"fe".repeat(32)}`;

describe("packRecords", () => {
  it("lays out account, big-endian uint32 action and ref, 56 bytes per record", () => {
    const packed = packRecords([
      { account: A, action: 1, ref: REF1 },
      { account: B, action: 0x01020304, ref: REF2 },
    ]);
    expect(packed).toBe(
      solidityPacked(
        ["address", "uint32", "bytes32", "address", "uint32", "bytes32"],
        [A, 1, REF1, B, 0x01020304, REF2],
      ),
    );
    expect((packed.length - 2) / 2).toBe(112);
  });

  it("refuses an empty batch and names the first bad record and field", () => {
    expect(() => packRecords([])).toThrow(/at least one record/);
    const good = { account: A, action: 1, ref: REF1 };
    expect(() => packRecords([good, { ...good, account: "0x1234" }])).toThrow(
      /record 1: account '0x1234'/,
    );
    expect(() => packRecords([{ ...good, account: `0x${"0".repeat(40)}` }])).toThrow(
      /record 0: account/,
    );
    expect(() => packRecords([{ ...good, action: 0 }])).toThrow(/record 0: action 0/);
    expect(() => packRecords([{ ...good, action: 2 ** 32 }])).toThrow(/action 4294967296/);
    expect(() => packRecords([{ ...good, action: 1.5 }])).toThrow(/action 1.5/);
    expect(() => packRecords([{ ...good, ref: `0x${"0".repeat(64)}` }])).toThrow(/record 0: ref/);
    expect(() => packRecords([{ ...good, ref: "0xabcd" }])).toThrow(/ref '0xabcd'/);
  });
});

describe("unpackRecords", () => {
  it("refuses what is not a whole number of records", () => {
    expect(() => unpackRecords("0x")).toThrow(/non-empty multiple of 56 bytes, got 0/);
    expect(() => unpackRecords(`0x${"00".repeat(57)}`)).toThrow(/got 57/);
    expect(() => unpackRecords("0xzz")).toThrow(/hex bytes/);
  });

  it("inverts packRecords", () => {
    const record = fc.record({
      account: fc
        .uint8Array({ minLength: 20, maxLength: 20 })
        .filter((b) => b.some((x) => x !== 0)),
      action: fc.integer({ min: 1, max: 0xffffffff }),
      ref: fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((b) => b.some((x) => x !== 0)),
    });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 20 }), (raw) => {
        const records: PointsRecord[] = raw.map((r) => ({
          account: getAddress(`0x${Buffer.from(r.account).toString("hex")}`),
          action: r.action,
          ref: `0x${Buffer.from(r.ref).toString("hex")}`,
        }));
        expect(unpackRecords(packRecords(records))).toEqual(records);
      }),
    );
  });
});

describe("chunk", () => {
  it("splits in order with a shorter last chunk", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(/chunk size 0/);
  });
});
