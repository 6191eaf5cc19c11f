import fs from "node:fs";
import path from "node:path";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { keccak256 } from "ethers";
import { describe, expect, it, vi } from "vitest";
import {
  auditEpoch,
  describeDifferences,
  dumpTokens,
  MAX_LISTED_PER_CODE,
  type AuditInput,
  type ChainRootRecord,
} from "./audit-epoch";
import { leafKey, type Leaf } from "./leaves";

// The example season's committed epoch outputs stand for "recomputed from the chain".
const OUT = path.join(__dirname, "../../examples/season-1/out");
const treeBytes = (epoch: number) => fs.readFileSync(path.join(OUT, `epoch-${epoch}`, "tree.json"));
type Dump = { tree: string[]; values: { value: [string, string, string]; treeIndex: number }[] };
const leavesOf = (dump: Dump): Leaf[] =>
  dump.values.map(({ value: [account, token, amount] }) => ({
    account,
    token,
    amount: BigInt(amount),
  }));
const dumpOf = (bytes: Buffer): Dump => JSON.parse(bytes.toString("utf8")) as Dump;

const BYTES2 = treeBytes(2);
const DUMP2 = dumpOf(BYTES2);
const ROOT2 = DUMP2.tree[0];
const HASH2 = keccak256(BYTES2);
const T1 = "0x1111111111111111111111111111111111111111";
const T2 = "0x2222222222222222222222222222222222222222";

const published = (over: Partial<ChainRootRecord> = {}): ChainRootRecord => ({
  root: ROOT2,
  dataHash: HASH2,
  validAt: 1_706_500_000,
  status: "pending",
  blockNumber: 77,
  ...over,
});

function sums(leaves: Leaf[]): Map<string, bigint> {
  const m = new Map<string, bigint>();
  for (const l of leaves) m.set(l.token, (m.get(l.token) ?? 0n) + l.amount);
  return m;
}

function input(over: Partial<AuditInput> = {}): AuditInput {
  const leaves = leavesOf(DUMP2);
  return {
    season: "Season 1 (example)",
    network: "localhost",
    chainId: "31337",
    epoch: 2,
    endTime: 1_706_486_400,
    distributor: "0xd15d15d15d15d15d15d15d15d15d15d15d15d15d",
    exportedTo: { block: 120, time: 1_706_490_000 },
    published: published(),
    acceptedEpoch: 1,
    dump: { source: "tree.json", kind: "file", bytes: BYTES2 },
    recomputed: {
      root: ROOT2,
      dataHash: HASH2,
      leaves,
      participants: 7,
      anomalies: 0,
      folder: "/work/epoch-2",
    },
    previous: { epoch: 1, leaves: leavesOf(dumpOf(treeBytes(1))) },
    claimed: new Map(),
    balances: sums(leaves),
    symbols: { [T1]: "tREWARD" },
    ...over,
  };
}

/** A consistent tree (valid proofs) with `change` applied to the honest leaves. */
function forged(change: (values: [string, string, string][]) => void): Buffer {
  const values = DUMP2.values.map((v) => [...v.value] as [string, string, string]);
  change(values);
  const tree = StandardMerkleTree.of(values, ["address", "address", "uint256"]);
  return Buffer.from(JSON.stringify(tree.dump()));
}

const codes = (r: ReturnType<typeof auditEpoch>) => Object.keys(r.differenceCounts).sort();
const check = (r: ReturnType<typeof auditEpoch>, name: string) =>
  r.checks.find((c) => c.name === name)?.result;

describe("auditEpoch", () => {
  it("verifies an honest epoch: every check ok, every proof checked, a note on the pending root", () => {
    const r = auditEpoch(input());
    expect(r.differences).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.checks.map((c) => [c.name, c.result])).toEqual([
      ["published", "ok"],
      ["dump-hash", "ok"],
      ["dump-root", "ok"],
      ["recomputed-root", "ok"],
      ["dump-leaves", "ok"],
      ["dump-proofs", "ok"],
      ["monotonic", "ok"],
      ["totals", "ok"],
    ]);
    expect(r.dump).toMatchObject({ dataHash: HASH2, root: ROOT2, leaves: 14, proofsChecked: 14 });
    expect(r.notes[0]).toMatch(
      /^the root is pending: it can be accepted from 2024-01-29T03:46:40.000Z/,
    );
    expect(r.totals.map((t) => [t.symbol, t.fits])).toEqual([
      ["tREWARD", true],
      [T2, true],
    ]);
  });

  it("names an edited dump: its hash, its malformed leaf, the amount and the failing proof", () => {
    const v = DUMP2.values[5].value;
    const edited = Buffer.from(
      BYTES2.toString("utf8").replace(
        `"${v[0]}","${v[1]}","${v[2]}"`,
        `"${v[0]}","${v[1]}","${BigInt(v[2]) * 2n}"`,
      ),
    );
    const r = auditEpoch(input({ dump: { source: "edited.json", kind: "file", bytes: edited } }));
    expect(r.ok).toBe(false);
    // (the doubled leaf also owes more than the distributor holds)
    expect(codes(r)).toEqual([
      "data-hash",
      "dump-malformed",
      "leaf-amount",
      "proof-fails",
      "totals-exceed-balance",
    ]);
    const amount = r.differences.find((d) => d.code === "leaf-amount")!;
    expect(amount).toMatchObject({
      account: v[0],
      token: v[1],
      published: String(BigInt(v[2]) * 2n),
      expected: v[2],
    });
    expect(amount.message).toContain(`account ${v[0]} token`);
    expect(r.differences.find((d) => d.code === "data-hash")!.message).toBe(
      `keccak256 of the dump is ${keccak256(edited)} but the dataHash published on chain is ${HASH2}`,
    );
    expect(check(r, "dump-root")).toBe("ok"); // the edit left the root alone
  });

  it("names a dump that is not the published one (root and hash differ from the chain)", () => {
    const other = forged((values) => values.pop());
    const r = auditEpoch(input({ dump: { source: "other.json", kind: "url", bytes: other } }));
    expect(codes(r)).toEqual(["data-hash", "dump-root-vs-chain", "leaf-missing"]);
    expect(check(r, "recomputed-root")).toBe("ok");
  });

  it("names a forged but consistent tree that the operator published: every proof verifies, the recomputation does not", () => {
    const [account, token, amount] = DUMP2.values[0].value;
    const bytes = forged((values) => {
      values[0][2] = (BigInt(amount) + 10n ** 21n).toString();
    });
    const tree = dumpOf(bytes);
    const r = auditEpoch(
      input({
        dump: { source: "forged.json", kind: "url", bytes },
        published: published({ root: tree.tree[0], dataHash: keccak256(bytes) }),
      }),
    );
    expect(codes(r)).toEqual(["leaf-amount", "recomputed-root-vs-chain", "totals-exceed-balance"]);
    expect(check(r, "dump-proofs")).toBe("ok");
    expect(r.differences.find((d) => d.code === "leaf-amount")).toMatchObject({ account, token });
    const short = r.differences.find((d) => d.code === "totals-exceed-balance")!;
    expect(short.message).toContain(`token ${token === T1 ? `tREWARD (${T1})` : token}:`);
    expect(short.message).toMatch(/1000000000000000000000 short$/);
  });

  it("names a cumulative amount lower than the previous epoch's", () => {
    const prev = leavesOf(dumpOf(treeBytes(1)));
    const [first] = prev;
    const higher = prev.map((l, i) => (i === 0 ? { ...l, amount: l.amount + 10n ** 30n } : l));
    const r = auditEpoch(input({ previous: { epoch: 1, leaves: higher } }));
    expect(codes(r)).toEqual(["cumulative-decreased"]);
    expect(r.differences[0]).toMatchObject({ account: first.account, token: first.token });
    expect(r.differences[0].message).toMatch(
      /cumulative decreased from \d+ \(epoch 1, recomputed\) to \d+ \(the dump\)$/,
    );
  });

  it("names totals above the distributor's balance, counting what was already claimed", () => {
    const leaves = leavesOf(DUMP2);
    const balances = sums(leaves);
    const first = leaves.find((l) => l.token === T1)!;
    balances.set(T1, balances.get(T1)! - 1n);
    expect(codes(auditEpoch(input({ balances })))).toEqual(["totals-exceed-balance"]);
    const claimed = new Map([[leafKey(first.account, T1), 1n]]);
    expect(auditEpoch(input({ balances, claimed })).ok).toBe(true);
  });

  it("names an epoch never published, and compares the dump with the recomputation instead", () => {
    const r = auditEpoch(input({ published: undefined }));
    expect(codes(r)).toEqual(["not-published"]);
    expect(r.onChain.status).toBe("unpublished");
    expect(check(r, "dump-hash")).toBe("skip");
    const other = forged((values) => values.pop());
    const r2 = auditEpoch(
      input({ published: undefined, dump: { source: "o", kind: "file", bytes: other } }),
    );
    expect(codes(r2)).toEqual(["dump-root-vs-recomputed", "leaf-missing", "not-published"]);
  });

  it("names a revoked root", () => {
    const r = auditEpoch(input({ published: published({ status: "revoked" }) }));
    expect(codes(r)).toEqual(["revoked"]);
    expect(r.differences[0].message).toBe(
      `the root ${ROOT2} published for epoch 2 (block 77) was revoked`,
    );
  });

  it("names a dump that is not JSON, and still judges the recomputation against the chain", () => {
    const r = auditEpoch(
      input({ dump: { source: "x", kind: "url", bytes: Buffer.from("<html>") } }),
    );
    expect(codes(r)).toEqual(["data-hash", "dump-not-json"]);
    expect(check(r, "recomputed-root")).toBe("ok");
    expect(check(r, "dump-leaves")).toBe("skip");
  });

  it("judges monotonicity and totals on the recomputed leaves when the dump has none", () => {
    const balances = sums(leavesOf(DUMP2));
    balances.set(T1, 0n);
    const r = auditEpoch(
      input({ dump: { source: "{}", kind: "file", bytes: Buffer.from("{}") }, balances }),
    );
    expect(r.differenceCounts).toMatchObject({ "leaf-missing": 14, "totals-exceed-balance": 1 });
    expect(r.differences.find((d) => d.code === "totals-exceed-balance")!.message).toMatch(
      /^token tREWARD \(0x1{40}\): the recomputed tree still owes/,
    );
    expect(r.checks.find((c) => c.name === "monotonic")!.detail).toMatch(
      /vs the recomputed tree: 0 decreased$/,
    );
  });

  it("says when a later epoch is accepted, and when only the formatting differs", () => {
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(BYTES2.toString()), null, 1));
    const r = auditEpoch(
      input({
        acceptedEpoch: 3,
        dump: { source: "pretty.json", kind: "file", bytes: reformatted },
        published: published({ status: "accepted", dataHash: keccak256(reformatted) }),
      }),
    );
    expect(r.ok).toBe(true);
    expect(r.notes).toEqual([
      "epoch 3 is the accepted one: claims now use a later root than epoch 2's",
      `the dump's bytes differ from the recomputed tree.json (${HASH2}) although its root and leaves are the same: formatting only`,
    ]);
  });

  it("lists at most MAX_LISTED_PER_CODE differences of a code and counts them all", () => {
    const recomputed = leavesOf(DUMP2);
    const many: Leaf[] = Array.from({ length: MAX_LISTED_PER_CODE + 20 }, (_, i) => ({
      account: `0x${(i + 1).toString(16).padStart(40, "0")}`,
      token: T1,
      amount: 1n,
    }));
    const r = auditEpoch(
      input({
        recomputed: { ...input().recomputed, leaves: [...recomputed, ...many] },
        previous: undefined,
      }),
    );
    expect(r.differenceCounts["leaf-missing"]).toBe(MAX_LISTED_PER_CODE + 20);
    expect(r.differences.filter((d) => d.code === "leaf-missing")).toHaveLength(
      MAX_LISTED_PER_CODE,
    );
    expect(describeDifferences(r)).toMatch(
      /^120 differences: account 0x0{39}1 token tREWARD .*recomputed 1, absent from the dump \(and 119 more leaf-missing\)$/,
    );
    expect(check(r, "monotonic")).toBe("skip");
  });
});

describe("dumpTokens", () => {
  it("lists the tokens of a dump's values, and nothing for what is not a tree", () => {
    expect(dumpTokens(BYTES2)).toEqual([T1, T2]);
    expect(dumpTokens(Buffer.from("<html>"))).toEqual([]);
    expect(dumpTokens(Buffer.from('{"values":[{"value":["0x1","nope"]},null]}'))).toEqual([]);
  });

  it("judges a dump's bytes once for dumpTokens and auditEpoch", () => {
    const bytes = Buffer.from(BYTES2);
    const audit = input({ dump: { source: "tree.json", kind: "file", bytes } });
    const parse = vi.spyOn(JSON, "parse");
    try {
      expect(dumpTokens(bytes)).toEqual([T1, T2]);
      const calls = parse.mock.calls.length;
      expect(calls).toBeGreaterThan(0); // format and leafEncoding
      expect(auditEpoch(audit).ok).toBe(true);
      expect(parse).toHaveBeenCalledTimes(calls);
    } finally {
      parse.mockRestore();
    }
  });

  it("names the excluded accounts with the review's reasons, and a decision the season file does not apply", () => {
    const A = "0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const B = "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    const C = "0xcccccccccccccccccccccccccccccccccccccccc";
    const O = "0x0000000000000000000000000000000000000001";
    const report = auditEpoch(
      input({
        exclusions: {
          exclude: [A.toUpperCase().replace("0X", "0x"), O],
          decisions: {
            source: "sybil/decisions.csv",
            list: [
              { account: A, decision: "excluded", reason: "cluster 1: one funder" },
              { account: B, decision: "excluded", reason: "cluster 1: one sink" },
              { account: C, decision: "cleared", reason: "appeal: a family's wallets" },
            ],
          },
        },
      }),
    );
    expect(report.ok).toBe(true); // informational: the recomputation already applied the file
    expect(report.exclusions).toEqual({
      excluded: 2,
      decisionsSource: "sybil/decisions.csv",
      decisions: [
        { account: A, decision: "excluded", reason: "cluster 1: one funder", applied: true },
        { account: B, decision: "excluded", reason: "cluster 1: one sink", applied: false },
        { account: C, decision: "cleared", reason: "appeal: a family's wallets", applied: true },
      ],
      undocumented: [O],
    });
    expect(report.notes).toContain(
      `${B} was decided 'excluded' (cluster 1: one sink) but the season file does not exclude it`,
    );
    expect(auditEpoch(input()).exclusions).toBeUndefined();
    expect(auditEpoch(input({ exclusions: { exclude: [O] } })).exclusions).toEqual({
      excluded: 1,
      decisions: [],
      undocumented: [],
    });
  });
});
