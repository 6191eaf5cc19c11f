import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { WordTable } from "./word-table";

describe("word table", () => {
  it("numbers distinct keys, one at a time or in batches, and survives growth", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(30), fc.nat(3)), { maxLength: 400 }),
        fc.nat(50),
        (keys, cut) => {
          const one = new WordTable(2, 4);
          const many = new WordTable(2, 4);
          const src = Uint32Array.from(keys.flat());
          const ids = keys.map((_, i) => one.add(src, 2 * i));
          const out = new Uint32Array(keys.length);
          const first = Math.min(cut, keys.length);
          many.addMany(src, first, out);
          many.addMany(src.subarray(2 * first), keys.length - first, out.subarray(first));
          // the same keys get the same id within a table, different keys different ids
          for (let i = 0; i < keys.length; i++) {
            for (let j = 0; j < keys.length; j++) {
              const same = keys[i][0] === keys[j][0] && keys[i][1] === keys[j][1];
              expect(ids[i] === ids[j]).toBe(same);
              expect(out[i] === out[j]).toBe(same);
            }
          }
          expect(many.size).toBe(one.size);
          for (let i = 0; i < keys.length; i++) {
            expect([...one.keys.subarray(2 * ids[i], 2 * ids[i] + 2)]).toEqual(keys[i]);
            expect([...many.keys.subarray(2 * out[i], 2 * out[i] + 2)]).toEqual(keys[i]);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("tells whether the last add inserted", () => {
    const t = new WordTable(1);
    t.add(Uint32Array.of(7), 0);
    expect(t.inserted).toBe(true);
    t.add(Uint32Array.of(7), 0);
    expect(t.inserted).toBe(false);
  });
});
