/**
 * The mint's status as `mint:status` shows it: a plain snapshot read from the chain, rendered as
 * tables for people or as JSON for machines.
 */
import { formatUnits } from "ethers";
import { BPS } from "./basket";
import type { MintMode } from "./config";
import { formatTable } from "../format/table";
import { groupDigits } from "../format/number";
import { toJson } from "../json-file";
import { formatDollars, formatOrdinalRange, formatUsd } from "./format";
import { firstOrdinalOf, tierIndexOf, type Tier } from "./tiers";

export interface BasketTokenStatus {
  readonly symbol: string;
  readonly address: string;
  readonly decimals: number;
  readonly weightBps: number;
  readonly price: bigint;
  /** Whether the mint holds MINTER_ROLE on the token (claims fail without it). */
  readonly minterRole: boolean;
}

export interface AccountStatus {
  readonly address: string;
  /** 0n when the account has not claimed. */
  readonly ordinal: bigint;
  readonly dollars: bigint;
  /** Balances of the basket tokens, in basket order. */
  readonly balances: readonly bigint[];
}

export interface MintStatus {
  readonly network: string;
  readonly chainId: bigint;
  readonly mint: string;
  readonly mode: MintMode;
  readonly registrar: string;
  readonly openingTime: bigint;
  /** The latest block's timestamp. */
  readonly chainTime: bigint;
  readonly paused: boolean;
  readonly closed: boolean;
  readonly claimCount: bigint;
  readonly tiers: readonly Tier[];
  readonly basket: readonly BasketTokenStatus[];
  readonly account?: AccountStatus;
}

/** One word for whether claims are accepted now. */
export function mintState(s: MintStatus): "closed" | "paused" | "not yet open" | "open" {
  if (s.closed) return "closed";
  if (s.paused) return "paused";
  return s.chainTime < s.openingTime ? "not yet open" : "open";
}

/** How many of the first `claimCount` ordinals fall in tier `index`. */
export function claimsInTier(index: number, tiers: readonly Tier[], claimCount: bigint): bigint {
  const first = firstOrdinalOf(index, tiers);
  const last = claimCount < tiers[index].lastOrdinal ? claimCount : tiers[index].lastOrdinal;
  return last >= first ? last - first + 1n : 0n;
}

function percent(bps: number): string {
  return `${(bps / Number(BPS / 100n)).toFixed(2)}%`;
}

function isoTime(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toISOString();
}

/** The status as text (tiers numbered from 1, as people count): a header, the tier table, the basket, and the account's claim. */
export function renderStatus(s: MintStatus): string {
  const next = s.claimCount + 1n;
  const nextTier = tierIndexOf(next, s.tiers);
  const lines = [
    `TieredMint ${s.mint} on '${s.network}' (chain ${s.chainId})`,
    `state: ${mintState(s)} · mode: ${s.mode}${s.mode === "voucher" ? ` (registrar ${s.registrar})` : ""}`,
    `opening time: ${isoTime(s.openingTime)} (${s.openingTime}) · chain time: ${isoTime(s.chainTime)}`,
    `claims so far: ${groupDigits(s.claimCount)} · next ordinal: ${groupDigits(next)} (tier ${nextTier + 1}, ${formatDollars(s.tiers[nextTier].dollars)})`,
    "",
    formatTable(
      ["tier", "ordinals", "dollars", "claimed"],
      s.tiers.map((t, i) => [
        String(i + 1),
        formatOrdinalRange(i, s.tiers),
        formatDollars(t.dollars),
        groupDigits(claimsInTier(i, s.tiers, s.claimCount)),
      ]),
      [true, false, true, true],
    ),
    "",
    formatTable(
      ["token", "address", "decimals", "weight", "price", "minter role"],
      s.basket.map((t) => [
        t.symbol,
        t.address,
        String(t.decimals),
        percent(t.weightBps),
        formatUsd(t.price),
        t.minterRole ? "yes" : "MISSING",
      ]),
      [false, false, true, true, true, false],
    ),
  ];
  if (s.account) {
    const a = s.account;
    lines.push(
      "",
      a.ordinal === 0n
        ? `account ${a.address}: has not claimed`
        : `account ${a.address}: ordinal ${groupDigits(a.ordinal)}, tier ${tierIndexOf(a.ordinal, s.tiers) + 1}, ${formatDollars(a.dollars)}`,
      formatTable(
        ["token", "balance"],
        s.basket.map((t, i) => [t.symbol, formatUnits(a.balances[i], t.decimals)]),
        [false, false],
      ),
    );
  }
  return lines.join("\n");
}

/** The status as JSON text (bigints as decimal strings), stable key order. */
export function statusToJson(s: MintStatus): string {
  return toJson({ ...s, state: mintState(s) });
}
