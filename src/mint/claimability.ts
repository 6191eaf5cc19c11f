/**
 * Why a claim would be refused, decided off-chain before sending it (mirrors TieredMint's checks
 * in its order: paused, mode, closed, opening time, already claimed; then the token roles the
 * claim needs).
 */
import type { MintMode } from "./config";

export interface ClaimState {
  readonly mode: MintMode;
  readonly withVoucher: boolean;
  readonly paused: boolean;
  readonly closed: boolean;
  readonly openingTime: bigint;
  /** The earliest timestamp the claim's block can have. */
  readonly now: bigint;
  /** The claimer's ordinal, 0n if it has not claimed. */
  readonly ordinal: bigint;
  /** Symbols of basket tokens on which the mint lacks MINTER_ROLE. */
  readonly tokensWithoutMinterRole: readonly string[];
}

/** The one-line reason the claim would fail, or undefined. */
export function claimRefusal(s: ClaimState): string | undefined {
  if (s.paused) return "the mint is paused";
  if (s.mode === "voucher" && !s.withVoucher) {
    return "the mint requires a voucher from its registrar: pass --voucher <file>";
  }
  if (s.mode === "open" && s.withVoucher) return "the mint is open to all: claim without --voucher";
  if (s.closed) return "the mint is closed";
  if (s.now < s.openingTime) {
    return `the mint opens at ${new Date(Number(s.openingTime) * 1000).toISOString()} (${s.openingTime}; chain time ${s.now})`;
  }
  if (s.ordinal !== 0n) return `this account has already claimed (ordinal ${s.ordinal})`;
  if (s.tokensWithoutMinterRole.length > 0) {
    return `the mint lacks MINTER_ROLE on ${s.tokensWithoutMinterRole.join(", ")}: the token admin must grant it (mint:deploy does)`;
  }
  return undefined;
}
