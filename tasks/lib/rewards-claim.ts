/**
 * rewards:proof and rewards:claim: an account's leaves and proofs from an epoch folder's
 * proofs.json, and the claim (one leaf) or claimMany batch (several) that pays them.
 */
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { formatTable } from "../../src/format/table";
import {
  accountProofs,
  claimLeavesOf,
  planClaims,
  type AccountProofs,
} from "../../src/season/claims";
import {
  EpochFileError,
  findProofs,
  type ProofLeaf,
  type ProofsHeader,
} from "../../src/season/epoch-files";
import { distributorAt, publishedRoot } from "./distributor";
import { TaskError } from "./errors";
import { duration, isoTime } from "../../src/format/time";
import { addressArg, chainNow, sendTx, signerFor } from "./cli";
import { accountsArg, closedEpoch, tokenInfo, type ClosedEpoch } from "./season-ops";
import { epochsDir, loadDeployedSeason, type DeployedSeason } from "./season";
import { latestClosedEpoch } from "./epochs";

/** The leaves of `accounts` in an epoch folder's proofs.json (checked against its summary). */
async function proofsOf(
  closed: ClosedEpoch,
  accounts: readonly string[],
): Promise<{ header: ProofsHeader; leaves: Map<string, ProofLeaf[]> }> {
  const file = path.join(closed.dir, "proofs.json");
  let found;
  try {
    found = await findProofs(file, accounts);
  } catch (e) {
    if (e instanceof EpochFileError) throw new TaskError(`${closed.dir}/${e.message}`);
    throw new TaskError(`${file}: ${(e as Error).message}`);
  }
  if (found.header.root !== closed.summary.root || found.header.epoch !== closed.epoch)
    throw new TaskError(
      `${file} is for epoch ${found.header.epoch} root ${found.header.root}, summary.json for epoch ${closed.epoch} root ${closed.summary.root}`,
    );
  return found;
}

/**
 * Where the first of `missing` is entitled after the accepted epoch `accepted`: the latest closed
 * epoch folder holding a leaf for it, described with its state on chain and when it becomes
 * claimable. Undefined when no later folder names it.
 */
async function laterEntitlement(
  hre: HardhatRuntimeEnvironment,
  deployed: DeployedSeason,
  distributor: Awaited<ReturnType<typeof distributorAt>>,
  accepted: number,
  missing: readonly string[],
): Promise<string | undefined> {
  const latest = latestClosedEpoch(epochsDir(hre));
  if (latest === undefined || latest <= accepted) return undefined;
  const closed = closedEpoch(hre, deployed, latest);
  const { leaves } = await proofsOf(closed, missing);
  if (leaves.size === 0) return undefined;
  const onChain = await publishedRoot(distributor, latest);
  const state =
    onChain?.status === "pending" && onChain.root === closed.summary.root
      ? `published and pending: claimable once accepted, from ${isoTime(onChain.validAt)} (epoch:accept)`
      : `closed but not published yet: claimable once published and accepted (epoch:publish, then the timelock of ${duration(await distributor.timelock())}, then epoch:accept)`;
  return `: their entitlement so far is in epoch ${latest}, ${state}`;
}

export async function rewardsProof(
  hre: HardhatRuntimeEnvironment,
  args: { season: string; account: string; epoch?: number },
): Promise<AccountProofs> {
  const account = addressArg(hre, "account", args.account).toLowerCase();
  const deployed = await loadDeployedSeason(hre, args.season);
  const closed = closedEpoch(hre, deployed, args.epoch);
  const { header, leaves } = await proofsOf(closed, [account]);
  const mine = leaves.get(account);
  if (!mine)
    throw new TaskError(
      `${hre.ethers.getAddress(account)} has no reward leaf in epoch ${closed.epoch} (no entitlement so far)`,
    );
  const out = accountProofs(header, account, mine);
  console.log(JSON.stringify(out, null, 2));
  return out;
}

export interface PaidClaim {
  account: string;
  token: string;
  symbol: string;
  amount: bigint;
}

export interface ClaimResult {
  txHash: string;
  gasUsed: bigint;
  paid: PaidClaim[];
  /** Leaves already claimed in full (not sent). */
  skipped: { account: string; token: string; cumulative: bigint }[];
}

export async function rewardsClaim(
  hre: HardhatRuntimeEnvironment,
  args: { season: string; account: string; epoch?: number; from?: string },
): Promise<ClaimResult> {
  const accounts = accountsArg(hre, "account", args.account);
  const deployed = await loadDeployedSeason(hre, args.season);
  const signer = await signerFor(hre, args.from);
  const distributor = await distributorAt(hre, signer.address, deployed);

  const accepted = Number(await distributor.epoch());
  const n = args.epoch ?? accepted;
  if (accepted === 0 || n !== accepted) {
    const pending = await distributor.pendingRoot();
    const asked = args.epoch ?? Number(pending.epoch);
    if (pending.epoch !== 0n && asked === Number(pending.epoch))
      throw new TaskError(
        `epoch ${pending.epoch}'s root is published but not accepted yet (pending until ${isoTime(pending.validAt)}): claims open once it is accepted (epoch:accept)`,
      );
    if (accepted === 0)
      throw new TaskError("no root has been accepted yet: there is nothing to claim");
    const published = await publishedRoot(distributor, n);
    const state = !published
      ? `epoch ${n} was never published`
      : published.status === "accepted"
        ? `epoch ${n}'s root was superseded by epoch ${accepted}'s`
        : `epoch ${n}'s root is ${published.status}`;
    throw new TaskError(
      `epoch ${n} is not the accepted epoch (${accepted}): ${state}; claims are checked against the accepted root, use --epoch ${accepted}`,
    );
  }
  if (await distributor.paused()) throw new TaskError("claims are paused on the distributor");
  const deadline = await distributor.claimDeadline();
  if ((await chainNow(hre)) >= deadline)
    throw new TaskError(`the claim deadline ${isoTime(deadline)} has passed`);

  const closed = closedEpoch(hre, deployed, n);
  const root = await distributor.root();
  if (closed.summary.root !== root)
    throw new TaskError(
      `${closed.dir} has root ${closed.summary.root} but the accepted root of epoch ${n} is ${root}: its proofs cannot claim`,
    );
  const lower = accounts.map((a) => a.toLowerCase());
  const { leaves: proofs } = await proofsOf(closed, lower);
  const { leaves, missing } = claimLeavesOf(proofs, lower);
  if (missing.length > 0) {
    const later = await laterEntitlement(hre, deployed, distributor, n, missing);
    throw new TaskError(
      `no reward leaf in epoch ${n}, the accepted epoch, for ${missing.map((a) => hre.ethers.getAddress(a)).join(", ")}${later ?? " (no entitlement so far)"}`,
    );
  }
  const claimed = new Map<string, bigint>();
  for (const l of leaves)
    claimed.set(`${l.account}/${l.token}`, await distributor.claimed(l.account, l.token));
  const plan = planClaims(leaves, (a, t) => claimed.get(`${a}/${t}`) ?? 0n);
  if (plan.claims.length === 0)
    throw new TaskError(
      `nothing to claim: ${accounts.join(", ")} already claimed everything epoch ${n} entitles them to`,
    );
  const infos = new Map<string, Awaited<ReturnType<typeof tokenInfo>>>();
  for (const [token, due] of plan.dueByToken) {
    const info = await tokenInfo(hre, deployed, token);
    infos.set(token, info);
    const erc20 = await hre.ethers.getContractAt("TestnetToken", token);
    const balance = await erc20.balanceOf(distributor.target);
    if (balance < due)
      throw new TaskError(
        `the distributor holds ${info.format(balance)}, these claims need ${info.format(due)}: it must be funded first (rewards:fund --epoch ${n})`,
      );
  }

  const receipt =
    plan.claims.length === 1
      ? await sendTx("claiming", () => {
          const c = plan.claims[0];
          return distributor.claim(c.account, c.token, c.cumulative, c.proof);
        })
      : await sendTx(`claiming ${plan.claims.length} leaves`, () =>
          distributor.claimMany(
            plan.claims.map((c) => ({
              account: c.account,
              token: c.token,
              cumulativeAmount: c.cumulative,
              proof: c.proof,
            })),
          ),
        );
  const paid: PaidClaim[] = [];
  for (const log of receipt.logs) {
    const e = distributor.interface.parseLog(log);
    if (e?.name !== "Claimed") continue;
    const token = String(e.args.token).toLowerCase();
    paid.push({
      account: hre.ethers.getAddress(String(e.args.account)),
      token: hre.ethers.getAddress(token),
      symbol: infos.get(token)?.symbol ?? deployed.symbolOf(token),
      amount: e.args.amount as bigint,
    });
  }
  const skipped = plan.skipped.map((s) => ({
    account: hre.ethers.getAddress(s.account),
    token: hre.ethers.getAddress(s.token),
    cumulative: s.cumulative,
  }));
  console.log(
    `claimed epoch ${n}'s rewards (${plan.claims.length === 1 ? "claim" : "claimMany"}, tx ${receipt.hash}, ${receipt.gasUsed} gas):`,
  );
  console.log(
    formatTable(
      ["account", "paid", "token"],
      paid.map((p) => [p.account, infos.get(p.token.toLowerCase())!.amount(p.amount), p.symbol]),
    ),
  );
  for (const s of skipped)
    console.log(`skipped ${s.account} ${deployed.symbolOf(s.token)}: already claimed in full`);
  return { txHash: receipt.hash, gasUsed: receipt.gasUsed, paid, skipped };
}
