/**
 * Per-account amounts (points in units, token amounts) stored without one heap object per value:
 * a million BigInts in a JavaScript array are a million objects the garbage collector must trace
 * (and every update of an old array with a new BigInt is remembered work for it), whereas a
 * BigUint64Array holds the values inline. The column is chosen from an upper bound known before
 * any value is stored: 64 bits, 128 bits (two 64-bit halves), or plain bigint[] beyond that.
 * Values are exact in every case; only the storage differs.
 */

export interface UnitColumn {
  readonly length: number;
  get(i: number): bigint;
  set(i: number, value: bigint): void;
  add(i: number, value: bigint): void;
}

const MASK64 = (1n << 64n) - 1n;

class U64Column implements UnitColumn {
  private readonly values: BigUint64Array;
  constructor(readonly length: number) {
    this.values = new BigUint64Array(length);
  }
  get(i: number): bigint {
    return this.values[i];
  }
  set(i: number, value: bigint): void {
    if (value < 0n || value > MASK64) throw new Error(`column: ${value} out of range`);
    this.values[i] = value;
  }
  add(i: number, value: bigint): void {
    this.set(i, this.values[i] + value);
  }
}

class U128Column implements UnitColumn {
  private readonly lo: BigUint64Array;
  private readonly hi: BigUint64Array;
  constructor(readonly length: number) {
    this.lo = new BigUint64Array(length);
    this.hi = new BigUint64Array(length);
  }
  get(i: number): bigint {
    const hi = this.hi[i];
    return hi === 0n ? this.lo[i] : (hi << 64n) | this.lo[i];
  }
  set(i: number, value: bigint): void {
    if (value < 0n || value >> 128n !== 0n) throw new Error(`column: ${value} out of range`);
    this.lo[i] = value & MASK64;
    this.hi[i] = value >> 64n;
  }
  add(i: number, value: bigint): void {
    this.set(i, this.get(i) + value);
  }
}

class BigColumn implements UnitColumn {
  private readonly values: bigint[];
  constructor(readonly length: number) {
    this.values = new Array<bigint>(length).fill(0n);
  }
  get(i: number): bigint {
    return this.values[i];
  }
  set(i: number, value: bigint): void {
    this.values[i] = value;
  }
  add(i: number, value: bigint): void {
    this.values[i] += value;
  }
}

/** A zero-filled column of `length` values, each known to be within [0, bound]. */
export function unitColumn(length: number, bound: bigint): UnitColumn {
  if (bound <= MASK64) return new U64Column(length);
  if (bound >> 128n === 0n) return new U128Column(length);
  return new BigColumn(length);
}

/** A column from values (tests, small inputs). */
export function columnOf(values: readonly bigint[]): UnitColumn {
  const bound = values.reduce((m, v) => (v > m ? v : m), 0n);
  const c = unitColumn(values.length, bound);
  values.forEach((v, i) => c.set(i, v));
  return c;
}
