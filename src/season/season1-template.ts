/**
 * A ready season file for Season 1: the default catalog (SPEC §2), the proposal's tier table and
 * basket, one reward token, weekly (or any length) epochs from a start time, and relay rules: for
 * the local Netswap stand-in with `dapps: "mocks"`, only the given real dApps' with "none". `season:init` writes it; the demo and the end-to-end
 * tests start from it.
 */
import { SEASON1_CATALOG } from "../points/catalog";
import { formatPoints } from "../engine/units";
import { mintConfigToJson, type MintConfigJson } from "../mint/config";
import { SEASON1_MINT_CONFIG, SEASON1_TIERS } from "../mint/season1";
import { OPEN_TIER } from "../mint/tiers";

export const NETSWAP_SWAP_EVENT =
  "Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)";
export const NETSWAP_MINT_EVENT = "Mint(address indexed sender, uint256 amount0, uint256 amount1)";

/** The reward token of the template's pools. */
export const REWARD_TOKEN = {
  symbol: "tREWARD",
  name: "Testnet Season Reward",
  decimals: 18,
} as const;

export interface Season1Options {
  /** Unix seconds the season starts (epoch 1 ends one epoch length later). */
  start: number;
  /** Seconds per epoch (default: a week). */
  epochSeconds?: number;
  /** Number of epochs (default 4). */
  epochs?: number;
  /** Each epoch's pool of the reward token, in whole tokens (default 100,000). */
  poolPerEpoch?: bigint;
  /** Seconds between publishing a root and accepting it (default 1 day). */
  timelock?: number;
  /** Deploy the local dApp stand-ins ("mocks", default) or not ("none"). */
  dapps?: "mocks" | "none";
  /** Replaces the proposal's tier table (e.g. compact caps so a small demo reaches every tier). */
  tiers?: MintConfigJson["tiers"];
  /** The auditor's address. */
  guardian?: string;
  /** Accounts whose events are not the season's (the operators' own wallets). */
  exclude?: readonly string[];
  /**
   * Relay rules of real dApps (with `dapps: "none"`; default none). With "mocks" the rules relay
   * the local Netswap stand-in, whatever this says.
   */
  relay?: readonly Record<string, string>[];
  /** Reporter accounts by dApp name (e.g. the relayer of the relayed dApps). */
  reporters?: Readonly<Record<string, readonly string[]>>;
  /** Reward curve (default rank-linear). */
  curve?: "rank-linear" | "score";
  /**
   * How the mint admits claims (default "voucher": a season with reward pools needs sign-up
   * checks). "open" is an explicit choice: contracts are refused, many EOAs are not.
   */
  mintMode?: "open" | "voucher";
  /** The voucher signer (required in voucher mode). */
  registrar?: string;
}

/** The riddles of the template: one of each boost kind the engine scores. */
export const SEASON1_BOOSTS = {
  "riddle-01": { kind: "fixed", points: "500" },
  "riddle-02": { kind: "multiplier", numerator: 5, denominator: 4 },
  "riddle-03": { kind: "fixed", points: "250" },
  "riddle-04": { kind: "multiplier", numerator: 5, denominator: 4 },
} as const;

/** The season file's `actions` for the default Season 1 catalog (SPEC §2). */
export function season1Actions(): Record<
  string,
  { dapp: string; points: string; maxRepeats: number }
> {
  return Object.fromEntries(
    SEASON1_CATALOG.map((a) => [
      a.key,
      { dapp: a.dapp, points: formatPoints(a.basePoints), maxRepeats: a.maxRepeats },
    ]),
  );
}

/** A Season 1 season file (JSON-ready object). */
export function season1SeasonFile(options: Season1Options): Record<string, unknown> {
  const epochSeconds = options.epochSeconds ?? 7 * 86_400;
  const epochs = options.epochs ?? 4;
  const pool = (options.poolPerEpoch ?? 100_000n) * 10n ** BigInt(REWARD_TOKEN.decimals);
  const mintMode = options.mintMode ?? "voucher";
  if (mintMode === "voucher" && options.registrar === undefined) {
    throw new Error("voucher mode needs a registrar (the address that signs vouchers)");
  }
  const mint = mintConfigToJson(
    mintMode === "voucher"
      ? { ...SEASON1_MINT_CONFIG, mode: "voucher", registrar: options.registrar }
      : { ...SEASON1_MINT_CONFIG, mode: "open" },
  );
  const lastEnd = options.start + epochs * epochSeconds;
  return {
    name: "Season 1",
    actions: season1Actions(),
    boosts: SEASON1_BOOSTS,
    rewards: {
      curve: options.curve ?? "rank-linear",
      epochs: Array.from({ length: epochs }, (_, i) => ({
        epoch: i + 1,
        endTime: options.start + (i + 1) * epochSeconds,
        pools: { [REWARD_TOKEN.symbol]: pool.toString() },
      })),
    },
    chain: {
      mint: options.tiers ? { ...mint, tiers: options.tiers } : mint,
      tokens: [REWARD_TOKEN],
      distributor: {
        timelock: options.timelock ?? 86_400,
        // Claims stay open for 90 days after the last epoch.
        claimDeadline: lastEnd + 90 * 86_400,
        ...(options.guardian ? { guardian: options.guardian } : {}),
      },
      dapps: options.dapps ?? "mocks",
      reporters: Object.fromEntries(
        Object.entries(options.reporters ?? {}).map(([dapp, list]) => [dapp, [...list]]),
      ),
      exclude: [...(options.exclude ?? [])],
      // A chain without mocks relays only the real dApps it is given (none by default).
      relay:
        (options.dapps ?? "mocks") === "none"
          ? [...(options.relay ?? [])].map((r) => ({ ...r }))
          : [
              {
                contract: "MockNetswapPair",
                event: NETSWAP_SWAP_EVENT,
                account: "to",
                action: "netswap.swap",
              },
              {
                contract: "MockNetswapPair",
                event: NETSWAP_MINT_EVENT,
                account: "sender",
                action: "netswap.add-liquidity",
              },
            ],
      confirmations: 0,
    },
  };
}

/**
 * The proposal's tier table as season-file JSON with every capped tier's last ordinal divided by
 * `divisor` (integer division): compact caps so a small season reaches every tier. The open tier
 * stays open; the caller checks the caps did not collapse.
 */
export function season1Tiers(divisor: bigint): { lastOrdinal: string; dollars: string }[] {
  return SEASON1_TIERS.map((t) => ({
    lastOrdinal: t.lastOrdinal === OPEN_TIER ? "open" : String(t.lastOrdinal / divisor),
    dollars: String(t.dollars),
  }));
}
