/**
 * What the participant page derives from the site's data and the chain's state, pure: each closed
 * epoch's state on the distributor, the rewards per token, and the tier of the next join.
 */
import { tierIndexOf, type Tier } from "../mint/tiers";
import type { SiteAccount, SiteEpoch } from "./types";

/** The distributor's roots as its views return them. */
export interface DistributorState {
  /** The accepted epoch (0: none) and its root. */
  epoch: number;
  root: string;
  /** The pending root, when there is one. */
  pending?: { epoch: number; root: string; validAt: number };
  /** Unix seconds after which nothing can be claimed (0: none). */
  claimDeadline: number;
}

export type EpochState =
  | { state: "claimable"; epoch: number }
  | { state: "included"; epoch: number; in: number }
  | { state: "pending"; epoch: number; validAt: number; secondsLeft: number }
  | { state: "unpublished"; epoch: number }
  | { state: "mismatch"; epoch: number; root: string };

/**
 * Where epoch `e` stands: claimable (its root is the accepted one), included in a later accepted
 * epoch (amounts are cumulative), pending until validAt, not yet published, or on chain with a
 * root other than the site's (the site is stale or the epoch was re-closed).
 */
export function epochState(e: SiteEpoch, chain: DistributorState, now: number): EpochState {
  const { epoch } = e;
  if (chain.epoch === epoch)
    return chain.root.toLowerCase() === e.root.toLowerCase()
      ? { state: "claimable", epoch }
      : { state: "mismatch", epoch, root: chain.root };
  if (chain.pending && chain.pending.epoch === epoch) {
    if (chain.pending.root.toLowerCase() !== e.root.toLowerCase())
      return { state: "mismatch", epoch, root: chain.pending.root };
    return {
      state: "pending",
      epoch,
      validAt: chain.pending.validAt,
      secondsLeft: Math.max(0, chain.pending.validAt - now),
    };
  }
  if (chain.epoch > epoch) return { state: "included", epoch, in: chain.epoch };
  return { state: "unpublished", epoch };
}

export interface TokenRewards {
  token: string;
  /** Cumulative entitlement in the latest closed epoch of the site. */
  cumulative: bigint;
  /** Cumulative entitlement under the accepted root (what can be claimed up to). */
  acceptedCumulative: bigint;
  claimed: bigint;
  /** acceptedCumulative − claimed, at least 0. */
  claimable: bigint;
  /** cumulative − max(acceptedCumulative, claimed): waiting for a root to be accepted. */
  waiting: bigint;
}

/** Per reward token, from the latest closed epoch's entry, the accepted epoch's and the chain. */
export function tokenRewards(
  tokens: readonly string[],
  latest: SiteAccount | undefined,
  accepted: SiteAccount | undefined,
  claimedOf: (token: string) => bigint,
): TokenRewards[] {
  const of = (a: SiteAccount | undefined, token: string) =>
    BigInt(a?.rewards.find((r) => r.token === token.toLowerCase())?.cumulative ?? "0");
  return tokens.map((token) => {
    const cumulative = of(latest, token);
    const acceptedCumulative = of(accepted, token);
    const claimed = claimedOf(token);
    const claimable = acceptedCumulative > claimed ? acceptedCumulative - claimed : 0n;
    const floor = acceptedCumulative > claimed ? acceptedCumulative : claimed;
    return {
      token: token.toLowerCase(),
      cumulative,
      acceptedCumulative,
      claimed,
      claimable,
      waiting: cumulative > floor ? cumulative - floor : 0n,
    };
  });
}

/** The tier index (from 0) and dollars the next join gets, after `claimCount` joins. */
export function nextJoin(
  claimCount: bigint,
  tiers: readonly Tier[],
): { ordinal: bigint; tier: number; dollars: bigint } {
  const ordinal = claimCount + 1n;
  const tier = tierIndexOf(ordinal, tiers);
  return { ordinal, tier, dollars: tiers[tier].dollars };
}

/** "2 d 3 h", "5 min 2 s": a countdown in words. */
export function countdown(seconds: number): string {
  if (seconds <= 0) return "now";
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  const s = Math.floor(seconds % 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s} s`;
  return `${s} s`;
}
