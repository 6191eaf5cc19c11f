/**
 * A small seeded pseudo-random generator for the demo's simulation: sfc32 (Chris Doty-Humphrey's
 * Small Fast Counting generator, 128-bit state, passes PractRand) seeded by cyrb128 of a text
 * seed. The same seed gives the same sequence on every machine and Node version; `fork(label)`
 * derives an independent stream, so one participant's plan does not shift another's.
 *
 * Not for secrets: salts and keys derived from it are as guessable as the seed.
 */

/** cyrb128: four 32-bit words from a string (a fast, well-mixed non-cryptographic hash). */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(seed);
    // Discard the first outputs: sfc32's state mixes in a few rounds.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** The next 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
      throw new Error(`int(${min}, ${max}): bounds must be integers with min <= max`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick: the list is empty");
    return items[Math.floor(this.next() * items.length)];
  }

  /** One key of `weights` with probability proportional to its (non-negative) weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => {
      if (!(w >= 0)) throw new Error(`weighted: weight ${w} is not a non-negative number`);
      return sum + w;
    }, 0);
    if (total <= 0) throw new Error("weighted: the weights sum to zero");
    let x = this.next() * total;
    for (const [key, w] of entries) {
      if (x < w) return key;
      x -= w;
    }
    return entries.filter(([, w]) => w > 0).at(-1)![0];
  }

  /** An independent stream for `label` (same seed and label: same stream). */
  fork(label: string | number): Prng {
    return new Prng(`${this.seed}/${label}`);
  }
}
