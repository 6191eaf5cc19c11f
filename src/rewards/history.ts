/**
 * The RewardDistributor's history, rebuilt from its events alone. Pure: decoding logs with the events' ABI
 * (kept here, checked against the compiled contract by test/rewards/RewardDistributor.model.test.ts) and
 * replaying them into the state an indexer or an auditor follows: roles, timelock, pause, the accepted and
 * pending roots, claimed and funded amounts. A sequence the contract could never emit is an error.
 */
import { Interface, getAddress } from "ethers";

/** The distributor's events, as declared by the contract (EventsLib, Ownable2Step, Pausable). */
export const DISTRIBUTOR_EVENTS_ABI = [
  "event RootPublished(uint64 indexed epoch, bytes32 root, bytes32 dataHash, uint64 validAt)",
  "event RootAccepted(uint64 indexed epoch, bytes32 root, bytes32 dataHash)",
  "event RootRevoked(uint64 indexed epoch, bytes32 root, address indexed by)",
  "event Claimed(address indexed account, address indexed token, uint256 amount)",
  "event Funded(address indexed token, address indexed from, uint256 amount)",
  "event Swept(address indexed token, address indexed to, uint256 amount)",
  "event PublisherSet(address indexed publisher, bool enabled)",
  "event GuardianSet(address indexed previousGuardian, address indexed newGuardian)",
  "event TimelockSet(uint64 previousTimelock, uint64 newTimelock)",
  "event TimelockQueued(uint64 newTimelock, uint64 validAt)",
  "event TimelockCancelled(uint64 newTimelock, address indexed by)",
  "event PublisherQueued(address indexed publisher, uint64 validAt)",
  "event PublisherCancelled(address indexed publisher, address indexed by)",
  "event GuardianQueued(address indexed newGuardian, uint64 validAt)",
  "event GuardianCancelled(address indexed newGuardian, address indexed by)",
  "event Paused(address account)",
  "event Unpaused(address account)",
  "event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner)",
  "event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)",
] as const;

export type DistributorEvent =
  | { name: "RootPublished"; epoch: bigint; root: string; dataHash: string; validAt: bigint }
  | { name: "RootAccepted"; epoch: bigint; root: string; dataHash: string }
  | { name: "RootRevoked"; epoch: bigint; root: string; by: string }
  | { name: "Claimed"; account: string; token: string; amount: bigint }
  | { name: "Funded"; token: string; from: string; amount: bigint }
  | { name: "Swept"; token: string; to: string; amount: bigint }
  | { name: "PublisherSet"; publisher: string; enabled: boolean }
  | { name: "GuardianSet"; previousGuardian: string; newGuardian: string }
  | { name: "TimelockSet"; previousTimelock: bigint; newTimelock: bigint }
  | { name: "TimelockQueued"; newTimelock: bigint; validAt: bigint }
  | { name: "TimelockCancelled"; newTimelock: bigint; by: string }
  | { name: "PublisherQueued"; publisher: string; validAt: bigint }
  | { name: "PublisherCancelled"; publisher: string; by: string }
  | { name: "GuardianQueued"; newGuardian: string; validAt: bigint }
  | { name: "GuardianCancelled"; newGuardian: string; by: string }
  | { name: "Paused"; account: string }
  | { name: "Unpaused"; account: string }
  | { name: "OwnershipTransferStarted"; previousOwner: string; newOwner: string }
  | { name: "OwnershipTransferred"; previousOwner: string; newOwner: string };

const distributorEvents = new Interface(DISTRIBUTOR_EVENTS_ABI);

/**
 * The distributor event of a log, or `undefined` when the log is not one of them (another contract's event
 * in the same receipt, say).
 */
export function decodeDistributorLog(log: {
  topics: readonly string[];
  data: string;
}): DistributorEvent | undefined {
  const parsed = distributorEvents.parseLog({ topics: [...log.topics], data: log.data });
  if (!parsed) return undefined;
  const fields: Record<string, unknown> = { name: parsed.name };
  parsed.fragment.inputs.forEach((input, i) => {
    const value: unknown = parsed.args[i];
    fields[input.name] = input.type === "address" ? getAddress(value as string) : value;
  });
  return fields as DistributorEvent;
}

export interface AcceptedRoot {
  epoch: bigint;
  root: string;
  dataHash: string;
}

export interface PendingRootRecord extends AcceptedRoot {
  validAt: bigint;
}

/** Queued changes, each with the time from which anyone can apply it. */
export interface QueuedChanges {
  timelock: { value: bigint; validAt: bigint } | undefined;
  guardian: { value: string; validAt: bigint } | undefined;
  /** Publishers queued for addition (checksummed), sorted. */
  publishers: Record<string, bigint>;
}

/** What the events say about the distributor. Addresses are checksummed; keys are sorted. */
export interface DistributorHistory {
  owner: string | undefined;
  pendingOwner: string | undefined;
  guardian: string | undefined;
  publishers: string[];
  timelock: bigint;
  /** The owner's changes waiting for the timelock (applied or cancelled ones are gone). */
  queued: QueuedChanges;
  paused: boolean;
  accepted: AcceptedRoot | undefined;
  pending: PendingRootRecord | undefined;
  /** Every root accepted, in order. */
  acceptedRoots: AcceptedRoot[];
  /** Every publication revoked, in order. */
  revoked: { epoch: bigint; root: string; by: string }[];
  /** Total claimed, keyed `account/token`. */
  claimed: Record<string, bigint>;
  /** Total received through `fund`, by token (plain transfers leave no distributor event). */
  funded: Record<string, bigint>;
  /** Total swept, by token. */
  swept: Record<string, bigint>;
}

/** The key of `claimed`: checksummed `account/token`. */
export function claimKey(account: string, token: string): string {
  return `${getAddress(account)}/${getAddress(token)}`;
}

function sortedRecord(record: Map<string, bigint>): Record<string, bigint> {
  return Object.fromEntries([...record.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function add(map: Map<string, bigint>, key: string, amount: bigint): void {
  map.set(key, (map.get(key) ?? 0n) + amount);
}

/**
 * Replays events in chain order. Throws, naming the event's position, on a sequence the contract cannot emit:
 * an acceptance or a revocation with no matching pending root, a publication over a pending root or with an
 * epoch other than the accepted one plus one, a pause while paused, an unpause while not paused.
 */
export function replayDistributorEvents(events: Iterable<DistributorEvent>): DistributorHistory {
  let owner: string | undefined;
  let pendingOwner: string | undefined;
  let guardian: string | undefined;
  const publishers = new Set<string>();
  let timelock = 0n;
  let queuedTimelock: QueuedChanges["timelock"];
  let queuedGuardian: QueuedChanges["guardian"];
  const queuedPublishers = new Map<string, bigint>();
  let paused = false;
  let accepted: AcceptedRoot | undefined;
  let pending: PendingRootRecord | undefined;
  const acceptedRoots: AcceptedRoot[] = [];
  const revoked: DistributorHistory["revoked"] = [];
  const claimed = new Map<string, bigint>();
  const funded = new Map<string, bigint>();
  const swept = new Map<string, bigint>();

  let position = 0;
  for (const event of events) {
    const fail = (why: string): never => {
      throw new Error(`event #${position} (${event.name}): ${why}`);
    };
    switch (event.name) {
      case "RootPublished": {
        if (pending) fail(`epoch ${pending.epoch} is still pending`);
        const acceptedEpoch = accepted?.epoch ?? 0n;
        if (event.epoch !== acceptedEpoch + 1n) {
          fail(`epoch ${event.epoch} is not accepted epoch ${acceptedEpoch} + 1`);
        }
        pending = {
          epoch: event.epoch,
          root: event.root,
          dataHash: event.dataHash,
          validAt: event.validAt,
        };
        break;
      }
      case "RootAccepted": {
        if (!pending || pending.epoch !== event.epoch || pending.root !== event.root) {
          fail(`epoch ${event.epoch} was not the pending root`);
        }
        accepted = { epoch: event.epoch, root: event.root, dataHash: event.dataHash };
        acceptedRoots.push(accepted);
        pending = undefined;
        break;
      }
      case "RootRevoked": {
        if (!pending || pending.epoch !== event.epoch || pending.root !== event.root) {
          fail(`epoch ${event.epoch} was not the pending root`);
        }
        revoked.push({ epoch: event.epoch, root: event.root, by: event.by });
        pending = undefined;
        break;
      }
      case "Claimed":
        add(claimed, claimKey(event.account, event.token), event.amount);
        break;
      case "Funded":
        add(funded, getAddress(event.token), event.amount);
        break;
      case "Swept":
        add(swept, getAddress(event.token), event.amount);
        break;
      case "PublisherSet":
        if (event.enabled) publishers.add(event.publisher);
        else publishers.delete(event.publisher);
        queuedPublishers.delete(event.publisher);
        break;
      case "GuardianSet":
        guardian = event.newGuardian;
        queuedGuardian = undefined;
        break;
      case "TimelockSet":
        timelock = event.newTimelock;
        queuedTimelock = undefined;
        break;
      case "TimelockQueued":
        queuedTimelock = { value: event.newTimelock, validAt: event.validAt };
        break;
      case "TimelockCancelled":
        queuedTimelock = undefined;
        break;
      case "PublisherQueued":
        queuedPublishers.set(event.publisher, event.validAt);
        break;
      case "PublisherCancelled":
        queuedPublishers.delete(event.publisher);
        break;
      case "GuardianQueued":
        queuedGuardian = { value: event.newGuardian, validAt: event.validAt };
        break;
      case "GuardianCancelled":
        queuedGuardian = undefined;
        break;
      case "Paused":
        if (paused) fail("already paused");
        paused = true;
        break;
      case "Unpaused":
        if (!paused) fail("not paused");
        paused = false;
        break;
      case "OwnershipTransferStarted":
        pendingOwner = event.newOwner;
        break;
      case "OwnershipTransferred":
        owner = event.newOwner;
        pendingOwner = undefined;
        break;
    }
    position += 1;
  }
  return {
    owner,
    pendingOwner,
    guardian,
    publishers: [...publishers].sort(),
    timelock,
    queued: {
      timelock: queuedTimelock,
      guardian: queuedGuardian,
      publishers: sortedRecord(queuedPublishers),
    },
    paused,
    accepted,
    pending,
    acceptedRoots,
    revoked,
    claimed: sortedRecord(claimed),
    funded: sortedRecord(funded),
    swept: sortedRecord(swept),
  };
}
