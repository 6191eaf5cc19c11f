/**
 * The demo's settings: read from the environment (`hardhat run` passes no flags to a script),
 * validated with one-line errors, and the compact tier table that lets a small season reach
 * every tier.
 */
import path from "node:path";
import { SEASON1_TIERS } from "../mint/season1";
import { OPEN_TIER } from "../mint/tiers";

export interface DemoOptions {
  /** Simulated participants (DEMO_PARTICIPANTS, default 1,000). */
  participants: number;
  /** The PRNG seed of wallets and plans (DEMO_SEED, default "season-1"). */
  seed: string;
  /** Where the report, the season file and every artefact go (DEMO_OUT, default reports/demo). */
  outDir: string;
  /** Seconds per epoch: one day, so two epochs and their timelocks fit in one run's chain time. */
  epochSeconds: number;
  /** The distributor's timelock (non-zero: the demo waits it out). */
  timelock: number;
  /** Divides the proposal's tier caps (see tierDivisorFor). */
  tierDivisor: number;
  /** How many participants have their rewards claimed after each epoch. */
  claimSample: number;
}

export const DEFAULT_PARTICIPANTS = 1_000;
export const MAX_PARTICIPANTS = 20_000;
/** The brief's compact tiers: 5 / 25 / 100 / 500 / open. */
export const DEFAULT_TIER_DIVISOR = 20;

/** The finite caps of the proposal's tier table (100, 500, 2,000, 10,000). */
const CAPS = SEASON1_TIERS.filter((t) => t.lastOrdinal !== OPEN_TIER).map((t) => t.lastOrdinal);

/** True when dividing every cap by `d` keeps them at least 1 and strictly increasing. */
function keepsTiers(d: number): boolean {
  const caps = CAPS.map((c) => c / BigInt(d));
  return caps.every((c, i) => c >= 1n && (i === 0 || c > caps[i - 1]));
}

/**
 * The tier divisor for `participants`: the brief's 20 (5 / 25 / 100 / 500 / open) when that
 * reaches the open tier, otherwise the smallest divisor whose open tier starts at or before the
 * last participant (so every tier has claims), and the largest divisor that keeps five distinct
 * tiers when no divisor can (fewer than about 100 participants).
 */
export function tierDivisorFor(participants: number): number {
  const last = CAPS.at(-1)!;
  let best = DEFAULT_TIER_DIVISOR;
  for (let d = DEFAULT_TIER_DIVISOR; keepsTiers(d); d++) {
    best = d;
    if (last / BigInt(d) < BigInt(participants)) return d;
  }
  return best;
}

function positiveInt(name: string, text: string, max: number): number {
  if (!/^[0-9]+$/.test(text.trim())) throw new Error(`${name}='${text}' is not a positive integer`);
  const n = Number(text.trim());
  if (n < 1 || n > max) throw new Error(`${name}=${n} must be between 1 and ${max}`);
  return n;
}

/** The options from `env` (relative paths from `cwd`); throws one line naming a bad variable. */
export function demoOptionsFromEnv(env: NodeJS.ProcessEnv, cwd: string): DemoOptions {
  const participants =
    env.DEMO_PARTICIPANTS === undefined || env.DEMO_PARTICIPANTS === ""
      ? DEFAULT_PARTICIPANTS
      : positiveInt("DEMO_PARTICIPANTS", env.DEMO_PARTICIPANTS, MAX_PARTICIPANTS);
  const seed = env.DEMO_SEED === undefined || env.DEMO_SEED === "" ? "season-1" : env.DEMO_SEED;
  if (seed.length > 64) throw new Error(`DEMO_SEED must be at most 64 characters`);
  const outDir = path.resolve(cwd, env.DEMO_OUT || path.join("reports", "demo"));
  if (path.parse(outDir).root === outDir) throw new Error(`DEMO_OUT must not be a root folder`);
  return {
    participants,
    seed,
    outDir,
    epochSeconds: 86_400,
    timelock: 3_600,
    tierDivisor: tierDivisorFor(participants),
    claimSample: Math.min(20, participants),
  };
}
