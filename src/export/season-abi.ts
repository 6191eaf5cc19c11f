/**
 * The events the exporter reads, as human-readable ABI fragments. A contract test checks each
 * fragment against the compiled contracts, so these cannot drift from the Solidity.
 */
import { Interface } from "ethers";

export const MINT_EVENTS = [
  "event Claimed(address indexed account, uint64 indexed ordinal, uint256 tier, uint64 dollars, uint256[] amounts)",
] as const;

export const REGISTRY_EVENTS = [
  "event ActionRegistered(uint32 indexed action, uint16 indexed dapp, string key, uint64 basePoints, uint32 maxRepeats)",
  "event Recorded(address indexed account, uint32 indexed action, bytes32 ref)",
] as const;

export const RIDDLE_EVENTS = [
  "event RiddlePublished(uint32 indexed riddle, string key, uint8 kind, bytes params, bytes32 answerCommitment, uint64 commitDeadline, uint64 revealDeadline, string question)",
  "event BoostEarned(uint32 indexed riddle, address indexed participant)",
] as const;

export const mintInterface = new Interface(MINT_EVENTS);
export const registryInterface = new Interface(REGISTRY_EVENTS);
export const riddleInterface = new Interface(RIDDLE_EVENTS);

/** topic0 of an event of an interface. */
export function topicOf(iface: Interface, name: string): string {
  const event = iface.getEvent(name);
  if (!event) throw new Error(`no event ${name} in the exporter's ABI`);
  return event.topicHash;
}

export const TOPICS = {
  claimed: topicOf(mintInterface, "Claimed"),
  actionRegistered: topicOf(registryInterface, "ActionRegistered"),
  recorded: topicOf(registryInterface, "Recorded"),
  riddlePublished: topicOf(riddleInterface, "RiddlePublished"),
  boostEarned: topicOf(riddleInterface, "BoostEarned"),
} as const;
