/**
 * epoch:publish, epoch:accept, epoch:revoke: the root life cycle on the distributor. Every check
 * is made before the transaction is sent; the contract's own checks stay the last word.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { checkEpochFolder } from "../../src/season/epoch-folder-check";
import { distributorAt, publishedRoot } from "./distributor";
import { TaskError } from "./errors";
import { epochDir } from "./epochs";
import { duration, isoTime } from "../../src/format/time";
import { chainNow, sendTx, signerFor } from "./cli";
import { closedEpoch } from "./season-ops";
import { loadDeployedSeason } from "./season";
import { EPOCH_ORDER } from "../../src/season/next-step";
import { printNext } from "./progress";

export interface PublishResult {
  epoch: number;
  root: string;
  dataHash: string;
  validAt: number;
  txHash: string;
}

export async function publishEpoch(
  hre: HardhatRuntimeEnvironment,
  args: { season: string; epoch?: number; from?: string },
): Promise<PublishResult> {
  const deployed = await loadDeployedSeason(hre, args.season);
  const signer = await signerFor(hre, args.from);
  const { epoch, dir, summary } = closedEpoch(hre, deployed, args.epoch);

  const check = await checkEpochFolder(dir, {
    season: deployed.season,
    epoch,
    previousDir: epoch > 1 ? epochDir(hre, epoch - 1) : undefined,
  });
  if (!check.ok) {
    for (const p of check.problems) process.stderr.write(`  ${p}\n`);
    const more = check.problems.length > 1 ? ` (and ${check.problems.length - 1} more above)` : "";
    throw new TaskError(
      `${dir} is not what epoch:close wrote (edited by hand?): ${check.problems[0]}${more}; run epoch:close --epoch ${epoch} again`,
    );
  }
  for (const note of check.notes) process.stderr.write(`note: ${note}\n`);

  const distributor = await distributorAt(hre, signer.address, deployed);
  const onChain = await publishedRoot(distributor, epoch);
  if (onChain?.status === "accepted")
    throw new TaskError(`epoch ${epoch} is already published and accepted (root ${onChain.root})`);
  if (onChain?.status === "pending")
    throw new TaskError(
      `epoch ${epoch} is already published (root ${onChain.root}), pending until ${isoTime(onChain.validAt)}: accept it (epoch:accept) or revoke it (epoch:revoke)`,
    );
  // An epoch at or below the accepted one has an accepted publication (refused above).
  const accepted = Number(await distributor.epoch());
  const pending = await distributor.pendingRoot();
  if (pending.epoch !== 0n)
    throw new TaskError(
      `epoch ${pending.epoch}'s root is pending until ${isoTime(pending.validAt)}: accept or revoke it before publishing epoch ${epoch}`,
    );
  if (epoch !== accepted + 1)
    throw new TaskError(
      `epoch ${epoch} cannot be published before epoch ${accepted + 1}: epochs advance by one (publish epoch ${accepted + 1} first)`,
    );
  if (!(await distributor.isPublisher(signer.address)))
    throw new TaskError(
      `${signer.address} may not publish roots on the distributor at ${distributor.target} (give --from a publisher)`,
    );
  const now = await chainNow(hre);
  const deadline = await distributor.claimDeadline();
  if (now >= deadline)
    throw new TaskError(`the distributor's claim deadline ${isoTime(deadline)} has passed`);

  const receipt = await sendTx(`publishing epoch ${epoch}`, () =>
    distributor.publishRoot(epoch, summary.root, summary.dataHash),
  );
  const events = receipt.logs.map((l) => distributor.interface.parseLog(l));
  const published = events.find((e) => e?.name === "RootPublished");
  const acceptedNow = events.some((e) => e?.name === "RootAccepted");
  const validAt = Number(published?.args.validAt ?? 0n);
  console.log(`published epoch ${epoch}: root ${summary.root}`);
  console.log(`dataHash ${summary.dataHash} (keccak256 of ${dir}/tree.json)`);
  console.log(
    acceptedNow
      ? "accepted at once (the distributor's timelock is zero): claims can start"
      : `pending: accept it from ${isoTime(validAt)} on (epoch:accept); until then the guardian or owner may revoke it`,
  );
  console.log(EPOCH_ORDER);
  await printNext(hre, deployed);
  return { epoch, root: summary.root, dataHash: summary.dataHash, validAt, txHash: receipt.hash };
}

export async function acceptEpoch(
  hre: HardhatRuntimeEnvironment,
  args: { season: string; from?: string },
): Promise<{ epoch: number; root: string; txHash: string }> {
  const deployed = await loadDeployedSeason(hre, args.season);
  const signer = await signerFor(hre, args.from);
  const distributor = await distributorAt(hre, signer.address, deployed);
  const pending = await distributor.pendingRoot();
  if (pending.epoch === 0n) {
    const accepted = await distributor.epoch();
    throw new TaskError(
      `no root is pending${accepted > 0n ? ` (epoch ${accepted} is the accepted one)` : ""}: publish one first (epoch:publish)`,
    );
  }
  const now = await chainNow(hre);
  if (now < pending.validAt)
    throw new TaskError(
      `epoch ${pending.epoch}'s root can be accepted from ${isoTime(pending.validAt)} on, ${duration(pending.validAt - now)} from the chain's time ${isoTime(now)}`,
    );
  const receipt = await sendTx(`accepting epoch ${pending.epoch}`, () => distributor.acceptRoot());
  console.log(`accepted epoch ${pending.epoch}: root ${pending.root} (tx ${receipt.hash})`);
  await printNext(hre, deployed);
  return { epoch: Number(pending.epoch), root: pending.root, txHash: receipt.hash };
}

export async function revokeEpoch(
  hre: HardhatRuntimeEnvironment,
  args: { season: string; from?: string },
): Promise<{ epoch: number; root: string; txHash: string }> {
  const deployed = await loadDeployedSeason(hre, args.season);
  const signer = await signerFor(hre, args.from);
  const distributor = await distributorAt(hre, signer.address, deployed);
  const pending = await distributor.pendingRoot();
  if (pending.epoch === 0n) throw new TaskError("no root is pending: there is nothing to revoke");
  const [guardian, owner] = await Promise.all([distributor.guardian(), distributor.owner()]);
  if (signer.address !== guardian && signer.address !== owner)
    throw new TaskError(
      `${signer.address} is neither the guardian (${guardian}) nor the owner (${owner}) of the distributor: give --from one of them`,
    );
  const receipt = await sendTx(`revoking epoch ${pending.epoch}`, () =>
    distributor.revokePendingRoot(),
  );
  console.log(
    `revoked epoch ${pending.epoch}'s pending root ${pending.root} (tx ${receipt.hash}); the epoch may be published again`,
  );
  await printNext(hre, deployed);
  return { epoch: Number(pending.epoch), root: pending.root, txHash: receipt.hash };
}
