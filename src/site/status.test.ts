import { describe, expect, it } from "vitest";
import { OPEN_TIER } from "../mint/tiers";
import { siteRiddle, siteTiers, tiersOfSite, voucherShards } from "./manifest";
import { countdown, epochState, nextJoin, tokenRewards } from "./status";
import type { SiteAccount, SiteEpoch } from "./types";
import { encodeBoost } from "../points/riddle";

const R1 = `0x${"11".repeat(32)}`;
const R2 = `0x${"22".repeat(32)}`;
const T = `0x${"aa".repeat(20)}`;
const epochOf = (epoch: number, root: string): SiteEpoch => ({
  epoch,
  endTime: 0,
  root,
  dataHash: R1,
  participants: 1,
  shardDigits: 0,
  pageSize: 100,
  pages: 1,
  ranked: 1,
  totals: {},
});
const accountWith = (cumulative: string): SiteAccount => ({
  rank: 1,
  score: "1",
  actionPoints: "1",
  boosted: "1",
  dollars: "0",
  actions: [],
  boosts: [],
  effect: { numerator: "1", denominator: "1", fixed: "0" },
  mint: null,
  rewards: [{ token: T, allocation: cumulative, cumulative, proof: [] }],
});

describe("epochState", () => {
  const chain = { epoch: 1, root: R1, claimDeadline: 0 };
  it("is claimable under the accepted root, included once a later one is accepted", () => {
    expect(epochState(epochOf(1, R1), chain, 0).state).toBe("claimable");
    expect(epochState(epochOf(1, R1), { ...chain, epoch: 2, root: R2 }, 0)).toEqual({
      state: "included",
      epoch: 1,
      in: 2,
    });
  });
  it("counts down a pending root, and names a root the site does not have", () => {
    const pending = { ...chain, pending: { epoch: 2, root: R2, validAt: 1_000 } };
    expect(epochState(epochOf(2, R2), pending, 400)).toEqual({
      state: "pending",
      epoch: 2,
      validAt: 1_000,
      secondsLeft: 600,
    });
    expect(epochState(epochOf(2, R1), pending, 400).state).toBe("mismatch");
    expect(epochState(epochOf(1, R2), chain, 0).state).toBe("mismatch");
    expect(epochState(epochOf(3, R2), pending, 0).state).toBe("unpublished");
  });
});

describe("tokenRewards", () => {
  it("claims up to the accepted cumulative; what a pending epoch adds waits", () => {
    const [r] = tokenRewards([T], accountWith("300"), accountWith("200"), () => 50n);
    expect(r).toMatchObject({ cumulative: 300n, acceptedCumulative: 200n, claimed: 50n });
    expect(r.claimable).toBe(150n);
    expect(r.waiting).toBe(100n);
  });
  it("has nothing to claim once claimed, and nothing for an account without leaves", () => {
    const [r] = tokenRewards([T], accountWith("200"), accountWith("200"), () => 200n);
    expect(r.claimable).toBe(0n);
    expect(r.waiting).toBe(0n);
    const [none] = tokenRewards([T], undefined, undefined, () => 0n);
    expect(none.claimable + none.cumulative).toBe(0n);
  });
});

describe("manifest pieces", () => {
  const tiers = [
    { lastOrdinal: 2n, dollars: 100n },
    { lastOrdinal: OPEN_TIER, dollars: 10n },
  ];
  it("round-trips tiers, and gives the next join's tier", () => {
    expect(siteTiers(tiers)).toEqual([
      { lastOrdinal: "2", dollars: "100" },
      { lastOrdinal: "open", dollars: "10" },
    ]);
    expect(tiersOfSite(siteTiers(tiers))).toEqual(tiers);
    expect(nextJoin(1n, tiers)).toEqual({ ordinal: 2n, tier: 0, dollars: 100n });
    expect(nextJoin(2n, tiers)).toEqual({ ordinal: 3n, tier: 1, dollars: 10n });
  });
  it("describes a riddle's boost", () => {
    const fixed = encodeBoost({ kind: "fixed", units: 500_000_000n });
    const r = siteRiddle({
      riddle: 1n,
      key: "riddle-01",
      ...fixed,
      commitDeadline: 10n,
      revealDeadline: 20n,
      question: "Q?",
    });
    expect(r).toEqual({
      id: 1,
      key: "riddle-01",
      question: "Q?",
      kind: "fixed",
      effect: "+500 points",
      commitDeadline: 10,
      revealDeadline: 20,
    });
    const mult = encodeBoost({ kind: "multiplier", numerator: 5n, denominator: 4n });
    expect(siteRiddle({ ...r, riddle: 2, ...mult }).effect).toBe("×5/4");
  });
  it("shards vouchers by account and refuses another mint's", () => {
    const v = {
      kind: "tiered-mint-voucher" as const,
      chainId: 31337,
      mint: `0x${"01".repeat(20)}`,
      account: `0x${"AB".repeat(20)}`,
      deadline: 5,
      signature: `0x${"00".repeat(65)}`,
    };
    const shards = voucherShards([v], 31337, v.mint);
    expect(shards).toHaveLength(1);
    expect(shards[0].prefix).toBe("ab");
    expect(shards[0].vouchers[v.account.toLowerCase()].deadline).toBe(5);
    expect(() => voucherShards([v], 1, v.mint)).toThrow(/chain 31337/);
  });
  it("counts down in words", () => {
    expect(countdown(0)).toBe("now");
    expect(countdown(59)).toBe("59 s");
    expect(countdown(3_661)).toBe("1 h 1 min");
    expect(countdown(90_000)).toBe("1 d 1 h");
  });
});
