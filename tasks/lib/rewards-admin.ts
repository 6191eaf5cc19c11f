/**
 * rewards:timelock, rewards:publisher, rewards:guardian (the owner queues a change), rewards:apply
 * (anyone applies a due change), rewards:cancel (the guardian or the owner cancels one) and
 * rewards:queued (what is queued). Every check is made before the transaction is sent.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { ZeroAddress } from "ethers";
import type { RewardDistributor } from "../../typechain-types";
import { duration, isoTime } from "../../src/format/time";
import { addressArg, chainNow, sendTx, signerFor } from "./cli";
import { distributorAt } from "./distributor";
import { TaskError } from "./errors";
import { loadDeployedSeason } from "./season";

export const CHANGE_KINDS = ["timelock", "publisher", "guardian"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** What `setX` did: queued until `validAt`, or applied at once (a zero timelock). */
export interface ChangeResult {
  change: ChangeKind;
  value: string;
  queued: boolean;
  /** Unix seconds from which `rewards:apply` can apply it (0 when applied at once). */
  validAt: number;
  txHash: string;
}

/** One queued change, as rewards:queued lists it. */
export interface QueuedChange {
  change: ChangeKind;
  value: string;
  validAt: number;
  /** Whether it can be applied now. */
  due: boolean;
}

interface Target {
  hre: HardhatRuntimeEnvironment;
  distributor: RewardDistributor;
  signer: string;
  season: string;
  network: string;
}

async function target(
  hre: HardhatRuntimeEnvironment,
  args: { season: string; from?: string },
): Promise<Target> {
  const deployed = await loadDeployedSeason(hre, args.season);
  const signer = await signerFor(hre, args.from);
  const distributor = await distributorAt(hre, signer.address, deployed);
  return {
    hre,
    distributor,
    signer: signer.address,
    season: args.season,
    network: hre.network.name,
  };
}

async function requireOwner(t: Target): Promise<void> {
  const owner = await t.distributor.owner();
  if (owner !== t.signer)
    throw new TaskError(
      `${t.signer} is not the distributor's owner (${owner}): give --from the owner`,
    );
}

async function requireGuardianOrOwner(t: Target): Promise<void> {
  const [guardian, owner] = await Promise.all([t.distributor.guardian(), t.distributor.owner()]);
  if (t.signer !== guardian && t.signer !== owner)
    throw new TaskError(
      `${t.signer} is neither the guardian (${guardian}) nor the owner (${owner}) of the distributor: give --from one of them`,
    );
}

/** Reports a queued change (or one applied at once) from the receipt's events. */
function reportChange(
  t: Target,
  change: ChangeKind,
  value: string,
  receipt: Awaited<ReturnType<typeof sendTx>>,
  applyArgs: string,
): ChangeResult {
  const events = receipt.logs
    .map((l) => t.distributor.interface.parseLog(l))
    .filter((e) => e !== null);
  const queued = events.find((e) => e.name.endsWith("Queued"));
  const validAt = queued ? Number(queued.args.validAt) : 0;
  if (queued) {
    console.log(
      `queued ${change} ${value}: it applies from ${isoTime(validAt)} on; until then the guardian or the owner may cancel it (tx ${receipt.hash})`,
    );
    console.log(
      `next: npx hardhat rewards:apply --network ${t.network} --season ${t.season} --change ${change}${applyArgs}`,
    );
  } else {
    console.log(`set ${change} ${value} at once: the timelock is zero (tx ${receipt.hash})`);
  }
  return { change, value, queued: queued !== undefined, validAt, txHash: receipt.hash };
}

export async function queueTimelock(
  hre: HardhatRuntimeEnvironment,
  args: { season: string; seconds: number; from?: string },
): Promise<ChangeResult> {
  const t = await target(hre, args);
  if (!Number.isInteger(args.seconds) || args.seconds < 0)
    throw new TaskError(`--seconds must be a whole number of seconds, got ${args.seconds}`);
  const max = await t.distributor.MAX_TIMELOCK();
  if (BigInt(args.seconds) > max)
    throw new TaskError(
      `--seconds ${args.seconds} is above the longest timelock, ${max} s (30 days)`,
    );
  await requireOwner(t);
  const receipt = await sendTx(`queuing timelock ${args.seconds} s`, () =>
    t.distributor.setTimelock(args.seconds),
  );
  return reportChange(t, "timelock", `${args.seconds} s`, receipt, "");
}

export async function queuePublisher(
  hre: HardhatRuntimeEnvironment,
  args: { season: string; address: string; remove: boolean; from?: string },
): Promise<ChangeResult> {
  const t = await target(hre, args);
  const publisher = addressArg(hre, "address", args.address);
  if (publisher === ZeroAddress) throw new TaskError("--address must not be the zero address");
  await requireOwner(t);
  if (args.remove) {
    const [isPublisher, queuedAt] = await Promise.all([
      t.distributor.isPublisher(publisher),
      t.distributor.queuedPublisher(publisher),
    ]);
    if (!isPublisher && queuedAt === 0n)
      throw new TaskError(`${publisher} is not a publisher, nor queued as one: nothing to remove`);
    const receipt = await sendTx(`removing publisher ${publisher}`, () =>
      t.distributor.setPublisher(publisher, false),
    );
    const revoked = receipt.logs
      .map((l) => t.distributor.interface.parseLog(l))
      .find((e) => e?.name === "RootRevoked");
    console.log(
      `removed publisher ${publisher} at once (tx ${receipt.hash})` +
        (revoked ? `; its pending root of epoch ${revoked.args.epoch} is revoked` : ""),
    );
    return {
      change: "publisher",
      value: `-${publisher}`,
      queued: false,
      validAt: 0,
      txHash: receipt.hash,
    };
  }
  if (await t.distributor.isPublisher(publisher))
    throw new TaskError(`${publisher} is already a publisher`);
  const receipt = await sendTx(`queuing publisher ${publisher}`, () =>
    t.distributor.setPublisher(publisher, true),
  );
  return reportChange(t, "publisher", publisher, receipt, ` --address ${publisher}`);
}

export async function queueGuardian(
  hre: HardhatRuntimeEnvironment,
  args: { season: string; address: string; from?: string },
): Promise<ChangeResult> {
  const t = await target(hre, args);
  const guardian = args.address === "none" ? ZeroAddress : addressArg(hre, "address", args.address);
  await requireOwner(t);
  const receipt = await sendTx(`queuing guardian ${guardian}`, () =>
    t.distributor.setGuardian(guardian),
  );
  return reportChange(t, "guardian", guardian, receipt, "");
}

/** The change `kind` (with `address` for a publisher) as queued on chain, or undefined. */
async function queuedChange(
  t: Target,
  kind: ChangeKind,
  address: string | undefined,
): Promise<{ value: string; validAt: bigint } | undefined> {
  switch (kind) {
    case "timelock": {
      const [value, validAt] = await t.distributor.queuedTimelock();
      return validAt === 0n ? undefined : { value: `${value} s`, validAt };
    }
    case "guardian": {
      const [value, validAt] = await t.distributor.queuedGuardian();
      return validAt === 0n ? undefined : { value, validAt };
    }
    case "publisher": {
      const validAt = await t.distributor.queuedPublisher(address!);
      return validAt === 0n ? undefined : { value: address!, validAt };
    }
  }
}

function changeArgs(
  hre: HardhatRuntimeEnvironment,
  args: { change: string; address?: string },
): { kind: ChangeKind; address?: string } {
  if (!(CHANGE_KINDS as readonly string[]).includes(args.change))
    throw new TaskError(`--change must be one of ${CHANGE_KINDS.join(", ")}, not '${args.change}'`);
  const kind = args.change as ChangeKind;
  if (kind === "publisher") {
    if (args.address === undefined) throw new TaskError("--change publisher needs --address");
    return { kind, address: addressArg(hre, "address", args.address) };
  }
  if (args.address !== undefined)
    throw new TaskError(`--address is for --change publisher, not ${kind}`);
  return { kind };
}

/** The change the task names, as queued on chain; refused when nothing is queued to `verb`. */
async function queuedTarget(
  hre: HardhatRuntimeEnvironment,
  args: { season: string; change: string; address?: string; from?: string },
  verb: "apply" | "cancel",
) {
  const t = await target(hre, args);
  const { kind, address } = changeArgs(hre, args);
  const queued = await queuedChange(t, kind, address);
  if (!queued)
    throw new TaskError(
      `no ${kind} change is queued${address ? ` for ${address}` : ""}: nothing to ${verb}`,
    );
  return { t, kind, address, queued };
}

/** The distributor's apply and cancel of each kind of queued change (`a`: the publisher). */
const CHANGE_CALLS: Record<
  ChangeKind,
  Record<
    "apply" | "cancel",
    (d: RewardDistributor, a: string) => ReturnType<RewardDistributor["applyTimelock"]>
  >
> = {
  timelock: { apply: (d) => d.applyTimelock(), cancel: (d) => d.cancelTimelock() },
  guardian: { apply: (d) => d.applyGuardian(), cancel: (d) => d.cancelGuardian() },
  publisher: { apply: (d, a) => d.applyPublisher(a), cancel: (d, a) => d.cancelPublisher(a) },
};

/** Sends the distributor's apply or cancel of the queued change `kind`. */
function sendChange(t: Target, verb: "apply" | "cancel", kind: ChangeKind, address?: string) {
  return sendTx(`${verb === "apply" ? "applying" : "cancelling"} the ${kind} change`, () =>
    CHANGE_CALLS[kind][verb](t.distributor, address!),
  );
}

export async function applyChange(
  hre: HardhatRuntimeEnvironment,
  args: { season: string; change: string; address?: string; from?: string },
): Promise<{ change: ChangeKind; value: string; txHash: string }> {
  const { t, kind, address, queued } = await queuedTarget(hre, args, "apply");
  const now = await chainNow(hre);
  if (now < queued.validAt)
    throw new TaskError(
      `the ${kind} change to ${queued.value} applies from ${isoTime(queued.validAt)} on, ${duration(queued.validAt - now)} from the chain's time ${isoTime(now)}`,
    );
  const receipt = await sendChange(t, "apply", kind, address);
  console.log(`applied: ${kind} ${queued.value} (tx ${receipt.hash})`);
  return { change: kind, value: queued.value, txHash: receipt.hash };
}

export async function cancelChange(
  hre: HardhatRuntimeEnvironment,
  args: { season: string; change: string; address?: string; from?: string },
): Promise<{ change: ChangeKind; value: string; txHash: string }> {
  const { t, kind, address, queued } = await queuedTarget(hre, args, "cancel");
  await requireGuardianOrOwner(t);
  const receipt = await sendChange(t, "cancel", kind, address);
  console.log(`cancelled: ${kind} ${queued.value} (tx ${receipt.hash})`);
  return { change: kind, value: queued.value, txHash: receipt.hash };
}

/** Every queued change (publishers from the distributor's PublisherQueued events). */
export async function listQueued(
  hre: HardhatRuntimeEnvironment,
  args: { season: string },
): Promise<QueuedChange[]> {
  const t = await target(hre, args);
  const now = await chainNow(hre);
  const candidates = new Set(
    (await t.distributor.queryFilter(t.distributor.filters.PublisherQueued())).map(
      (e) => e.args.publisher,
    ),
  );
  const found: QueuedChange[] = [];
  const add = (change: ChangeKind, q: { value: string; validAt: bigint } | undefined) => {
    if (q)
      found.push({ change, value: q.value, validAt: Number(q.validAt), due: now >= q.validAt });
  };
  add("timelock", await queuedChange(t, "timelock", undefined));
  add("guardian", await queuedChange(t, "guardian", undefined));
  for (const p of [...candidates].sort()) add("publisher", await queuedChange(t, "publisher", p));
  if (found.length === 0) console.log("no change is queued");
  for (const q of found)
    console.log(
      `${q.change} ${q.value}: ${q.due ? "due now" : `applies from ${isoTime(q.validAt)}`}`,
    );
  return found;
}
