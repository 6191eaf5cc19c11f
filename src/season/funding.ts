/**
 * How much an epoch's rewards still need from the operator. After epoch n the distributor owes,
 * per reward token, Σ cumulative entitlements (summary.json) minus what it has already paid
 * (Σ claimed); it holds its balance. So `rewards:fund --epoch n` transfers
 * `max(0, Σ cumulative − Σ claimed − balance)`: exactly enough for every leaf of epoch n to be
 * claimed in full, nothing when the distributor already holds enough (funding is idempotent).
 */
import { formatUnits, parseUnits } from "ethers";

export interface TokenFunding {
  /** Lowercase token address. */
  token: string;
  /** Σ cumulative entitlements of the epoch. */
  cumulative: bigint;
  /** Σ already paid by the distributor. */
  claimed: bigint;
  /** The distributor's balance. */
  balance: bigint;
  /** What the distributor still lacks (0 when funded). */
  shortfall: bigint;
}

/** The funding state of each token of an epoch summary's `tokens` (sorted as given). */
export function fundingNeeds(
  tokens: Readonly<Record<string, { cumulative: string }>>,
  chain: (token: string) => { claimed: bigint; balance: bigint },
): TokenFunding[] {
  return Object.entries(tokens).map(([token, t]) => {
    const cumulative = BigInt(t.cumulative);
    const { claimed, balance } = chain(token);
    const owed = cumulative > claimed ? cumulative - claimed : 0n;
    return {
      token,
      cumulative,
      claimed,
      balance,
      shortfall: owed > balance ? owed - balance : 0n,
    };
  });
}

/**
 * A token amount written in whole tokens ("1500", "0.25") as smallest units, or an error saying
 * why not: no sign, no exponent, at most `decimals` fraction digits, above zero.
 */
export function parseTokenAmount(text: string, decimals: number): bigint {
  if (!/^(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(text))
    throw new Error(`'${text}' is not an amount of whole tokens (e.g. 1500 or 0.25)`);
  if ((text.split(".")[1] ?? "").length > decimals)
    throw new Error(`'${text}' has more than the token's ${decimals} decimals`);
  const units = parseUnits(text, decimals);
  if (units === 0n) throw new Error(`'${text}' is zero`);
  return units;
}

/** An amount in smallest units as whole tokens, without a trailing ".0" ("1500", "0.25"). */
export function formatTokenAmount(units: bigint, decimals: number): string {
  return formatUnits(units, decimals).replace(/\.0$/, "");
}
