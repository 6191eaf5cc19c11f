/**
 * The action catalog the points registry holds: each action's key (as in the season file), its
 * dApp (display name, as in the season file's `dapp` fields), its base points and its repeat cap.
 */
import { z } from "zod";
import { pointsToUnits, UNITS_PER_POINT } from "../engine/units";

/** One catalog entry. */
export interface CatalogAction {
  /** The catalog key, as in the season file (e.g. "netswap.swap"). */
  readonly key: string;
  /** The dApp's display name (e.g. "Tethys Finance"). */
  readonly dapp: string;
  /** The first completion's value in units (10^6 per point). */
  readonly basePoints: bigint;
  /** How many completions per participant score (0 = no cap). */
  readonly maxRepeats: number;
}

/** The longest key or dApp name the registry accepts, in bytes. */
export const MAX_NAME_BYTES = 64;

/** The repeat cap of the default Season 1 catalog (the testnet's scorer stopped after 24). */
export const SEASON1_MAX_REPEATS = 24;

const P = (points: number): bigint => BigInt(points) * UNITS_PER_POINT;

/**
 * The default Season 1 catalog (SPEC §2, the pinned table): keys, dApps and base points of the
 * testnet's published scorer, 24 repeats each. `join` is the mint: no dApp reports it, the
 * exporter derives it from the mint's claims.
 */
export const SEASON1_CATALOG: readonly CatalogAction[] = (
  [
    ["join", "Season", 500],
    ["netswap.swap", "Netswap", 300],
    ["netswap.add-liquidity", "Netswap", 500],
    ["tethys.swap", "Tethys Finance", 300],
    ["tethys.open-position", "Tethys Finance", 400],
    ["tethys.close-position", "Tethys Finance", 400],
    ["tethys.stake-tlp", "Tethys Finance", 500],
    ["midas.buy-ticket", "Midas Games", 1000],
    ["league.trade-keys", "League.Tech", 1000],
    ["league.open-short", "League.Tech", 1000],
    ["league.create-league", "League.Tech", 1000],
    ["league.bet", "League.Tech", 1000],
    ["hummus.swap", "Hummus Finance", 300],
    ["hummus.deposit", "Hummus Finance", 500],
  ] as const
).map(([key, dapp, points]) => ({
  key,
  dapp,
  basePoints: P(points),
  maxRepeats: SEASON1_MAX_REPEATS,
}));

/** Throws unless `name` is 1 to 64 bytes with no leading or trailing whitespace. */
export function checkName(what: string, name: string): void {
  const bytes = Buffer.byteLength(name, "utf8");
  if (bytes === 0 || bytes > MAX_NAME_BYTES || name.trim() !== name) {
    throw new Error(
      `${what} '${name}' must be 1 to ${MAX_NAME_BYTES} bytes without surrounding spaces`,
    );
  }
}

/** Throws, naming the problem, unless the catalog's keys are unique and every field is valid. */
export function checkCatalog(catalog: readonly CatalogAction[]): void {
  const seen = new Set<string>();
  for (const a of catalog) {
    checkName("action key", a.key);
    checkName(`dApp of '${a.key}'`, a.dapp);
    if (seen.has(a.key)) throw new Error(`action key '${a.key}' appears twice`);
    seen.add(a.key);
    if (a.basePoints <= 0n || a.basePoints >= 2n ** 64n) {
      throw new Error(`'${a.key}': base points must be above zero and fit in uint64 units`);
    }
    if (!Number.isInteger(a.maxRepeats) || a.maxRepeats < 0 || a.maxRepeats > 0xffff_ffff) {
      throw new Error(`'${a.key}': maxRepeats must be an integer from 0 (no cap) to 4294967295`);
    }
  }
}

/** The dApps of a catalog, in first-appearance order. */
export function catalogDApps(catalog: readonly CatalogAction[]): string[] {
  return [...new Set(catalog.map((a) => a.dapp))];
}

const seasonActionSchema = z.object({
  dapp: z.string(),
  points: z.string(),
  maxRepeats: z.number().int().nonnegative().optional(),
});

const seasonActionsSchema = z.object({
  actions: z.record(z.string(), seasonActionSchema),
});

/**
 * The catalog in a season file's `actions` section (`{ "<key>": { "dapp", "points",
 * "maxRepeats"? } }`; other sections are ignored here). Throws, naming the field, on a bad entry.
 */
export function catalogFromSeason(season: unknown): CatalogAction[] {
  const parsed = seasonActionsSchema.safeParse(season);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`season file: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const catalog = Object.entries(parsed.data.actions).map(([key, a]) => {
    let basePoints: bigint;
    try {
      basePoints = pointsToUnits(a.points);
    } catch (e) {
      throw new Error(`season file: actions.${key}.points: ${(e as Error).message}`);
    }
    return { key, dapp: a.dapp, basePoints, maxRepeats: a.maxRepeats ?? 0 };
  });
  try {
    checkCatalog(catalog);
  } catch (e) {
    throw new Error(`season file: actions: ${(e as Error).message}`);
  }
  return catalog;
}
