/**
 * Helpers of the operator and participant tasks (epoch:close/publish/accept/revoke, rewards:*,
 * leaderboard, points:me): which epoch a task is about, reward token metadata, account arguments.
 */
import fs from "node:fs";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { EpochSummary } from "../../src/engine/epoch";
import { seasonEpoch, type SeasonEpoch } from "../../src/engine/season";
import { formatTokenAmount } from "../../src/season/funding";
import { check, TaskError } from "./errors";
import { epochDir, latestClosedEpoch, readEpochSummary } from "./epochs";
import { addressArg } from "./cli";
import type { DeployedSeason } from "./season";
import { epochsDir } from "./season";

/** Epoch `n` of the deployed season, or a TaskError listing the epochs it has. */
export function epochOfSeason(deployed: DeployedSeason, n: number): SeasonEpoch {
  if (!Number.isSafeInteger(n) || n < 1)
    throw new TaskError(`--epoch must be a positive integer, got ${n}`);
  // `source` is the path the season file was read from: never empty.
  return check(deployed.file.source, () => seasonEpoch(deployed.season, n));
}

/** A closed epoch's folder and summary. */
export interface ClosedEpoch {
  epoch: number;
  dir: string;
  summary: EpochSummary;
}

/**
 * The closed epoch a task reads: `given`, or the latest closed one in the network's epochs folder.
 * Refuses when it is not in the season, not closed, or its summary is for another season/epoch.
 */
export function closedEpoch(
  hre: HardhatRuntimeEnvironment,
  deployed: DeployedSeason,
  given: number | undefined,
): ClosedEpoch {
  const root = epochsDir(hre);
  const n = given ?? latestClosedEpoch(root);
  if (n === undefined)
    throw new TaskError(
      `no closed epoch in ${root}: run \`npx hardhat epoch:close --season ${deployed.file.source}\` first`,
    );
  epochOfSeason(deployed, n);
  const dir = epochDir(hre, n, root);
  if (!fs.existsSync(dir))
    throw new TaskError(`epoch ${n} is not closed (no ${dir}): run epoch:close --epoch ${n} first`);
  const summary = readEpochSummary(dir);
  if (summary.epoch !== n || summary.season !== deployed.season.name)
    throw new TaskError(
      `${dir}/summary.json is epoch ${summary.epoch} of '${summary.season}', not epoch ${n} of '${deployed.season.name}'`,
    );
  return { epoch: n, dir, summary };
}

/** A reward token as shown to humans. */
export interface TokenInfo {
  address: string;
  symbol: string;
  decimals: number;
  /** Whole tokens, e.g. "1500.25 tREWARD". */
  format(units: bigint): string;
  /** Whole tokens without the symbol, e.g. "1500.25" (for a table column named by the token). */
  amount(units: bigint): string;
}

/** Symbol and decimals of `token` (from the season's record, else from the chain). */
export async function tokenInfo(
  hre: HardhatRuntimeEnvironment,
  deployed: DeployedSeason,
  token: string,
): Promise<TokenInfo> {
  const contract = await hre.ethers.getContractAt("TestnetToken", token);
  let symbol = deployed.symbolOf(token);
  let decimals = 18;
  try {
    decimals = Number(await contract.decimals());
    if (symbol === token) symbol = String(await contract.symbol());
  } catch {
    throw new TaskError(
      `token ${token} does not answer decimals()/symbol() on network '${hre.network.name}'`,
    );
  }
  const amount = (units: bigint) => formatTokenAmount(units, decimals);
  return {
    address: hre.ethers.getAddress(token),
    symbol,
    decimals,
    format: (units) => `${amount(units)} ${symbol}`,
    amount,
  };
}

/** A comma-separated list of addresses (checksummed, duplicates dropped), or a TaskError. */
export function accountsArg(hre: HardhatRuntimeEnvironment, flag: string, text: string): string[] {
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0) throw new TaskError(`--${flag} names no account`);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of parts) {
    const a = addressArg(hre, flag, p);
    if (seen.has(a)) continue;
    seen.add(a);
    out.push(a);
  }
  return out;
}
