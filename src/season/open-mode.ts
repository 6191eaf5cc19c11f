/**
 * The one-line warning about a season whose mint is in open mode while it has reward pools:
 * `season:init` prints it, and so can any other check of a season file (preflight).
 */

/** The parts of a season file the warning looks at (a raw, parsed JSON object). */
export interface OpenModeSeason {
  rewards?: { epochs?: readonly { pools?: Readonly<Record<string, string>> }[] };
  chain?: { mint?: unknown };
}

/** Whether any epoch of the season has a pool above zero. */
function hasRewardPools(season: OpenModeSeason): boolean {
  return (season.rewards?.epochs ?? []).some((e) =>
    Object.values(e.pools ?? {}).some((amount) => /^[0-9]+$/.test(amount) && BigInt(amount) > 0n),
  );
}

/**
 * The warning for a season file whose mint is in open mode while the season has reward pools, or
 * undefined. Open mode refuses claims from contracts, but not one person claiming with many EOAs.
 */
export function openModeWarning(season: OpenModeSeason): string | undefined {
  const mint = season.chain?.mint;
  const mode =
    typeof mint === "object" && mint !== null ? (mint as { mode?: unknown }).mode : undefined;
  if (mode !== "open" || !hasRewardPools(season)) return undefined;
  return "warning: the mint is in open mode while the season has reward pools: anyone can claim with many EOAs and take a share of every pool (contracts are refused, EOAs are not); prefer voucher mode (docs/rules.md), and read season:sybil's report before publishing roots";
}
