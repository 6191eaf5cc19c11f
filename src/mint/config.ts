/**
 * The mint's deployment configuration: its JSON form (a season file's `mint` section, or the file
 * given to `mint:deploy --config`), validated with zod and the contract's own rules, and its typed
 * form used by deploy/mint.ts.
 */
import { getAddress, isAddress } from "ethers";
import { z } from "zod";
import { validateBasket, PRICE_SCALE, type BasketWeight } from "./basket";
import { OPEN_TIER, validateTiers, type Tier } from "./tiers";

/** How claims are admitted; the index is the contract's `Mode` enum value. */
export const MINT_MODES = ["open", "voucher"] as const;
export type MintMode = (typeof MINT_MODES)[number];

/** A basket token to deploy (or reuse) and its place in the basket. */
export interface TokenSpec extends BasketWeight {
  readonly symbol: string;
  readonly name: string;
}

export interface MintConfig {
  readonly mode: MintMode;
  /** The voucher signer: required in voucher mode, absent in open mode. */
  readonly registrar?: string;
  /** Unix seconds; absent means "open at deployment". */
  readonly openingTime?: bigint;
  readonly tiers: readonly Tier[];
  readonly basket: readonly TokenSpec[];
}

/** "3000", "0.9995": US dollars with at most 8 decimals, to the contract's 1e8 price scale. */
export function parsePrice(text: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,8}))?$/.exec(text);
  if (!m) throw new Error(`'${text}' is not a price in dollars with at most 8 decimals`);
  return BigInt(m[1]) * PRICE_SCALE + BigInt((m[2] ?? "").padEnd(8, "0"));
}

/** A 1e8-scaled price back to its shortest decimal text ("3000", "0.9995"). */
export function formatPrice(price: bigint): string {
  const whole = price / PRICE_SCALE;
  const frac = (price % PRICE_SCALE).toString().padStart(8, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : `${whole}`;
}

const wholeNumber = z.union([
  z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  z.string().regex(/^\d+$/, "must be a whole number"),
]);
const address = z.string().refine(isAddress, "must be a 0x-prefixed 20-byte hex address");

const configSchema = z
  .object({
    mode: z.enum(MINT_MODES),
    registrar: address.optional(),
    openingTime: wholeNumber.optional(),
    tiers: z.array(
      z
        .object({ lastOrdinal: z.union([wholeNumber, z.literal("open")]), dollars: wholeNumber })
        .strict(),
    ),
    basket: z.array(
      z
        .object({
          symbol: z.string().regex(/^[A-Za-z0-9._-]{1,16}$/, "must be 1-16 letters, digits, . _ -"),
          name: z.string().min(1).max(64),
          decimals: z.number().int(),
          weightBps: z.number().int(),
          price: z.string(),
        })
        .strict(),
    ),
  })
  .strict();

/** The JSON form of a MintConfig. */
export type MintConfigJson = z.input<typeof configSchema>;

/**
 * Parses and validates a mint configuration (JSON form), throwing one line naming the faulty
 * field: schema, tier table and basket rules (as the contract checks them), unique symbols, and a
 * registrar exactly in voucher mode.
 */
export function parseMintConfig(raw: unknown, source = "mint config"): MintConfig {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${source}: ${issue.path.join(".") || "(root)"} ${issue.message}`);
  }
  const json = parsed.data;
  try {
    const basket = json.basket.map((t, i) => {
      try {
        return { ...t, price: parsePrice(t.price) };
      } catch (e) {
        throw new Error(`basket.${i}.price ${(e as Error).message}`);
      }
    });
    const config: MintConfig = {
      mode: json.mode,
      registrar: json.registrar === undefined ? undefined : getAddress(json.registrar),
      openingTime: json.openingTime === undefined ? undefined : BigInt(json.openingTime),
      tiers: json.tiers.map((t) => ({
        lastOrdinal: t.lastOrdinal === "open" ? OPEN_TIER : BigInt(t.lastOrdinal),
        dollars: BigInt(t.dollars),
      })),
      basket,
    };
    validateMintConfig(config);
    return config;
  } catch (e) {
    throw new Error(`${source}: ${(e as Error).message}`);
  }
}

/** Throws one line unless `config` is deployable (the rules the contract enforces, and more). */
export function validateMintConfig(config: MintConfig): void {
  validateTiers(config.tiers);
  validateBasket(config.basket);
  const seen = new Set<string>();
  for (const { symbol } of config.basket) {
    if (seen.has(symbol)) throw new Error(`basket token symbol '${symbol}' appears twice`);
    seen.add(symbol);
  }
  if (config.mode === "voucher" && config.registrar === undefined) {
    throw new Error("voucher mode needs a registrar (the address that signs vouchers)");
  }
  if (config.mode === "open" && config.registrar !== undefined) {
    throw new Error("open mode takes no registrar (use voucher mode to require vouchers)");
  }
  if (config.openingTime !== undefined && config.openingTime >= 2n ** 64n) {
    throw new Error(`opening time ${config.openingTime} does not fit in 64 bits`);
  }
}

/** The JSON form of `config` (the inverse of parseMintConfig), e.g. for a deployment record. */
export function mintConfigToJson(config: MintConfig): MintConfigJson {
  return {
    mode: config.mode,
    ...(config.registrar === undefined ? {} : { registrar: config.registrar }),
    ...(config.openingTime === undefined ? {} : { openingTime: config.openingTime.toString() }),
    tiers: config.tiers.map((t) => ({
      lastOrdinal: t.lastOrdinal === OPEN_TIER ? "open" : t.lastOrdinal.toString(),
      dollars: t.dollars.toString(),
    })),
    basket: config.basket.map((t) => ({
      symbol: t.symbol,
      name: t.name,
      decimals: t.decimals,
      weightBps: t.weightBps,
      price: formatPrice(t.price),
    })),
  };
}
