/**
 * The pure checks of `season:preflight`: each takes what was read from the chain (or measured) and
 * returns a row for the table and, when it fails, the one line saying what is wrong and what to do.
 */
import { compileCommand, DEV_CHAIN_IDS } from "../networks/live";
import { targetFor, type EvmFeature } from "./opcodes";

export interface CheckResult {
  check: string;
  /** What was found, for the table. */
  value: string;
  /** The one line of a failure (undefined: passed). */
  failure?: string;
  /** A line worth reading that does not fail the preflight. */
  warning?: string;
}

/** Minimum timelock on a real chain: an auditor needs time to recompute a root. */
export const MIN_LIVE_TIMELOCK = 3_600;

/** A chain is a development chain (test keys, no guardian) when its id is 31337 or 1337. */
export function isDevChain(chainId: bigint): boolean {
  return DEV_CHAIN_IDS.includes(chainId);
}

/** Seconds as "3 h 5 min", "42 s". */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return `${s} s`;
  if (s < 7_200) return `${Math.floor(s / 60)} min`;
  if (s < 172_800) return `${Math.floor(s / 3_600)} h ${Math.floor((s % 3_600) / 60)} min`;
  return `${Math.floor(s / 86_400)} days`;
}

/** A head older than this is a stalled node (or one still syncing). */
export const MAX_HEAD_AGE_SECONDS = 600;

export function headCheck(head: { number: number; timestamp: number }, now: number): CheckResult {
  const age = now - head.timestamp;
  const value = `block ${head.number}, ${formatAge(age)} old`;
  if (age > MAX_HEAD_AGE_SECONDS)
    return {
      check: "head block",
      value,
      failure: `the node's head block ${head.number} is ${formatAge(age)} old: the node is stalled or syncing, use another ${"SEASON_RPC_URL"}`,
    };
  return { check: "head block", value };
}

/** Whole units of a native-token amount with 18 decimals, grouped ("1,234.5678"), 6 decimals kept. */
export function formatNative(wei: bigint, symbol: string): string {
  const whole = wei / 10n ** 18n;
  const frac = ((wei % 10n ** 18n) / 10n ** 12n).toString().padStart(6, "0").replace(/0+$/, "");
  const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${grouped}${frac ? `.${frac}` : ""} ${symbol}`;
}

/** The operator's balance against the deployment's measured gas times the current fee per gas. */
export function balanceCheck(args: {
  operator: string;
  balance: bigint;
  gas: bigint;
  feePerGas: bigint;
  symbol: string;
  /** How the gas was measured, for the table. */
  measuredBy: string;
}): CheckResult {
  const cost = args.gas * args.feePerGas;
  const gwei = (Number(args.feePerGas) / 1e9).toLocaleString("en-US", { maximumFractionDigits: 4 });
  const value = `${formatNative(args.balance, args.symbol)}; deployment ${args.gas.toLocaleString("en-US")} gas (${args.measuredBy}) × ${gwei} gwei = ${formatNative(cost, args.symbol)}`;
  if (args.balance < cost) {
    return {
      check: "operator balance",
      value,
      failure: `the operator ${args.operator} holds ${formatNative(args.balance, args.symbol)} but the deployment needs ${formatNative(cost, args.symbol)}: send it at least ${formatNative(cost - args.balance, args.symbol)} more`,
    };
  }
  return { check: "operator balance", value };
}

/** The EVM features the build needs against those the chain runs. */
export function evmCheck(args: {
  needed: readonly { feature: EvmFeature; contracts: readonly string[] }[];
  missing: readonly EvmFeature[];
  build: string;
}): CheckResult {
  const needs = args.needed.map((n) => n.feature.name);
  const lacking = args.needed.filter((n) => args.missing.includes(n.feature));
  const value = `the ${args.build} build needs ${needs.length ? needs.join(", ") : "no post-Merge feature"}; the chain lacks ${args.missing.length ? args.missing.map((f) => f.name).join(", ") : "none"}`;
  if (lacking.length === 0) return { check: "EVM features", value };
  const target = targetFor(args.missing)!;
  const which = lacking
    .map((l) => `${l.feature.name} (used by ${l.contracts.join(", ")})`)
    .join(", ");
  return {
    check: "EVM features",
    value,
    failure: `the chain lacks ${which}: compile for ${target} with \`${compileCommand(target)}\` and run every task with SEASON_EVM=${target}`,
  };
}

/** The guardian and timelock of a season's distributor, on a real chain. */
export function guardianChecks(args: {
  chainId: bigint;
  operator: string;
  guardian?: string;
  timelock: number;
  allowNoGuardian: boolean;
}): CheckResult[] {
  const dev = isDevChain(args.chainId);
  const guardianValue = args.guardian ?? "none";
  const rows: CheckResult[] = [];
  const guardianProblem =
    args.guardian === undefined || BigInt(args.guardian) === 0n
      ? "no guardian is set (chain.distributor.guardian): nobody but the operator can revoke a wrong root"
      : args.guardian.toLowerCase() === args.operator.toLowerCase()
        ? `the guardian ${args.guardian} is the operator: an auditor who is not the operator must hold it`
        : undefined;
  const timelockProblem =
    args.timelock < MIN_LIVE_TIMELOCK
      ? `the timelock is ${args.timelock} s (chain.distributor.timelock): at least ${MIN_LIVE_TIMELOCK} s (1 hour) leaves an auditor time to recompute a root`
      : undefined;
  for (const [check, value, problem] of [
    ["guardian", guardianValue, guardianProblem],
    ["timelock", `${args.timelock} s`, timelockProblem],
  ] as const) {
    if (!problem || dev) {
      rows.push({ check, value: problem && dev ? `${value} (development chain)` : value });
    } else if (args.allowNoGuardian) {
      rows.push({ check, value, warning: `${problem} (allowed by --allow-no-guardian)` });
    } else {
      rows.push({
        check,
        value,
        failure: `${problem}; fix the season file, or pass --allow-no-guardian to run without`,
      });
    }
  }
  return rows;
}
