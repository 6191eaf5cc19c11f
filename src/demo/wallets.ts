/**
 * The demo's participant keys and riddle salts, derived from the seed: the same seed gives the
 * same wallets (and addresses, roots and report) on every run. Test keys only: anyone who knows
 * the seed knows the keys.
 */
import { keccak256, toUtf8Bytes } from "ethers";

/** The order of secp256k1's group: a private key must be in [1, n − 1]. */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

function derive(label: string): string {
  // Re-hash on the (astronomically unlikely) out-of-range value, so every index has a key.
  for (let attempt = 0; ; attempt++) {
    const candidate = keccak256(toUtf8Bytes(attempt === 0 ? label : `${label}#${attempt}`));
    const k = BigInt(candidate);
    if (k > 0n && k < SECP256K1_N) return candidate;
  }
}

/** The private key (0x-hex) of participant `index` for `seed`. */
export function participantKey(seed: string, index: number): string {
  if (!Number.isSafeInteger(index) || index < 0)
    throw new Error(`participant index ${index} is not a non-negative integer`);
  return derive(`community-testing-season/demo/${seed}/participant/${index}`);
}

/** The 32-byte salt participant `index` commits its answer to riddle `key` with. */
export function riddleSalt(seed: string, index: number, key: string): string {
  return keccak256(toUtf8Bytes(`community-testing-season/demo/${seed}/salt/${index}/${key}`));
}
