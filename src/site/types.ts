/**
 * The static site's data files (written by `site:build`, read by the participant app in app/):
 *
 *   data/season.json                         SiteManifest: chain, contracts, tiers, riddles, epochs
 *   data/epochs/<n>/accounts/<prefix>.json   AccountShard: every account whose address (lowercase,
 *                                            without 0x) starts with <prefix>
 *   data/epochs/<n>/leaderboard/<page>.json  LeaderboardPage: ranks (page-1)·size+1 … page·size
 *   data/vouchers/<2 hex>.json               VoucherShard: mint vouchers by account
 *
 * One participant's standings and proofs for an epoch are the manifest and one shard: two requests,
 * each at most SHARD_LIMIT bytes (the build refuses to write a larger shard). Amounts are decimal
 * strings of the smallest unit, points decimal strings with up to six fraction digits.
 */

/** A participant's bytes of one epoch are in one file of at most this size. */
export const SHARD_LIMIT = 1024 * 1024;

export interface SiteToken {
  address: string;
  symbol: string;
  decimals: number;
}

export interface SiteTier {
  /** The last ordinal of the tier, or "open" for the last tier. */
  lastOrdinal: string;
  dollars: string;
}

export interface SiteBasketToken extends SiteToken {
  weightBps: number;
  /** Dollars per whole token, 10^8 scale, as the contract stores it. */
  price: string;
}

export interface SiteRiddle {
  id: number;
  key: string;
  question: string;
  /** "fixed" | "multiplier" | "other" */
  kind: string;
  /** The boost in words ("+500 points", "×5/4"). */
  effect: string;
  commitDeadline: number;
  revealDeadline: number;
}

export interface SiteEpoch {
  epoch: number;
  endTime: number;
  root: string;
  dataHash: string;
  participants: number;
  /** Hex digits of the account shards' prefix (0: one shard). */
  shardDigits: number;
  /** Rows per leaderboard page, and the number of pages. */
  pageSize: number;
  pages: number;
  /** Ranked accounts. */
  ranked: number;
  /** Per reward token (lowercase address): this epoch's total allocation. */
  totals: Record<string, string>;
}

export interface SiteManifest {
  version: 1;
  season: string;
  chain: {
    chainId: number;
    name: string;
    /** A public JSON-RPC endpoint for reading (no key), or "" when none is known. */
    rpcUrl: string;
    /** Block explorer base URL ("https://…", no trailing slash) or "". */
    explorer: string;
    nativeSymbol: string;
  };
  contracts: {
    mint: string;
    registry: string;
    riddles: string;
    distributor: string;
  };
  /** The block the season's first contract was deployed in (log queries start there). */
  startBlock: number;
  mint: { mode: "open" | "voucher"; tiers: SiteTier[]; basket: SiteBasketToken[] };
  rewardTokens: SiteToken[];
  /** Epochs of the season file: end times (closed or not). */
  schedule: { epoch: number; endTime: number }[];
  riddles: SiteRiddle[];
  /** Closed epochs, in order. */
  epochs: SiteEpoch[];
  /** Hex digits of the voucher shards' prefix, or null when the site has no vouchers. */
  voucherDigits: number | null;
  builtAt: number;
}

export interface SiteActionLine {
  action: string;
  dapp: string;
  completions: number;
  counted: number;
  cap: number;
  perCompletion: string[];
  points: string;
}

export interface SiteBoostLine {
  boost: string;
  effect: string;
  time: number;
}

export interface SiteReward {
  token: string;
  allocation: string;
  cumulative: string;
  proof: string[];
}

/** One account in one epoch: its row of scores.csv, its score explained, and its leaves. */
export interface SiteAccount {
  rank: number | null;
  score: string;
  actionPoints: string;
  boosted: string;
  dollars: string;
  actions: SiteActionLine[];
  boosts: SiteBoostLine[];
  /** The boosts' combined effect: ×numerator/denominator then +fixed points. */
  effect: { numerator: string; denominator: string; fixed: string };
  mint: { ordinal: number; dollars: string; time: number } | null;
  rewards: SiteReward[];
}

export interface AccountShard {
  epoch: number;
  prefix: string;
  accounts: Record<string, SiteAccount>;
}

export interface LeaderboardPage {
  epoch: number;
  page: number;
  /** [rank, account, score, dollars] */
  rows: [number, string, string, string][];
}

export interface SiteVoucher {
  account: string;
  deadline: number;
  signature: string;
}

export interface VoucherShard {
  prefix: string;
  vouchers: Record<string, SiteVoucher>;
}
