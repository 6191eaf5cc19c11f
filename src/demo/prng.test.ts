import { describe, expect, it } from "vitest";
import { Prng } from "./prng";

describe("Prng", () => {
  it("gives the same sequence for the same seed and another for another seed", () => {
    const take = (seed: string) => {
      const rng = new Prng(seed);
      return Array.from({ length: 8 }, () => rng.uint32());
    };
    expect(take("demo")).toEqual(take("demo"));
    expect(take("demo")).not.toEqual(take("demo2"));
  });

  it("forks independent, reproducible streams", () => {
    const root = new Prng("s");
    const a = root.fork(1);
    const b = root.fork(2);
    const a2 = new Prng("s").fork(1);
    const seqA = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => a2.uint32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => b.uint32())).not.toEqual(seqA);
  });

  it("draws integers within inclusive bounds, each value reachable", () => {
    const rng = new Prng("ints");
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const x = rng.int(3, 7);
      expect(x).toBeGreaterThanOrEqual(3);
      expect(x).toBeLessThanOrEqual(7);
      seen.add(x);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(() => rng.int(5, 4)).toThrow(/min <= max/);
    expect(() => rng.int(0.5, 4)).toThrow(/integers/);
  });

  it("is roughly uniform (a chi-square bound over 10 buckets)", () => {
    const rng = new Prng("uniform");
    const counts = new Array<number>(10).fill(0);
    const n = 50_000;
    for (let i = 0; i < n; i++) counts[Math.floor(rng.next() * 10)]++;
    const expected = n / 10;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: p = 0.001 at 27.9.
    expect(chi2).toBeLessThan(27.9);
  });

  it("picks by weight, never a zero-weight key, and refuses bad weights", () => {
    const rng = new Prng("weights");
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 10_000; i++) counts[rng.weighted({ a: 3, b: 1, never: 0 })]++;
    expect(counts.never).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.5);
    expect(counts.a / counts.b).toBeLessThan(3.5);
    expect(() => rng.weighted({ a: 0 })).toThrow(/sum to zero/);
    expect(() => rng.weighted({ a: -1, b: 2 })).toThrow(/non-negative/);
    expect(() => rng.pick([])).toThrow(/empty/);
  });

  it("chance(0) is never and chance(1) is always", () => {
    const rng = new Prng("chance");
    for (let i = 0; i < 1_000; i++) {
      expect(rng.chance(0)).toBe(false);
      expect(rng.chance(1)).toBe(true);
    }
  });
});
