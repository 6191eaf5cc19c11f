/**
 * Every contract call of the participant app, in one module: reads through the site's public RPC
 * (no wallet needed), writes through the connected wallet, each simulated (eth_call, then
 * estimateGas) before it is sent. ABIs are the compiled contracts' (TypeChain factories), so
 * custom errors decode by name.
 *
 * Functions and events relied on:
 *   TieredMint         claim(), claimWithVoucher((account,deadline),signature), claims(account),
 *                      claimCount(), closed(), paused(), mode(), openingTime(), registrar(),
 *                      quote(ordinal), event Claimed(account indexed, ordinal indexed, tier, dollars, amounts)
 *   RiddleBoard        commit(riddle, commitment), reveal(riddle, answer, salt), getRiddle(riddle),
 *                      riddleCount(), commitmentOf(riddle, participant), hasEarned(riddle, participant),
 *                      event RiddlePublished(riddle indexed, key, kind, params, answerCommitment,
 *                      commitDeadline, revealDeadline, question)
 *   RewardDistributor  claimMany((account,token,cumulativeAmount,proof)[]), claimed(account, token),
 *                      epoch(), root(), pendingRoot(), claimDeadline(), paused()
 *   ERC-20             balanceOf(account)
 */
import {
  Interface,
  JsonRpcProvider,
  type ContractTransactionResponse,
  type Provider,
  type Signer,
  type TransactionReceipt,
} from "ethers";
import { TieredMint__factory } from "../../typechain-types/factories/contracts/mint/TieredMint__factory";
import { RiddleBoard__factory } from "../../typechain-types/factories/contracts/points/RiddleBoard__factory";
import { RewardDistributor__factory } from "../../typechain-types/factories/contracts/rewards/RewardDistributor__factory";
import { TestnetToken__factory } from "../../typechain-types/factories/contracts/token/TestnetToken__factory";
import { siteRiddle } from "../../src/site/manifest";
import type { SiteManifest, SiteRiddle } from "../../src/site/types";
import type { DistributorState } from "../../src/site/status";

/** Every custom error the app can meet, to decode a revert's data by name. */
export const ERRORS = new Interface(
  [
    ...TieredMint__factory.abi,
    ...RiddleBoard__factory.abi,
    ...RewardDistributor__factory.abi,
    ...TestnetToken__factory.abi,
  ].filter((f) => f.type === "error"),
);

export function readProvider(m: SiteManifest): JsonRpcProvider {
  return new JsonRpcProvider(m.chain.rpcUrl, m.chain.chainId, { staticNetwork: true });
}

export async function chainNow(p: Provider): Promise<number> {
  const block = await p.getBlock("latest");
  return block ? block.timestamp : Math.floor(Date.now() / 1000);
}

export interface MintView {
  claimCount: bigint;
  closed: boolean;
  paused: boolean;
  openingTime: number;
  mode: "open" | "voucher";
  registrar: string;
  /** The account's join, when it joined. */
  joined?: { ordinal: bigint; dollars: bigint; tier: number; amounts: bigint[] };
}

export async function mintView(p: Provider, m: SiteManifest, account?: string): Promise<MintView> {
  const mint = TieredMint__factory.connect(m.contracts.mint, p);
  const [claimCount, closed, paused, openingTime, mode, registrar] = await Promise.all([
    mint.claimCount(),
    mint.closed(),
    mint.paused(),
    mint.openingTime(),
    mint.mode(),
    mint.registrar(),
  ]);
  const view: MintView = {
    claimCount,
    closed,
    paused,
    openingTime: Number(openingTime),
    mode: Number(mode) === 0 ? "open" : "voucher",
    registrar,
  };
  if (account) {
    const [ordinal, dollars] = await mint.claims(account);
    if (ordinal > 0n) {
      const [tier, , amounts] = await mint.quote(ordinal);
      view.joined = { ordinal, dollars, tier: Number(tier), amounts: [...amounts] };
    }
  }
  return view;
}

export interface RiddleView {
  riddle: SiteRiddle;
  answerRevealed: boolean;
  commitment: string;
  earned: boolean;
}

/** The season's riddles: the site's, and any published since the site was built. */
export async function riddles(p: Provider, m: SiteManifest): Promise<SiteRiddle[]> {
  const board = RiddleBoard__factory.connect(m.contracts.riddles, p);
  const count = Number(await board.riddleCount());
  const known = m.riddles.filter((r) => r.id <= count);
  if (count > known.length) {
    const logs = await board.queryFilter(board.filters.RiddlePublished(), m.startBlock);
    for (const e of logs)
      if (!known.some((r) => r.id === Number(e.args.riddle))) known.push(siteRiddle(e.args));
  }
  return known.sort((a, b) => a.id - b.id);
}

export async function riddleView(
  p: Provider,
  m: SiteManifest,
  riddle: SiteRiddle,
  account?: string,
): Promise<RiddleView> {
  const board = RiddleBoard__factory.connect(m.contracts.riddles, p);
  const state = await board.getRiddle(riddle.id);
  const [commitment, earned] = account
    ? await Promise.all([
        board.commitmentOf(riddle.id, account),
        board.hasEarned(riddle.id, account),
      ])
    : [`0x${"00".repeat(32)}`, false];
  return { riddle, answerRevealed: state.answerRevealed, commitment, earned };
}

export async function distributorState(p: Provider, m: SiteManifest): Promise<DistributorState> {
  const d = RewardDistributor__factory.connect(m.contracts.distributor, p);
  const [epoch, root, pending, claimDeadline] = await Promise.all([
    d.epoch(),
    d.root(),
    d.pendingRoot(),
    d.claimDeadline(),
  ]);
  return {
    epoch: Number(epoch),
    root,
    pending:
      pending.epoch > 0n
        ? { epoch: Number(pending.epoch), root: pending.root, validAt: Number(pending.validAt) }
        : undefined,
    claimDeadline: Number(claimDeadline),
  };
}

export async function distributorPaused(p: Provider, m: SiteManifest): Promise<boolean> {
  return RewardDistributor__factory.connect(m.contracts.distributor, p).paused();
}

export async function claimedOf(
  p: Provider,
  m: SiteManifest,
  account: string,
  tokens: readonly string[],
): Promise<Map<string, bigint>> {
  const d = RewardDistributor__factory.connect(m.contracts.distributor, p);
  const values = await Promise.all(tokens.map((t) => d.claimed(account, t)));
  return new Map(tokens.map((t, i) => [t.toLowerCase(), values[i]]));
}

export async function balancesOf(
  p: Provider,
  account: string,
  tokens: readonly string[],
): Promise<Map<string, bigint>> {
  const values = await Promise.all(
    tokens.map((t) => TestnetToken__factory.connect(t, p).balanceOf(account)),
  );
  return new Map(tokens.map((t, i) => [t.toLowerCase(), values[i]]));
}

/* Writes: simulate (eth_call and estimateGas), then send. */

export interface Sendable {
  /** eth_call: throws the revert the transaction would meet. */
  simulate(): Promise<unknown>;
  estimate(): Promise<bigint>;
  send(gasLimit: bigint): Promise<ContractTransactionResponse>;
}

/** The gas estimate plus a fifth, as wallets do. */
const padded = (gas: bigint) => gas + gas / 5n;

export function joinTx(
  signer: Signer,
  m: SiteManifest,
  voucher?: { account: string; deadline: number; signature: string },
): Sendable {
  const mint = TieredMint__factory.connect(m.contracts.mint, signer);
  if (!voucher)
    return {
      simulate: () => mint.claim.staticCall(),
      estimate: () => mint.claim.estimateGas(),
      send: (gas) => mint.claim({ gasLimit: padded(gas) }),
    };
  const v = { account: voucher.account, deadline: BigInt(voucher.deadline) };
  return {
    simulate: () => mint.claimWithVoucher.staticCall(v, voucher.signature),
    estimate: () => mint.claimWithVoucher.estimateGas(v, voucher.signature),
    send: (gas) => mint.claimWithVoucher(v, voucher.signature, { gasLimit: padded(gas) }),
  };
}

export function commitTx(
  signer: Signer,
  m: SiteManifest,
  riddle: number,
  commitment: string,
): Sendable {
  const board = RiddleBoard__factory.connect(m.contracts.riddles, signer);
  return {
    simulate: () => board.commit.staticCall(riddle, commitment),
    estimate: () => board.commit.estimateGas(riddle, commitment),
    send: (gas) => board.commit(riddle, commitment, { gasLimit: padded(gas) }),
  };
}

export function revealTx(
  signer: Signer,
  m: SiteManifest,
  riddle: number,
  answer: string,
  salt: string,
): Sendable {
  const board = RiddleBoard__factory.connect(m.contracts.riddles, signer);
  return {
    simulate: () => board.reveal.staticCall(riddle, answer, salt),
    estimate: () => board.reveal.estimateGas(riddle, answer, salt),
    send: (gas) => board.reveal(riddle, answer, salt, { gasLimit: padded(gas) }),
  };
}

export interface ClaimInput {
  account: string;
  token: string;
  cumulativeAmount: bigint;
  proof: string[];
}

export function claimManyTx(signer: Signer, m: SiteManifest, claims: ClaimInput[]): Sendable {
  const d = RewardDistributor__factory.connect(m.contracts.distributor, signer);
  return {
    simulate: () => d.claimMany.staticCall(claims),
    estimate: () => d.claimMany.estimateGas(claims),
    send: (gas) => d.claimMany(claims, { gasLimit: padded(gas) }),
  };
}

export type { TransactionReceipt };
