/**
 * Gas per operation: every transaction of a run, named `Contract.function` from its target's
 * contract and its selector, tallied into calls, total, average, minimum and maximum. Gas figures
 * are deterministic for a given plan, so they can be compared from run to run.
 */

export interface GasRow {
  operation: string;
  calls: number;
  totalGas: bigint;
  /** For display (never used in money math). */
  averageGas: number;
  minGas: bigint;
  maxGas: bigint;
}

/** A transaction as the labeller sees it. */
export interface LabelledTx {
  to: string | null;
  /** Calldata (0x-hex). */
  data: string;
}

/** What the labeller knows: deployed addresses → contract names, and each contract's selectors. */
export interface OperationNames {
  /** Lowercase address → contract name (e.g. "TestnetToken", "RewardDistributor"). */
  contracts: ReadonlyMap<string, string>;
  /** Contract name → 4-byte selector (lowercase 0x-hex) → function name. */
  selectors: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** Contract creations are tallied under this name. */
export const DEPLOYMENT = "(contract deployments)";

/** `Contract.function` of a transaction; unknown targets and selectors are named as such. */
export function operationOf(tx: LabelledTx, names: OperationNames): string {
  if (tx.to === null) return DEPLOYMENT;
  const contract = names.contracts.get(tx.to.toLowerCase());
  const selector = tx.data.slice(0, 10).toLowerCase();
  if (!contract) return tx.data.length <= 2 ? "(transfer)" : `(unknown ${selector})`;
  const fn = names.selectors.get(contract)?.get(selector);
  return `${contract}.${fn ?? selector}`;
}

/**
 * The order operations are listed in: what participants do (in the order they do it), then what
 * operators and auditors' runs send. Anything else follows, alphabetically.
 */
export const OPERATION_ORDER: readonly string[] = [
  "TieredMint.claim",
  "TestnetToken.approve",
  "MockNetswapPair.swap",
  "MockNetswapPair.addLiquidity",
  "MockTethysExchange.swap",
  "MockTethysExchange.openPosition",
  "MockTethysExchange.closePosition",
  "MockTethysExchange.stakeTlp",
  "MockMidasLottery.buyTicket",
  "MockLeagueTech.buyKeys",
  "MockLeagueTech.sellKeys",
  "MockLeagueTech.openShort",
  "MockLeagueTech.createLeague",
  "MockLeagueTech.bet",
  "MockHummusPool.swap",
  "MockHummusPool.deposit",
  "RiddleBoard.commit",
  "RiddleBoard.reveal",
  "RiddleBoard.publish",
  "RiddleBoard.revealAnswer",
  "TestnetToken.mint",
  "PointsRegistry.recordPacked",
  "RewardDistributor.fund",
  "RewardDistributor.publishRoot",
  "RewardDistributor.revokePendingRoot",
  "RewardDistributor.acceptRoot",
  "RewardDistributor.claim",
  "RewardDistributor.claimMany",
];

/** Accumulates gas by operation. */
export class GasTally {
  private readonly byOperation = new Map<
    string,
    { calls: number; total: bigint; min: bigint; max: bigint }
  >();

  /** Adds one call of `operation` that used `gas`. */
  add(operation: string, gas: bigint): void {
    if (gas < 0n) throw new Error(`${operation}: negative gas ${gas}`);
    const row = this.byOperation.get(operation);
    if (!row) {
      this.byOperation.set(operation, { calls: 1, total: gas, min: gas, max: gas });
      return;
    }
    row.calls++;
    row.total += gas;
    if (gas < row.min) row.min = gas;
    if (gas > row.max) row.max = gas;
  }

  /** The row of one operation, if it was seen. */
  get(operation: string): GasRow | undefined {
    return this.rows().find((r) => r.operation === operation);
  }

  /** Every operation's row, in OPERATION_ORDER then alphabetically; `skip` leaves some out. */
  rows(skip: readonly string[] = []): GasRow[] {
    const rank = (op: string) => {
      const i = OPERATION_ORDER.indexOf(op);
      return i < 0 ? OPERATION_ORDER.length : i;
    };
    return [...this.byOperation.entries()]
      .filter(([op]) => !skip.includes(op))
      .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
      .map(([operation, r]) => ({
        operation,
        calls: r.calls,
        totalGas: r.total,
        averageGas: Number(r.total) / r.calls,
        minGas: r.min,
        maxGas: r.max,
      }));
  }
}
