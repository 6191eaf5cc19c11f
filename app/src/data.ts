/** The site's static data (data/…): the manifest, an account's shard, leaderboard pages, vouchers. */
import { shardFile, shardOf } from "../../src/site/shard";
import type {
  AccountShard,
  LeaderboardPage,
  SiteAccount,
  SiteManifest,
  SiteVoucher,
  VoucherShard,
} from "../../src/site/types";

async function getJson<T>(url: string): Promise<T | undefined> {
  const res = await fetch(url, { cache: "no-cache" });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export async function loadManifest(): Promise<SiteManifest> {
  const m = await getJson<SiteManifest>("data/season.json");
  if (!m) throw new Error("data/season.json is missing: build the site with site:build");
  return m;
}

const shards = new Map<string, Promise<AccountShard | undefined>>();

/** An account's entry in a closed epoch (one request: its shard), or undefined. */
export async function loadAccount(
  m: SiteManifest,
  epoch: number,
  account: string,
): Promise<SiteAccount | undefined> {
  const e = m.epochs.find((x) => x.epoch === epoch);
  if (!e) return undefined;
  const prefix = shardOf(account, e.shardDigits);
  const url = `data/epochs/${epoch}/accounts/${shardFile(prefix)}`;
  let shard = shards.get(url);
  if (!shard) shards.set(url, (shard = getJson<AccountShard>(url)));
  return (await shard)?.accounts[account.toLowerCase()];
}

export async function loadLeaderboard(
  epoch: number,
  page: number,
): Promise<LeaderboardPage | undefined> {
  return getJson<LeaderboardPage>(`data/epochs/${epoch}/leaderboard/${page}.json`);
}

export async function loadVoucher(
  m: SiteManifest,
  account: string,
): Promise<SiteVoucher | undefined> {
  if (m.voucherDigits === null) return undefined;
  const shard = await getJson<VoucherShard>(
    `data/vouchers/${shardOf(account, m.voucherDigits)}.json`,
  );
  return shard?.vouchers[account.toLowerCase()];
}
