/**
 * The season file operators deploy and auditors verify with: the engine's season (catalog, boosts,
 * reward epochs) plus an optional `chain` section saying what to deploy (mint, extra tokens,
 * distributor, local dApp stand-ins, reporters) and how to export (relay rules, confirmations).
 *
 * Reward pools may be keyed by a token's symbol (a basket token of `chain.mint` or a token of
 * `chain.tokens`) instead of its address, since addresses are known only after deployment.
 * `resolveSeason` swaps symbols for the deployed addresses and validates the result with the
 * engine's own schema, so the engine's rules are checked in exactly one place.
 */
import { isAddress } from "ethers";
import { z } from "zod";
import { seasonSchema, seasonShape, type Season } from "../engine/season";
import { parseMintConfig, type MintConfig } from "../mint/config";
import { relayRuleSchema } from "../export/relay-rules";
import { readJsonFile, validateJson } from "../json-file";

const address = z.string().refine((a) => isAddress(a), "must be a 0x-prefixed 20-byte hex address");
const SYMBOL = /^[A-Za-z0-9._-]{1,16}$/;

/** An ERC-20 to deploy besides the basket (typically a reward token). */
export const tokenSpecSchema = z.strictObject({
  symbol: z.string().regex(SYMBOL, "must be 1-16 letters, digits, '.', '_' or '-'"),
  name: z.string().min(1, "must not be empty").max(64, "must be at most 64 characters"),
  decimals: z
    .number()
    .int("must be an integer")
    .min(0, "must be at least 0")
    .max(18, "must be at most 18"),
});

export const distributorSchema = z.strictObject({
  /** Seconds between publishing a root and its earliest acceptance (0 on test networks). */
  timelock: z
    .number()
    .int("must be an integer")
    .min(0, "must be at least 0")
    .max(30 * 86_400, "must be at most 30 days"),
  /** Unix seconds: the last second claims are accepted; unclaimed funds can be swept after it. */
  claimDeadline: z.number().int("must be an integer").positive("must be a unix time"),
  /** The auditor who may revoke a pending root and pause claims (none when absent). */
  guardian: address.optional(),
  /** The accounts allowed to publish roots (default: the deploying account). */
  publishers: z.array(address).optional(),
});

export const chainSectionSchema = z.strictObject({
  /** The tiered mint (the mint config of `mint:deploy`). */
  mint: z.unknown(),
  tokens: z.array(tokenSpecSchema).default([]),
  distributor: distributorSchema,
  /** "mocks" deploys the five Season 1 dApp stand-ins (local networks); "none" for a real testnet. */
  dapps: z.enum(["mocks", "none"]).default("none"),
  /** Reporter accounts to authorise, by dApp name as in the catalog. */
  reporters: z.record(z.string(), z.array(address)).default({}),
  /**
   * Accounts whose events are not the season's (the operators' own wallets, e.g. the one seeding
   * the local dApps): never exported, never relayed, so never ranked nor rewarded.
   */
  exclude: z.array(address).default([]),
  /** Events of dApps that do not report, counted as actions. */
  relay: z.array(relayRuleSchema).default([]),
  /** Blocks an event must be buried under before it is exported. */
  confirmations: z.number().int("must be an integer").min(0, "must be at least 0").default(0),
  /** Blocks per log request when exporting. */
  exportChunkBlocks: z
    .number()
    .int("must be an integer")
    .min(1, "must be at least 1")
    .default(5_000),
});

/** A season file as written: the engine's sections (pools may use symbols) and `chain`. */
export const seasonFileSchema = z.strictObject({
  ...seasonShape,
  rewards: z.unknown(),
  chain: chainSectionSchema.optional(),
});

export type ChainSection = Omit<z.infer<typeof chainSectionSchema>, "mint"> & { mint: MintConfig };

export interface SeasonFile {
  /** The file's bytes' source, for messages. */
  source: string;
  /** The raw JSON (pools as written). */
  raw: Record<string, unknown>;
  chain?: ChainSection;
  /** Every token symbol the file defines (basket first, then `chain.tokens`). */
  symbols: string[];
}

/** Validates a parsed season file (everything but pool addresses, which `resolveSeason` checks). */
export function parseSeasonFile(raw: unknown, source = "season file"): SeasonFile {
  const parsed = validateJson(raw, seasonFileSchema, source);
  let chain: ChainSection | undefined;
  if (parsed.chain) {
    const mint = parseMintConfig(parsed.chain.mint, `${source}: chain.mint`);
    chain = { ...parsed.chain, mint };
  }
  const symbols = [
    ...(chain?.mint.basket.map((t) => t.symbol) ?? []),
    ...(chain?.tokens.map((t) => t.symbol) ?? []),
  ];
  const duplicate = symbols.find((s, i) => symbols.indexOf(s) !== i);
  if (duplicate)
    throw new Error(
      `${source}: chain.tokens: symbol ${duplicate} is defined twice (basket and tokens share one namespace)`,
    );
  const file: SeasonFile = { source, raw: raw as Record<string, unknown>, chain, symbols };
  // Validate the engine's sections now, with stand-in addresses for symbols.
  resolveSeason(file, (symbol) => standInAddress(symbols.indexOf(symbol)));
  return file;
}

/** Reads and validates a season file; every error names the file and the field. */
export function loadSeasonFile(file: string): SeasonFile {
  return parseSeasonFile(readJsonFile(file), file);
}

function standInAddress(index: number): string {
  return `0x${(index + 1).toString(16).padStart(40, "0")}`;
}

/**
 * The engine's season: pool keys that are symbols replaced by `addressOf(symbol)`, then validated
 * by the engine's schema. A symbol the file does not define is an error naming the pool.
 */
export function resolveSeason(
  file: SeasonFile,
  addressOf: (symbol: string) => string | undefined,
): Season {
  const rewards = file.raw.rewards as { epochs?: unknown } | undefined;
  let resolvedRewards: unknown = rewards;
  if (rewards && typeof rewards === "object" && Array.isArray(rewards.epochs)) {
    resolvedRewards = {
      ...rewards,
      epochs: rewards.epochs.map((epoch: unknown, i: number) => {
        if (!epoch || typeof epoch !== "object" || !("pools" in epoch)) return epoch;
        const pools = (epoch as { pools: unknown }).pools;
        if (!pools || typeof pools !== "object") return epoch;
        const resolved: Record<string, unknown> = {};
        for (const [key, amount] of Object.entries(pools)) {
          if (isAddress(key)) {
            resolved[key] = amount;
            continue;
          }
          if (!file.symbols.includes(key)) {
            throw new Error(
              `${file.source}: rewards.epochs[${i}].pools.${key}: is neither a token address nor a symbol of chain.mint.basket or chain.tokens`,
            );
          }
          const address = addressOf(key);
          if (!address)
            throw new Error(
              `${file.source}: rewards.epochs[${i}].pools.${key}: token ${key} is not deployed on this network`,
            );
          resolved[address] = amount;
        }
        return { ...epoch, pools: resolved };
      }),
    };
  }
  const { chain: _chain, ...engineSections } = file.raw;
  return validateJson({ ...engineSections, rewards: resolvedRewards }, seasonSchema, file.source);
}
