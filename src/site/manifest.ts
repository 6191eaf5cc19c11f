/** The pure pieces of data/season.json: tiers, riddles and vouchers in the site's JSON forms. */
import { unitsToPoints } from "../engine/units";
import { decodeBoost } from "../points/riddle";
import { OPEN_TIER, type Tier } from "../mint/tiers";
import type { VoucherFile } from "../mint/voucher";
import { shardOf } from "./shard";
import type { SiteRiddle, SiteTier, SiteVoucher, VoucherShard } from "./types";

export function siteTiers(tiers: readonly Tier[]): SiteTier[] {
  return tiers.map((t) => ({
    lastOrdinal: t.lastOrdinal === OPEN_TIER ? "open" : t.lastOrdinal.toString(),
    dollars: t.dollars.toString(),
  }));
}

/** The tiers back as the contract's (for src/mint's quote and tierIndexOf). */
export function tiersOfSite(tiers: readonly SiteTier[]): Tier[] {
  return tiers.map((t) => ({
    lastOrdinal: t.lastOrdinal === "open" ? OPEN_TIER : BigInt(t.lastOrdinal),
    dollars: BigInt(t.dollars),
  }));
}

/** A RiddlePublished event's public part (the answer commitment stays on chain). */
export function siteRiddle(e: {
  riddle: bigint | number;
  key: string;
  kind: bigint | number;
  params: string;
  commitDeadline: bigint | number;
  revealDeadline: bigint | number;
  question: string;
}): SiteRiddle {
  const boost = decodeBoost(e.kind, e.params);
  return {
    id: Number(e.riddle),
    key: e.key,
    question: e.question,
    kind: boost.kind,
    effect:
      boost.kind === "fixed"
        ? `+${unitsToPoints(boost.units).replace(/\.?0+$/, "")} points`
        : boost.kind === "multiplier"
          ? `×${boost.numerator}/${boost.denominator}`
          : "set by the season's rules",
    commitDeadline: Number(e.commitDeadline),
    revealDeadline: Number(e.revealDeadline),
  };
}

/** Vouchers of one mint and chain, sharded by `digits` hex digits of the account; others refused. */
export function voucherShards(
  vouchers: readonly VoucherFile[],
  chainId: number,
  mint: string,
  digits = 2,
): VoucherShard[] {
  const shards = new Map<string, Record<string, SiteVoucher>>();
  for (const v of vouchers) {
    if (v.chainId !== chainId || v.mint.toLowerCase() !== mint.toLowerCase())
      throw new Error(
        `the voucher of ${v.account} is for the mint ${v.mint} on chain ${v.chainId}, not ${mint} on chain ${chainId}`,
      );
    const prefix = shardOf(v.account, digits);
    const shard = shards.get(prefix) ?? {};
    shard[v.account.toLowerCase()] = {
      account: v.account,
      deadline: v.deadline,
      signature: v.signature,
    };
    shards.set(prefix, shard);
  }
  return [...shards.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([prefix, vouchers]) => ({ prefix, vouchers }));
}
