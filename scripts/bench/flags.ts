/**
 * What the benchmarks share: the flags of the synthetic season (`--participants`, `--actions`,
 * `--seed`), checked, and a progress line on stderr with the seconds since the start.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";

/** The synthetic season's size and seed (scripts/bench/generate-season.ts). */
export interface SeasonFlags {
  participants: number;
  actions: number;
  seed: number;
}

const SEASON_OPTIONS = {
  participants: { type: "string", default: "1000000" },
  actions: { type: "string", default: "10000000" },
  seed: { type: "string", default: "1" },
} as const;

/** A positive whole number given to `--name`, or one clear line and exit 1. */
function count(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) {
    process.stderr.write(`--${name} must be a positive whole number, got '${text}'\n`);
    process.exit(1);
  }
  return n;
}

/**
 * Parses the season flags from the command line. `others`: the script takes more flags and parses
 * them itself (then an unknown flag is the script's to refuse); otherwise any other flag is refused.
 */
export function seasonFlags(
  { others = false }: { others?: boolean } = {},
  args: string[] = process.argv.slice(2),
): SeasonFlags {
  const { values } = parseArgs({ args, options: SEASON_OPTIONS, strict: !others });
  return {
    participants: count("participants", String(values.participants)),
    actions: count("actions", String(values.actions)),
    seed: count("seed", String(values.seed)),
  };
}

/** A progress logger: `[12.3s] message` on stderr, the seconds counted from this call. */
export function elapsedLog(): (message: string) => void {
  const started = performance.now();
  return (message) =>
    process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
}
