/**
 * Model-based property test: random sequences of publish (by either of two candidate publishers) / accept /
 * revoke / claim / claimMany / fund / pause / unpause / queued changes (setTimelock, setPublisher to add or
 * remove the second publisher, apply and cancel each) / time travel, run against the contract and against a
 * TypeScript model of the rules. After every step the contract and the model agree (roots, epochs, pending root, pause, timelock,
 * claimed amounts, every balance) and nothing paid exceeds the largest cumulative amount ever accepted for
 * that (account, token). After each sequence, the history rebuilt from the events alone
 * (src/rewards/history.ts) agrees with both.
 *
 * Proofs are checked by the model with @openzeppelin/merkle-tree's own verifier, independently of the
 * contract. Runs: MODEL_RUNS (default 40), seed: MODEL_SEED (default fixed, for a reproducible CI).
 */
import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  DISTRIBUTOR_EVENTS_ABI,
  claimKey,
  decodeDistributorLog,
  replayDistributorEvents,
  type DistributorEvent,
} from "../../src/rewards/history";
import type { RewardDistributor, TestnetToken } from "../../typechain-types";
import { DAY, LEAF_ENCODING, type Entitlement } from "./RewardDistributor.fixture";

const ACCOUNTS = 3;
const TOKENS = 2;
const RUNS = Number(process.env.MODEL_RUNS ?? 40);
const SEED = Number(process.env.MODEL_SEED ?? 20_240_601);

type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];

interface Real {
  distributor: RewardDistributor;
  tokens: TestnetToken[];
  token: string[];
  account: string[];
  owner: Signer;
  publisher: Signer;
  guardian: Signer;
  stranger: Signer;
  funder: Signer;
  second: Signer;
  deployBlock: number;
}

interface Published {
  epoch: bigint;
  tree: StandardMerkleTree<Entitlement>;
  root: string;
  dataHash: string;
}

/** The two accounts that may be publishers: 0 the deployment's publisher, 1 a second one the owner adds. */
const PUBLISHERS = 2;

class Model {
  timelock = DAY;
  queuedTimelock: { value: bigint; validAt: bigint } | undefined;
  /** Which of the two candidate publishers are publishers, and their queued additions. */
  isPublisher = [true, false];
  queuedPublisher: (bigint | undefined)[] = [undefined, undefined];
  /** Who published the pending root (index into the candidates). */
  pendingBy = 0;
  paused = false;
  accepted: Published | undefined;
  pending: (Published & { validAt: bigint }) | undefined;
  /** Every root ever published, for claims with a proof of another root. */
  published: Published[] = [];
  claimed = new Map<string, bigint>();
  balance = new Map<string, bigint>();
  maxAccepted = new Map<string, bigint>();
  fundedThroughFund = new Map<string, bigint>();

  get acceptedEpoch(): bigint {
    return this.accepted?.epoch ?? 0n;
  }

  accept(p: Published): void {
    this.accepted = p;
    this.pending = undefined;
    for (const [, [account, token, amount]] of p.tree.entries()) {
      const key = claimKey(account, token);
      if (amount > (this.maxAccepted.get(key) ?? 0n)) this.maxAccepted.set(key, amount);
    }
  }
}

type Step = fc.AsyncCommand<Model, Real>;

const DEADLINE_YEARS = 10n;

async function modelFixture(): Promise<Real> {
  const [owner, publisher, guardian, stranger, funder, second, ...rest] = await ethers.getSigners();
  const deadline = BigInt(await time.latest()) + DEADLINE_YEARS * 365n * DAY;
  const distributor = await ethers.deployContract("RewardDistributor", [
    owner.address,
    guardian.address,
    [publisher.address],
    DAY,
    deadline,
  ]);
  const deployBlock = (await distributor.deploymentTransaction()!.wait())!.blockNumber;
  const tokens: TestnetToken[] = [];
  for (let j = 0; j < TOKENS; j++) {
    const token = await ethers.deployContract("TestnetToken", [
      `M${j}`,
      `M${j}`,
      18,
      owner.address,
    ]);
    await token.grantRole(await token.MINTER_ROLE(), owner.address);
    await token.mint(funder.address, 10n ** 12n);
    await token.connect(funder).approve(await distributor.getAddress(), ethers.MaxUint256);
    tokens.push(token);
  }
  return {
    distributor,
    tokens,
    token: await Promise.all(tokens.map((t) => t.getAddress())),
    account: rest.slice(0, ACCOUNTS).map((s) => s.address),
    owner,
    publisher,
    guardian,
    stranger,
    funder,
    second,
    deployBlock,
  };
}

function candidate(r: Real, k: number): Signer {
  return [r.publisher, r.second][k];
}

/** Pins the next block's timestamp (latest + 1) and returns it: the model's "now" for the next call. */
async function nextTimestamp(): Promise<bigint> {
  const t = BigInt(await time.latest()) + 1n;
  await time.setNextBlockTimestamp(t);
  return t;
}

/** How often each (call, outcome) happened over all runs: the test also asserts the runs were not vacuous. */
const seen = new Map<string, number>();

/** Sends `tx` and checks it reverts with `error`, or succeeds when `error` is undefined. */
async function outcome(
  r: Real,
  call: string,
  tx: () => Promise<unknown>,
  error: string | undefined,
): Promise<void> {
  const key = `${call}:${error ?? "ok"}`;
  seen.set(key, (seen.get(key) ?? 0) + 1);
  if (error) {
    await expect(tx()).to.be.revertedWithCustomError(r.distributor, error);
  } else {
    await expect(tx()).not.to.be.reverted;
  }
}

function signerOf(r: Real, who: number): Signer {
  return [r.owner, r.guardian, r.stranger][who];
}

/** The leaf (account i, token j) of `p`, or an empty claim when there is no such root. */
function leafOf(
  p: Published | undefined,
  i: number,
  j: number,
): { amount: bigint; proof: string[] } {
  if (!p) return { amount: 0n, proof: [] };
  const index = i * TOKENS + j; // values are built in this order
  return { amount: p.tree.at(index)![2], proof: p.tree.getProof(index) };
}

/** Proof source of a claim: 0 the accepted root, 1 the pending one, 2 any published one, 3 a wrong amount. */
interface ClaimSpec {
  i: number;
  j: number;
  source: number;
  k: number;
}

function claimInput(
  m: Model,
  r: Real,
  c: ClaimSpec,
): { account: string; token: string; cumulativeAmount: bigint; proof: string[] } {
  const p =
    c.source === 1
      ? m.pending
      : c.source === 2 && m.published.length > 0
        ? m.published[c.k % m.published.length]
        : m.accepted;
  const { amount, proof } = leafOf(p, c.i, c.j);
  return {
    account: r.account[c.i],
    token: r.token[c.j],
    cumulativeAmount: c.source === 3 ? amount + 1n : amount,
    proof,
  };
}

/** The model's verdict on one claim, given claimed amounts and balances (which it updates on success). */
function predictClaim(
  m: Model,
  claim: { account: string; token: string; cumulativeAmount: bigint; proof: string[] },
  claimed: Map<string, bigint>,
  balance: Map<string, bigint>,
): { error?: string; paid: bigint } {
  const valid = StandardMerkleTree.verify(
    m.accepted!.root,
    LEAF_ENCODING,
    [claim.account, claim.token, claim.cumulativeAmount],
    claim.proof,
  );
  if (!valid) return { error: "InvalidProof", paid: 0n };
  const key = claimKey(claim.account, claim.token);
  const already = claimed.get(key) ?? 0n;
  if (claim.cumulativeAmount <= already) return { error: "NothingToClaim", paid: 0n };
  const paid = claim.cumulativeAmount - already;
  const held = balance.get(claim.token) ?? 0n;
  if (paid > held) return { error: "InsufficientBalance", paid: 0n };
  claimed.set(key, claim.cumulativeAmount);
  balance.set(claim.token, held - paid);
  return { paid };
}

/** The error every claim path gives before looking at the proof, if any. */
function closedError(m: Model): string | undefined {
  if (m.paused) return "EnforcedPause";
  if (!m.accepted) return "RootNotAccepted";
  return undefined;
}

async function checkAgreement(m: Model, r: Real): Promise<void> {
  const d = r.distributor;
  expect(await d.root()).to.equal(m.accepted?.root ?? ethers.ZeroHash);
  expect(await d.epoch()).to.equal(m.acceptedEpoch);
  expect(await d.dataHash()).to.equal(m.accepted?.dataHash ?? ethers.ZeroHash);
  const pending = await d.pendingRoot();
  expect([pending.epoch, pending.root, pending.dataHash, pending.validAt]).to.deep.equal(
    m.pending
      ? [m.pending.epoch, m.pending.root, m.pending.dataHash, m.pending.validAt]
      : [0n, ethers.ZeroHash, ethers.ZeroHash, 0n],
  );
  expect(await d.paused()).to.equal(m.paused);
  expect(await d.timelock()).to.equal(m.timelock);
  expect(await d.queuedTimelock()).to.deep.equal(
    m.queuedTimelock ? [m.queuedTimelock.value, m.queuedTimelock.validAt] : [0n, 0n],
  );
  for (let k = 0; k < PUBLISHERS; k++) {
    expect(await d.isPublisher(candidate(r, k).address)).to.equal(m.isPublisher[k]);
    expect(await d.queuedPublisher(candidate(r, k).address)).to.equal(m.queuedPublisher[k] ?? 0n);
  }
  const paidPerToken = new Map<string, bigint>();
  const owedPerToken = new Map<string, bigint>();
  for (let i = 0; i < ACCOUNTS; i++) {
    for (let j = 0; j < TOKENS; j++) {
      const key = claimKey(r.account[i], r.token[j]);
      const claimed = m.claimed.get(key) ?? 0n;
      expect(await d.claimed(r.account[i], r.token[j])).to.equal(claimed);
      // Accounts receive tokens from the distributor only: their balance is what they were paid.
      expect(await r.tokens[j].balanceOf(r.account[i])).to.equal(claimed);
      const maxAccepted = m.maxAccepted.get(key) ?? 0n;
      expect(claimed <= maxAccepted, `${key} paid ${claimed} > accepted ${maxAccepted}`).to.equal(
        true,
      );
      paidPerToken.set(r.token[j], (paidPerToken.get(r.token[j]) ?? 0n) + claimed);
      owedPerToken.set(r.token[j], (owedPerToken.get(r.token[j]) ?? 0n) + maxAccepted);
    }
  }
  for (let j = 0; j < TOKENS; j++) {
    expect(await r.tokens[j].balanceOf(await d.getAddress())).to.equal(
      m.balance.get(r.token[j]) ?? 0n,
    );
    expect(paidPerToken.get(r.token[j])! <= owedPerToken.get(r.token[j])!).to.equal(true);
  }
}

async function checkHistory(m: Model, r: Real): Promise<void> {
  const logs = await ethers.provider.getLogs({
    address: await r.distributor.getAddress(),
    fromBlock: r.deployBlock,
    toBlock: "latest",
  });
  const events = logs
    .map((l) => decodeDistributorLog(l))
    .filter((e): e is DistributorEvent => e !== undefined);
  expect(events).to.have.length(logs.length);
  const h = replayDistributorEvents(events);
  expect(h.owner).to.equal(r.owner.address);
  expect(h.guardian).to.equal(r.guardian.address);
  expect(h.publishers).to.deep.equal(
    [0, 1]
      .filter((k) => m.isPublisher[k])
      .map((k) => candidate(r, k).address)
      .sort(),
  );
  expect(h.timelock).to.equal(m.timelock);
  expect(h.queued.timelock).to.deep.equal(m.queuedTimelock);
  expect(h.queued.publishers).to.deep.equal(
    Object.fromEntries(
      [0, 1]
        .filter((k) => m.queuedPublisher[k] !== undefined)
        .map((k) => [candidate(r, k).address, m.queuedPublisher[k]!] as const)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
  );
  expect(h.paused).to.equal(m.paused);
  expect(h.accepted?.root).to.equal(m.accepted?.root);
  expect(h.accepted?.epoch).to.equal(m.accepted?.epoch);
  expect(h.pending?.root).to.equal(m.pending?.root);
  expect(h.pending?.validAt).to.equal(m.pending?.validAt);
  const claimed = Object.fromEntries([...m.claimed.entries()].filter(([, v]) => v > 0n));
  expect(h.claimed).to.deep.equal(
    Object.fromEntries(Object.entries(claimed).sort(([a], [b]) => (a < b ? -1 : 1))),
  );
  for (const [token, amount] of m.fundedThroughFund) expect(h.funded[token]).to.equal(amount);
}

/* COMMANDS */

class Publish implements Step {
  constructor(
    readonly epochDelta: number,
    readonly amounts: bigint[],
    readonly hashSeed: number,
    readonly by = 0,
  ) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const epoch = BigInt(Math.max(0, Number(m.acceptedEpoch) + this.epochDelta));
    const values: Entitlement[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      for (let j = 0; j < TOKENS; j++) {
        values.push([r.account[i], r.token[j], this.amounts[i * TOKENS + j]]);
      }
    }
    const tree = StandardMerkleTree.of(values, LEAF_ENCODING);
    const dataHash = ethers.id(`tree.json #${this.hashSeed}`);
    const t = await nextTimestamp();
    const error = !m.isPublisher[this.by]
      ? "NotPublisher"
      : m.pending
        ? "PendingRootExists"
        : epoch !== m.acceptedEpoch + 1n
          ? "EpochNotNext"
          : undefined;
    await outcome(
      r,
      "publish",
      () => r.distributor.connect(candidate(r, this.by)).publishRoot(epoch, tree.root, dataHash),
      error,
    );
    if (error) return;
    const p: Published = { epoch, tree, root: tree.root, dataHash };
    m.published.push(p);
    m.pendingBy = this.by;
    if (m.timelock === 0n) m.accept(p);
    else m.pending = { ...p, validAt: t + m.timelock };
  }
  toString = () => `publish(+${this.epochDelta}, [${this.amounts.join(",")}], by ${this.by})`;
}

class Accept implements Step {
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const t = await nextTimestamp();
    const error = !m.pending
      ? "NoPendingRoot"
      : t < m.pending.validAt
        ? "TimelockNotElapsed"
        : undefined;
    await outcome(r, "accept", () => r.distributor.connect(r.stranger).acceptRoot(), error);
    if (!error) m.accept(m.pending!);
  }
  toString = () => "accept";
}

class Warp implements Step {
  /** offset: with a pending root or a queued change, go to its validAt + offset (so -1 is one second early); seconds otherwise. */
  constructor(
    readonly offset: number,
    readonly seconds: number,
  ) {}
  check = () => true;
  async run(m: Model): Promise<void> {
    const latest = BigInt(await time.latest());
    // a pending root's or a queued change's validAt, by turns
    const due = [m.pending?.validAt, m.queuedTimelock?.validAt, ...m.queuedPublisher].filter(
      (v): v is bigint => v !== undefined,
    );
    if (due.length > 0 && this.seconds % 3 !== 0) {
      const at = due[this.seconds % due.length];
      const target = at + BigInt(this.offset) - 1n; // the next call runs at target + 1
      if (target > latest) await time.increaseTo(target);
    } else {
      await time.increase(Math.max(1, this.seconds));
    }
  }
  toString = () => `warp(${this.offset}, ${this.seconds})`;
}

class Revoke implements Step {
  constructor(readonly who: number) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    await nextTimestamp();
    const error = this.who === 2 ? "NotGuardianOrOwner" : !m.pending ? "NoPendingRoot" : undefined;
    await outcome(
      r,
      "revoke",
      () => r.distributor.connect(signerOf(r, this.who)).revokePendingRoot(),
      error,
    );
    if (!error) m.pending = undefined;
  }
  toString = () => `revoke(by ${["owner", "guardian", "stranger"][this.who]})`;
}

class ClaimOne implements Step {
  constructor(readonly spec: ClaimSpec) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    await nextTimestamp();
    const c = claimInput(m, r, this.spec);
    let error = closedError(m);
    let paid = 0n;
    const claimed = new Map(m.claimed);
    const balance = new Map(m.balance);
    if (!error) ({ error, paid } = predictClaim(m, c, claimed, balance));
    await outcome(
      r,
      "claim",
      () =>
        r.distributor.connect(r.stranger).claim(c.account, c.token, c.cumulativeAmount, c.proof),
      error,
    );
    if (!error) {
      expect(paid > 0n).to.equal(true);
      m.claimed = claimed;
      m.balance = balance;
    }
  }
  toString = () => `claim(${JSON.stringify(this.spec)})`;
}

class ClaimMany implements Step {
  constructor(readonly specs: ClaimSpec[]) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    await nextTimestamp();
    const claims = this.specs.map((s) => claimInput(m, r, s));
    let error = closedError(m);
    const paid: bigint[] = [];
    const claimed = new Map(m.claimed);
    const balance = new Map(m.balance);
    for (const c of claims) {
      if (error) break;
      const verdict = predictClaim(m, c, claimed, balance);
      if (verdict.error === "NothingToClaim") paid.push(0n);
      else if (verdict.error) error = verdict.error;
      else paid.push(verdict.paid);
    }
    if (!error) {
      expect(await r.distributor.connect(r.stranger).claimMany.staticCall(claims)).to.deep.equal(
        paid,
      );
      await nextTimestamp();
    }
    await outcome(r, "claimMany", () => r.distributor.connect(r.stranger).claimMany(claims), error);
    if (!error) {
      m.claimed = claimed;
      m.balance = balance;
    }
  }
  toString = () => `claimMany(${JSON.stringify(this.specs)})`;
}

class Fund implements Step {
  constructor(
    readonly j: number,
    readonly amount: bigint,
    readonly viaFund: boolean,
  ) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    await nextTimestamp();
    const token = r.token[this.j];
    if (this.viaFund) {
      await outcome(
        r,
        "fund",
        () => r.distributor.connect(r.funder).fund(token, this.amount),
        undefined,
      );
      m.fundedThroughFund.set(token, (m.fundedThroughFund.get(token) ?? 0n) + this.amount);
    } else {
      await r.tokens[this.j]
        .connect(r.funder)
        .transfer(await r.distributor.getAddress(), this.amount);
    }
    m.balance.set(token, (m.balance.get(token) ?? 0n) + this.amount);
  }
  toString = () => `fund(${this.j}, ${this.amount}, ${this.viaFund ? "fund" : "transfer"})`;
}

class Pause implements Step {
  constructor(readonly who: number) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    await nextTimestamp();
    const error = this.who === 2 ? "NotGuardianOrOwner" : m.paused ? "EnforcedPause" : undefined;
    await outcome(r, "pause", () => r.distributor.connect(signerOf(r, this.who)).pause(), error);
    if (!error) m.paused = true;
  }
  toString = () => `pause(by ${["owner", "guardian", "stranger"][this.who]})`;
}

class Unpause implements Step {
  constructor(readonly who: number) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    await nextTimestamp();
    const error =
      this.who !== 0 ? "OwnableUnauthorizedAccount" : !m.paused ? "ExpectedPause" : undefined;
    await outcome(
      r,
      "unpause",
      () => r.distributor.connect(signerOf(r, this.who)).unpause(),
      error,
    );
    if (!error) m.paused = false;
  }
  toString = () => `unpause(by ${["owner", "guardian", "stranger"][this.who]})`;
}

class SetTimelock implements Step {
  constructor(readonly value: bigint) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const t = await nextTimestamp();
    await outcome(
      r,
      "setTimelock",
      () => r.distributor.connect(r.owner).setTimelock(this.value),
      undefined,
    );
    if (m.timelock === 0n) m.timelock = this.value;
    else m.queuedTimelock = { value: this.value, validAt: t + m.timelock };
  }
  toString = () => `setTimelock(${this.value})`;
}

/** The error of applying a change queued for `validAt` at time `t`, if any. */
function applyError(validAt: bigint | undefined, t: bigint): string | undefined {
  return validAt === undefined ? "NoQueuedChange" : t < validAt ? "ChangeNotReady" : undefined;
}

class ApplyTimelock implements Step {
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const t = await nextTimestamp();
    const error = applyError(m.queuedTimelock?.validAt, t);
    await outcome(
      r,
      "applyTimelock",
      () => r.distributor.connect(r.stranger).applyTimelock(),
      error,
    );
    if (error) return;
    m.timelock = m.queuedTimelock!.value;
    m.queuedTimelock = undefined;
  }
  toString = () => "applyTimelock";
}

class CancelTimelock implements Step {
  constructor(readonly who: number) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    await nextTimestamp();
    const error =
      this.who === 2 ? "NotGuardianOrOwner" : !m.queuedTimelock ? "NoQueuedChange" : undefined;
    await outcome(
      r,
      "cancelTimelock",
      () => r.distributor.connect(signerOf(r, this.who)).cancelTimelock(),
      error,
    );
    if (!error) m.queuedTimelock = undefined;
  }
  toString = () => `cancelTimelock(by ${["owner", "guardian", "stranger"][this.who]})`;
}

class SetPublisher implements Step {
  constructor(
    readonly k: number,
    readonly enabled: boolean,
  ) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const t = await nextTimestamp();
    await outcome(
      r,
      this.enabled ? "addPublisher" : "removePublisher",
      () => r.distributor.connect(r.owner).setPublisher(candidate(r, this.k).address, this.enabled),
      undefined,
    );
    if (!this.enabled) {
      m.isPublisher[this.k] = false;
      m.queuedPublisher[this.k] = undefined;
      // Its pending root dies with it.
      if (m.pending && m.pendingBy === this.k) m.pending = undefined;
    } else if (m.timelock === 0n) {
      m.isPublisher[this.k] = true;
    } else {
      m.queuedPublisher[this.k] = t + m.timelock;
    }
  }
  toString = () => `setPublisher(${this.k}, ${this.enabled})`;
}

class ApplyPublisher implements Step {
  constructor(readonly k: number) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const t = await nextTimestamp();
    const error = applyError(m.queuedPublisher[this.k], t);
    await outcome(
      r,
      "applyPublisher",
      () => r.distributor.connect(r.stranger).applyPublisher(candidate(r, this.k).address),
      error,
    );
    if (error) return;
    m.isPublisher[this.k] = true;
    m.queuedPublisher[this.k] = undefined;
  }
  toString = () => `applyPublisher(${this.k})`;
}

class CancelPublisher implements Step {
  constructor(
    readonly k: number,
    readonly who: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    await nextTimestamp();
    const error =
      this.who === 2
        ? "NotGuardianOrOwner"
        : m.queuedPublisher[this.k] === undefined
          ? "NoQueuedChange"
          : undefined;
    await outcome(
      r,
      "cancelPublisher",
      () =>
        r.distributor.connect(signerOf(r, this.who)).cancelPublisher(candidate(r, this.k).address),
      error,
    );
    if (!error) m.queuedPublisher[this.k] = undefined;
  }
  toString = () => `cancelPublisher(${this.k}, by ${["owner", "guardian", "stranger"][this.who]})`;
}

/** Each step is followed by the agreement check. */
class Checked implements Step {
  constructor(readonly step: Step) {}
  check = (m: Readonly<Model>) => this.step.check(m);
  async run(m: Model, r: Real): Promise<void> {
    await this.step.run(m, r);
    await checkAgreement(m, r);
  }
  toString = () => this.step.toString();
}

const claimSpec = fc.record({
  i: fc.nat(ACCOUNTS - 1),
  j: fc.nat(TOKENS - 1),
  source: fc.constantFrom(0, 0, 0, 1, 2, 3),
  k: fc.nat(20),
});

const publish = fc
  .tuple(
    fc.constantFrom(-1, 0, 1, 1, 1, 2),
    fc.array(fc.bigInt(0n, 1_000n), { minLength: ACCOUNTS * TOKENS, maxLength: ACCOUNTS * TOKENS }),
    fc.nat(1_000),
    fc.constantFrom(0, 0, 0, 1),
  )
  .map(([d, amounts, h, by]): Step => new Publish(d, amounts, h, by));
const accept = fc.constant(null).map((): Step => new Accept());
const warp = fc
  .tuple(fc.constantFrom(-1, 0, 1), fc.nat(2 * 86_400))
  .map(([o, s]): Step => new Warp(o, s));
const claimOne = claimSpec.map((c): Step => new ClaimOne(c));
const claimMany = fc
  .array(claimSpec, { minLength: 1, maxLength: 4 })
  .map((cs): Step => new ClaimMany(cs));
const fund = fc
  .tuple(fc.nat(TOKENS - 1), fc.bigInt(1n, 1_500n), fc.boolean())
  .map(([j, a, via]): Step => new Fund(j, a, via));

/** The steps, repeated by weight: the root life cycle and claims come up more often than pauses. */
const steps = [
  publish,
  publish,
  accept,
  accept,
  warp,
  warp,
  fc.nat(2).map((w): Step => new Revoke(w)),
  claimOne,
  claimOne,
  claimOne,
  claimMany,
  claimMany,
  fund,
  fund,
  fc.nat(2).map((w): Step => new Pause(w)),
  fc.nat(1).map((w): Step => new Unpause(w)),
  fc.constant(null).map((): Step => new Unpause(0)),
  fc.constantFrom(0n, 60n, DAY).map((v): Step => new SetTimelock(v)),
  fc.constant(null).map((): Step => new ApplyTimelock()),
  fc.nat(2).map((w): Step => new CancelTimelock(w)),
  fc
    .tuple(fc.nat(PUBLISHERS - 1), fc.constantFrom(true, true, false))
    .map(([k, enabled]): Step => new SetPublisher(k, enabled)),
  fc.constant(null).map((): Step => new SetPublisher(1, true)),
  fc.nat(PUBLISHERS - 1).map((k): Step => new ApplyPublisher(k)),
  fc.constant(null).map((): Step => new ApplyPublisher(1)),
  fc.tuple(fc.nat(PUBLISHERS - 1), fc.nat(2)).map(([k, w]): Step => new CancelPublisher(k, w)),
].map((arb) => arb.map((s): Step => new Checked(s)));

describe("RewardDistributor: model-based property", () => {
  it("declares the events src/rewards/history.ts decodes", async () => {
    const artifact = await ethers.getContractFactory("RewardDistributor");
    const compiled: string[] = [];
    artifact.interface.forEachEvent((e) => compiled.push(e.format("full")));
    const declared = new ethers.Interface(DISTRIBUTOR_EVENTS_ABI);
    const ours: string[] = [];
    declared.forEachEvent((e) => ours.push(e.format("full")));
    expect(ours.sort()).to.deep.equal(compiled.sort());
  });

  it(`agrees with the model after every step of random sequences (${RUNS} runs)`, async function () {
    this.timeout(0);
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.tuple(publish, fund, fund)),
        fc.commands(steps, { size: "large", maxCommands: 40 }),
        async (start, cmds) => {
          const real = await loadFixture(modelFixture);
          const model = new Model();
          // Half the sequences start from an accepted, funded root; the others from nothing at all.
          if (start) {
            for (const step of [...start, new Warp(0, 1), new Accept()]) {
              await new Checked(step).run(model, real);
            }
          }
          await fc.asyncModelRun(() => ({ model, real }), cmds);
          await checkHistory(model, real);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
    // The sequences reached every outcome that matters (so the agreement above was not vacuous).
    const required = [
      "publish:ok",
      "publish:EpochNotNext",
      "publish:PendingRootExists",
      "publish:NotPublisher",
      "setTimelock:ok",
      "applyTimelock:ok",
      "applyTimelock:ChangeNotReady",
      "applyTimelock:NoQueuedChange",
      "cancelTimelock:ok",
      "cancelTimelock:NotGuardianOrOwner",
      "addPublisher:ok",
      "removePublisher:ok",
      "applyPublisher:ok",
      "applyPublisher:ChangeNotReady",
      "cancelPublisher:ok",
      "accept:ok",
      "accept:NoPendingRoot",
      "accept:TimelockNotElapsed",
      "revoke:ok",
      "revoke:NoPendingRoot",
      "revoke:NotGuardianOrOwner",
      "claim:ok",
      "claim:InvalidProof",
      "claim:NothingToClaim",
      "claim:InsufficientBalance",
      "claim:EnforcedPause",
      "claim:RootNotAccepted",
      "claimMany:ok",
      "claimMany:InvalidProof",
      "pause:ok",
      "unpause:ok",
    ];
    if (process.env.MODEL_STATS) console.log(Object.fromEntries([...seen].sort()));
    const missing = required.filter((k) => !seen.has(k));
    expect(missing, `outcomes never reached: ${missing.join(", ")}`).to.deep.equal([]);
  });
});
