import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { AbiCoder, keccak256 as reference } from "ethers";
import { MemorySponge, ensureMemory, keccak256 } from "./keccak";
import { HEAP_BASE, instantiateKeccak } from "./keccak-wasm";

describe("WebAssembly Keccak-256", () => {
  it("matches the reference on the empty input and around the 136-byte block size", () => {
    expect(keccak256(new Uint8Array(0))).toBe(
      "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
    );
    for (const n of [1, 31, 32, 64, 96, 135, 136, 137, 271, 272, 273, 1000]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      expect(keccak256(data)).toBe(reference(data));
    }
  });

  it("matches the reference on random inputs", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), (data) => {
        expect(keccak256(data)).toBe(reference(data));
      }),
    );
  });

  it("hashes the same when fed in arbitrary pieces", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 1500 }),
        fc.array(fc.nat(400), { maxLength: 8 }),
        (data, cuts) => {
          const k = instantiateKeccak();
          const at = HEAP_BASE + 1024;
          ensureMemory(k, at + data.length);
          new Uint8Array(k.memory.buffer).set(data, at);
          const sponge = new MemorySponge(k, HEAP_BASE);
          let p = 0;
          for (const c of cuts) {
            const len = Math.min(c, data.length - p);
            sponge.update(at + p, len);
            p += len;
          }
          sponge.update(at + p, data.length - p);
          expect(`0x${Buffer.from(sponge.digest()).toString("hex")}`).toBe(reference(data));
        },
      ),
      { numRuns: 50 },
    );
  });

  it("leafHashes computes OpenZeppelin's double-hashed standard leaf", () => {
    const k = instantiateKeccak();
    ensureMemory(k, HEAP_BASE + 96 * 3 + 32 * 3);
    const encoded = [
      [
        "0x00000000000000000000000000000000000a11ce",
        "0x1111111111111111111111111111111111111111",
        5n,
      ],
      [
        "0xffffffffffffffffffffffffffffffffffffffff",
        "0x2222222222222222222222222222222222222222",
        2n ** 256n - 1n,
      ],
      [
        "0x0000000000000000000000000000000000000001",
        "0x0000000000000000000000000000000000000002",
        0n,
      ],
    ].map((v) => AbiCoder.defaultAbiCoder().encode(["address", "address", "uint256"], v));
    const mem = () => new Uint8Array(k.memory.buffer);
    encoded.forEach((e, i) => mem().set(Buffer.from(e.slice(2), "hex"), HEAP_BASE + 96 * i));
    k.leafHashes(HEAP_BASE, 3, HEAP_BASE + 288);
    encoded.forEach((e, i) => {
      const got = Buffer.from(
        mem().slice(HEAP_BASE + 288 + 32 * i, HEAP_BASE + 320 + 32 * i),
      ).toString("hex");
      expect(`0x${got}`).toBe(reference(reference(e)));
    });
  });
});
