/**
 * What `points:relay` records for the events of dApps that do not report: each log matching a
 * relay rule becomes one registry record (account, action id, ref) whose ref is
 * relayRef(chainId, txHash, logIndex), the ref the exporter gives the same log when it reads it
 * directly. So a relayed event read twice (from the dApp and from the registry), or relayed
 * twice, is one completion for the engine. Decoding is the exporter's (src/export).
 */
import { ZeroAddress } from "ethers";
import {
  decodeRelayed,
  inChainOrder,
  matchesRelayRule,
  where,
  type ChainLog,
} from "../export/decode-logs";
import type { CompiledRelayRule } from "../export/relay-rules";
import type { PointsRecord } from "../points/batch";
import { relayRef } from "../points/ref";

/** A record to relay, with where it comes from. */
export interface RelayRecord extends PointsRecord {
  /** The catalog key of `action`. */
  readonly key: string;
  readonly block: number;
  readonly txHash: string;
  readonly logIndex: number;
}

/** A matching log that cannot be recorded (the registry refuses the zero account). */
export interface SkippedLog {
  readonly block: number;
  readonly txHash: string;
  readonly logIndex: number;
  readonly reason: string;
}

/**
 * The records of `logs` (any order; returned in chain order) under `rules`. `actionIds` maps each
 * rule's catalog key to its registry id. Logs of other contracts or events are ignored.
 */
export function relayRecords(
  logs: readonly ChainLog[],
  rules: readonly CompiledRelayRule[],
  chainId: bigint,
  actionIds: ReadonlyMap<string, number>,
  exclude: ReadonlySet<string> = new Set(),
): { records: RelayRecord[]; skipped: SkippedLog[] } {
  const records: RelayRecord[] = [];
  const skipped: SkippedLog[] = [];
  for (const log of inChainOrder(logs)) {
    // compileRelayRules refuses two rules for one event of one contract: at most one matches.
    const rule = rules.find((r) => matchesRelayRule(r, log));
    if (!rule) continue;
    const id = actionIds.get(rule.action);
    if (id === undefined) throw new Error(`action '${rule.action}' has no registry id`);
    const account = decodeRelayed(rule, log, where(log));
    const source = { block: log.blockNumber, txHash: log.transactionHash, logIndex: log.index };
    if (account === ZeroAddress) {
      skipped.push({ ...source, reason: `its ${rule.account} is the zero address` });
      continue;
    }
    if (exclude.has(account.toLowerCase())) {
      skipped.push({
        ...source,
        reason: `its ${rule.account} ${account} is excluded by the season file`,
      });
      continue;
    }
    records.push({
      account,
      action: id,
      key: rule.action,
      ref: relayRef(chainId, log.transactionHash, log.index),
      ...source,
    });
  }
  return { records, skipped };
}

/** One line of the relay log: a record and the transaction that relayed it. */
export function formatRelayLine(record: RelayRecord, relayTx: string): string {
  return JSON.stringify({
    block: record.block,
    tx: record.txHash.toLowerCase(),
    log: record.logIndex,
    account: record.account.toLowerCase(),
    action: record.key,
    ref: record.ref.toLowerCase(),
    relayTx: relayTx.toLowerCase(),
  });
}
