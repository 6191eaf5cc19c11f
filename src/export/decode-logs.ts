/**
 * Turning the season's chain logs into offline events (the events.ndjson lines the engine reads).
 * Pure: logs and block times in, events and the decoder's state out. The state holds what earlier
 * blocks taught (registry action ids → catalog keys, riddle ids → boost keys) and travels in the
 * exporter's checkpoint.
 */
import { getAddress } from "ethers";
import { z } from "zod";
import type { SeasonEvent } from "../engine/events";
import { relayRef } from "../points/ref";
import { ZERO_ADDRESS } from "../engine/validation";
import type { CompiledRelayRule } from "./relay-rules";
import { mintInterface, registryInterface, riddleInterface, TOPICS } from "./season-abi";

/** Where the season's events come from on one chain. */
export interface ExportSources {
  chainId: bigint;
  mint?: string;
  registry?: string;
  riddles?: string;
  relay: readonly CompiledRelayRule[];
  /** The catalog action a mint also counts as (the spec's "joining"), when the season has one. */
  joinAction?: string;
  /** Accounts (lowercase) whose events are not the season's: the operators' own wallets. */
  exclude?: ReadonlySet<string>;
}

export const exportStateSchema = z.strictObject({
  actions: z.record(z.string(), z.string()),
  riddles: z.record(z.string(), z.string()),
});

export type ExportState = z.infer<typeof exportStateSchema>;

export const EMPTY_EXPORT_STATE: ExportState = { actions: {}, riddles: {} };

/** The fields of an RPC log the decoder uses (ethers' `Log` has them all). */
export interface ChainLog {
  address: string;
  topics: readonly string[];
  data: string;
  blockNumber: number;
  transactionHash: string;
  index: number;
}

/** A log's position, for error messages. */
export function where(log: ChainLog): string {
  return `block ${log.blockNumber}, tx ${log.transactionHash}, log ${log.index}`;
}

function same(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

/**
 * Whether `log` is the event of `rule`'s contract: the one test the exporter and `points:relay`
 * both use, so a relayed log and the same log read directly get the same ref.
 */
export function matchesRelayRule(rule: CompiledRelayRule, log: ChainLog): boolean {
  return same(rule.address, log.address) && log.topics[0] === rule.topic;
}

/** A copy of `logs` in chain order (block, then log index). */
export function inChainOrder(logs: readonly ChainLog[]): ChainLog[] {
  return [...logs].sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
}

/** Every topic the exporter asks the node for, given its sources. */
export function exportTopics(sources: ExportSources): string[] {
  const topics = new Set<string>();
  if (sources.mint) topics.add(TOPICS.claimed);
  if (sources.registry) [TOPICS.actionRegistered, TOPICS.recorded].forEach((t) => topics.add(t));
  if (sources.riddles) [TOPICS.riddlePublished, TOPICS.boostEarned].forEach((t) => topics.add(t));
  for (const rule of sources.relay) topics.add(rule.topic);
  return [...topics];
}

/** Every contract the exporter reads, given its sources. */
export function exportAddresses(sources: ExportSources): string[] {
  const addresses = [
    sources.mint,
    sources.registry,
    sources.riddles,
    ...sources.relay.map((r) => r.address),
  ];
  return [
    ...new Set(addresses.filter((a): a is string => a !== undefined).map((a) => getAddress(a))),
  ];
}

/**
 * Decodes logs (any order; they are taken in chain order) into season events. `timeOf` gives a
 * block's timestamp. Logs of other contracts or events are ignored.
 */
export function decodeSeasonLogs(
  logs: readonly ChainLog[],
  timeOf: (block: number) => number,
  sources: ExportSources,
  state: ExportState,
): { events: SeasonEvent[]; state: ExportState } {
  const actions = { ...state.actions };
  const riddles = { ...state.riddles };
  const events: SeasonEvent[] = [];
  const mint = sources.mint?.toLowerCase();
  const registry = sources.registry?.toLowerCase();
  const board = sources.riddles?.toLowerCase();
  for (const log of inChainOrder(logs)) {
    const topic = log.topics[0];
    const address = log.address.toLowerCase();
    const time = timeOf(log.blockNumber);
    if (address === mint && topic === TOPICS.claimed) {
      const e = mintInterface.parseLog(log)!;
      const account = getAddress(e.args.account as string).toLowerCase();
      events.push({
        kind: "mint",
        account,
        ordinal: Number(e.args.ordinal),
        dollars: String(e.args.dollars),
        time,
      });
      if (sources.joinAction) {
        const ref = relayRef(sources.chainId, log.transactionHash, log.index);
        events.push({ kind: "action", account, action: sources.joinAction, ref, time });
      }
    } else if (address === registry && topic === TOPICS.actionRegistered) {
      const e = registryInterface.parseLog(log)!;
      actions[String(e.args.action)] = e.args.key as string;
    } else if (address === registry && topic === TOPICS.recorded) {
      const e = decodeRecorded(log);
      const action = actions[e.action];
      if (action === undefined) {
        throw new Error(
          `${where(log)}: registry action ${e.action} was recorded but never registered (is the export's start block after the registry's deployment?)`,
        );
      }
      events.push({ kind: "action", account: e.account, action, ref: e.ref, time });
    } else if (address === board && topic === TOPICS.riddlePublished) {
      const e = riddleInterface.parseLog(log)!;
      riddles[String(e.args.riddle)] = e.args.key as string;
    } else if (address === board && topic === TOPICS.boostEarned) {
      const e = riddleInterface.parseLog(log)!;
      const boost = riddles[String(e.args.riddle)];
      if (boost === undefined) {
        throw new Error(
          `${where(log)}: riddle ${e.args.riddle} awarded a boost but was never published (is the export's start block after the board's deployment?)`,
        );
      }
      events.push({
        kind: "boost",
        account: (e.args.participant as string).toLowerCase(),
        boost,
        time,
      });
    } else {
      for (const rule of sources.relay) {
        if (!matchesRelayRule(rule, log)) continue;
        const account = relayedAccount(rule, log, where(log));
        // Nobody acted: the registry refuses the zero account, so points:relay skips it too.
        if (account === ZERO_ADDRESS) continue;
        const ref = relayRef(sources.chainId, log.transactionHash, log.index);
        events.push({ kind: "action", account, action: rule.action, ref, time });
      }
    }
  }
  const exclude = sources.exclude;
  const kept = exclude?.size ? events.filter((e) => !exclude.has(e.account)) : events;
  return { events: kept, state: { actions, riddles } };
}

const WORD = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS_WORD = /^0x0{24}[0-9a-fA-F]{40}$/;

/**
 * `Recorded(address indexed account, uint32 indexed action, bytes32 ref)`, the season's most
 * frequent log, read straight from its topics and data (account and ref lowercase, the action id
 * in decimal): ethers' generic `parseLog` spends most of an export's time on it. A log that is not
 * exactly that shape goes through `parseLog`, which names what is wrong.
 */
export function decodeRecorded(log: Pick<ChainLog, "topics" | "data">): {
  account: string;
  action: string;
  ref: string;
} {
  const [, account, action] = log.topics;
  if (
    log.topics.length === 3 &&
    ADDRESS_WORD.test(account) &&
    WORD.test(action) &&
    /^0x0{56}/.test(action) &&
    WORD.test(log.data)
  ) {
    return {
      account: `0x${account.slice(26).toLowerCase()}`,
      action: String(parseInt(action.slice(58), 16)),
      ref: log.data.toLowerCase(),
    };
  }
  const e = registryInterface.parseLog(log);
  if (!e) throw new Error(`not a Recorded log: ${log.topics[0]}`);
  return {
    account: (e.args.account as string).toLowerCase(),
    action: String(e.args.action),
    ref: (e.args.ref as string).toLowerCase(),
  };
}

const HEX_DATA = /^0x[0-9a-fA-F]*$/;
const ZERO_HIGH_BYTES = /^0{24}/;

/**
 * The participant of a relayed log whose event is all one-word fields (the rule's `layout`), read
 * straight from its topics and data, lowercase; undefined when the log is not exactly that shape
 * (then ethers' decoder decides, and names what is wrong).
 */
function relayedFast(rule: CompiledRelayRule, log: Pick<ChainLog, "topics" | "data">) {
  const layout = rule.layout;
  if (
    !layout ||
    log.topics.length !== layout.topics ||
    log.topics[0] !== rule.topic ||
    log.data.length !== 2 + 64 * layout.words ||
    !HEX_DATA.test(log.data)
  )
    return undefined;
  const word = (i: number) => log.data.slice(2 + 64 * i, 66 + 64 * i);
  for (let i = 1; i < log.topics.length; i++) if (!WORD.test(log.topics[i])) return undefined;
  for (const t of layout.addressTopics)
    if (!ZERO_HIGH_BYTES.test(log.topics[t].slice(2))) return undefined;
  for (const w of layout.addressWords) if (!ZERO_HIGH_BYTES.test(word(w))) return undefined;
  const at = layout.account;
  const value = "topic" in at ? log.topics[at.topic].slice(2) : word(at.word);
  return `0x${value.slice(24).toLowerCase()}`;
}

/** The participant address of a relayed log, per its rule, lowercase (the exporter's form). */
export function relayedAccount(
  rule: CompiledRelayRule,
  log: Pick<ChainLog, "topics" | "data">,
  at: string,
): string {
  return relayedFast(rule, log) ?? decodeRelayed(rule, log, at).toLowerCase();
}

/** The participant address of a relayed log, per its rule (checksummed). */
export function decodeRelayed(
  rule: CompiledRelayRule,
  log: Pick<ChainLog, "topics" | "data">,
  at: string,
): string {
  const fast = relayedFast(rule, log);
  if (fast !== undefined) return getAddress(fast);
  let parsed;
  try {
    parsed = rule.iface.parseLog(log);
  } catch (e) {
    throw new Error(
      `${at}: cannot decode as ${rule.fragment.format()} (${(e as Error).message.split("\n")[0]})`,
    );
  }
  if (!parsed) throw new Error(`${at}: does not match ${rule.fragment.format()}`);
  return getAddress(parsed.args.getValue(rule.account) as string);
}
