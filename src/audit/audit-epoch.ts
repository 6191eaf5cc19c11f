/**
 * The auditor's judgement of one epoch (SPEC §5), as a pure function of what was gathered: the
 * root record read from the distributor, the published dump's bytes, the epoch recomputed from
 * the chain alone, the previous epoch recomputed, what was already claimed and the distributor's
 * balances. It names every difference it finds; the report is JSON-ready (amounts as decimal
 * strings) and deterministic (no clock, no machine detail).
 */
import { auditExclusions, type Decision, type DecisionStatus } from "../sybil/files";
import type { DumpBytes } from "./dump-source";
import { judgeDump, type JudgedDump } from "./judge-dump";
import { compareLeaves, cumulativeDecreases, type Leaf } from "./leaves";
import { outstandingTotals } from "./totals";

export type RootStatus = "accepted" | "pending" | "revoked";

/** The latest publication of the epoch on chain (from the distributor's events). */
export interface ChainRootRecord {
  readonly root: string;
  readonly dataHash: string;
  /** Unix seconds from which the root can be accepted. */
  readonly validAt: number;
  readonly status: RootStatus;
  readonly blockNumber: number;
}

/** The epoch as the auditor recomputed it from the chain and the season file. */
export interface Recomputed {
  readonly root: string;
  /** keccak256 of the recomputed tree.json. */
  readonly dataHash: string;
  readonly leaves: readonly Leaf[];
  /** Ranked participants. */
  readonly participants: number;
  /** Records dropped as conflicting with an earlier one (listed in the folder's anomalies.json). */
  readonly anomalies: number;
  /** Where the recomputed epoch folder was written. */
  readonly folder: string;
}

export interface AuditInput {
  readonly season: string;
  readonly network: string;
  readonly chainId: string;
  readonly epoch: number;
  /** The epoch's end (unix seconds): events before it count. */
  readonly endTime: number;
  readonly distributor: string;
  /** The last block of the auditor's export, and its time. */
  readonly exportedTo: { readonly block: number; readonly time: number };
  /** Undefined when the epoch was never published. */
  readonly published: ChainRootRecord | undefined;
  /** The distributor's accepted epoch (0 before the first acceptance). */
  readonly acceptedEpoch: number;
  readonly dump: DumpBytes;
  /** The dump already judged (`judgeDumpInWorker`); judged here when absent. */
  readonly judged?: JudgedDump;
  /** Progress of the long stages (judging the dump when it is not judged yet). */
  readonly onProgress?: (line: string) => void;
  readonly recomputed: Recomputed;
  /** Epoch n − 1 recomputed (absent for epoch 1). */
  readonly previous?: { readonly epoch: number; readonly leaves: readonly Leaf[] };
  /** Already claimed per `leafKey(account, token)`. */
  readonly claimed: ReadonlyMap<string, bigint>;
  /** The distributor's balance per lowercase token address. */
  readonly balances: ReadonlyMap<string, bigint>;
  /** Display symbols per lowercase token address. */
  readonly symbols?: Readonly<Record<string, string>>;
  /**
   * The accounts the season file excludes, and the sybil review's decisions (decisions.csv) when
   * the auditor was given them: the report says which accounts were removed and why.
   */
  readonly exclusions?: {
    readonly exclude: readonly string[];
    readonly decisions?: { readonly source: string; readonly list: readonly Decision[] };
  };
}

/** Which accounts the recomputation left out, and the recorded reason for each. */
export interface ExclusionsReport {
  /** Accounts the season file's `exclude` removes from every epoch. */
  readonly excluded: number;
  /** Where the decisions were read (absent: none were given). */
  readonly decisionsSource?: string;
  /** Each decision, and whether the season file applies it. */
  readonly decisions: readonly DecisionStatus[];
  /** Excluded accounts without a recorded decision (the operator's own wallets, for one). */
  readonly undocumented: readonly string[];
}

/** Every kind of difference the auditor names (stable strings for machines). */
export const DIFFERENCE_CODES = [
  "not-published",
  "revoked",
  "dump-not-json",
  "dump-malformed",
  "data-hash",
  "dump-root-vs-chain",
  "recomputed-root-vs-chain",
  "dump-root-vs-recomputed",
  "leaf-amount",
  "leaf-missing",
  "leaf-extra",
  "proof-fails",
  "cumulative-decreased",
  "totals-exceed-balance",
] as const;
export type DifferenceCode = (typeof DIFFERENCE_CODES)[number];

export interface Difference {
  readonly code: DifferenceCode;
  /** One line naming the difference. */
  readonly message: string;
  readonly account?: string;
  readonly token?: string;
  /** The published (chain or dump) side, when it is a value. */
  readonly published?: string;
  /** The recomputed (or expected) side, when it is a value. */
  readonly expected?: string;
}

export const CHECK_NAMES = [
  "published",
  "dump-hash",
  "dump-root",
  "recomputed-root",
  "dump-leaves",
  "dump-proofs",
  "monotonic",
  "totals",
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export interface AuditCheck {
  readonly name: CheckName;
  /** "ok", "FAIL", or "skip" when it could not be made. */
  readonly result: "ok" | "FAIL" | "skip";
  readonly detail: string;
}

export interface TokenTotalsRow {
  readonly token: string;
  readonly symbol: string;
  readonly cumulative: string;
  readonly claimed: string;
  readonly outstanding: string;
  readonly balance: string;
  readonly fits: boolean;
}

/** The report: written as JSON, rendered for humans. */
export interface AuditReport {
  readonly version: 1;
  /** True when no difference was found. */
  readonly ok: boolean;
  readonly season: string;
  readonly network: string;
  readonly chainId: string;
  readonly epoch: number;
  readonly endTime: number;
  readonly distributor: string;
  readonly exportedTo: { readonly block: number; readonly time: number };
  readonly onChain: {
    readonly status: RootStatus | "unpublished";
    readonly root?: string;
    readonly dataHash?: string;
    readonly validAt?: number;
    readonly publishedInBlock?: number;
    readonly acceptedEpoch: number;
  };
  readonly dump: {
    readonly source: string;
    readonly bytes: number;
    /** keccak256 of the dump's bytes. */
    readonly dataHash: string;
    readonly root?: string;
    readonly leaves: number;
    readonly proofsChecked: number;
    /** Of them, verified one by one by a second implementation (OpenZeppelin's library). */
    readonly proofsVerifiedPlainly: number;
  };
  readonly recomputed: {
    readonly root: string;
    readonly dataHash: string;
    readonly leaves: number;
    readonly participants: number;
    readonly anomalies: number;
    readonly folder: string;
  };
  readonly checks: readonly AuditCheck[];
  /** What the checked tree still owes per token, against the distributor's balance. */
  readonly totals: readonly TokenTotalsRow[];
  /** The differences, at most `MAX_LISTED_PER_CODE` of each code. */
  readonly differences: readonly Difference[];
  /** How many differences of each code were found (listed or not). */
  readonly differenceCounts: Readonly<Partial<Record<DifferenceCode, number>>>;
  readonly notes: readonly string[];
  /** Present when the input gave `exclusions`. */
  readonly exclusions?: ExclusionsReport;
}

/** Differences of one code listed in a report (the count says how many there were). */
export const MAX_LISTED_PER_CODE = 100;

/** Unix seconds as an ISO 8601 UTC time, as the reports show times. */
export const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();

class Findings {
  readonly list: Difference[] = [];
  readonly counts: Partial<Record<DifferenceCode, number>> = {};
  add(d: Difference): void {
    const n = (this.counts[d.code] ?? 0) + 1;
    this.counts[d.code] = n;
    if (n <= MAX_LISTED_PER_CODE) this.list.push(d);
  }
  /** Counts `n` more differences of `code` that are not listed. */
  addUnlisted(code: DifferenceCode, n: number): void {
    if (n > 0) this.counts[code] = (this.counts[code] ?? 0) + n;
  }
  has(...codes: DifferenceCode[]): boolean {
    return codes.some((c) => (this.counts[c] ?? 0) > 0);
  }
  count(...codes: DifferenceCode[]): number {
    return codes.reduce((s, c) => s + (this.counts[c] ?? 0), 0);
  }
}

/** Judges the epoch; see the module comment. */
export function auditEpoch(input: AuditInput): AuditReport {
  const found = new Findings();
  const checks: AuditCheck[] = [];
  const notes: string[] = [];
  const { published, recomputed, epoch } = input;
  const symbol = (token: string): string => input.symbols?.[token.toLowerCase()] ?? token;
  const tokenName = (token: string): string => {
    const s = input.symbols?.[token.toLowerCase()];
    return s ? `${s} (${token})` : token;
  };
  const check = (name: CheckName, ok: boolean | undefined, detail: string): void => {
    checks.push({ name, result: ok === undefined ? "skip" : ok ? "ok" : "FAIL", detail });
  };

  // 1. The on-chain record.
  if (!published) {
    found.add({
      code: "not-published",
      message: `epoch ${epoch} was never published to the distributor ${input.distributor}`,
    });
    check("published", false, "no RootPublished event for this epoch");
  } else if (published.status === "revoked") {
    found.add({
      code: "revoked",
      message: `the root ${published.root} published for epoch ${epoch} (block ${published.blockNumber}) was revoked`,
      published: published.root,
    });
    check("published", false, `revoked (published in block ${published.blockNumber})`);
  } else {
    check(
      "published",
      true,
      `${published.status} (published in block ${published.blockNumber}, acceptable from ${iso(published.validAt)})`,
    );
    if (published.status === "pending") {
      notes.push(
        `the root is pending: it can be accepted from ${iso(published.validAt)}; until then the guardian or the owner can revoke it`,
      );
    }
  }
  if (input.acceptedEpoch > epoch) {
    notes.push(
      `epoch ${input.acceptedEpoch} is the accepted one: claims now use a later root than epoch ${epoch}'s`,
    );
  }

  // 2. The dump: hash, format, root, the whole tree and every proof (./dump-check).
  const judged = input.judged ?? judgeDump(input.dump.bytes, { onProgress: input.onProgress });
  const dumpHash = judged.dataHash;
  const dumpCheck = judged.check;
  const dumpRoot = dumpCheck?.root;
  let dumpLeaves: readonly Leaf[] | undefined;
  let proofsChecked = 0;
  if (judged.error !== undefined) {
    found.add({
      code: "dump-not-json",
      message: `the dump ${input.dump.source} is not JSON (${judged.error})`,
    });
  } else if (dumpCheck) {
    for (const problem of dumpCheck.problems) {
      found.add({ code: "dump-malformed", message: `the dump: ${problem}` });
    }
    found.addUnlisted("dump-malformed", dumpCheck.problemCount - dumpCheck.problems.length);
    dumpLeaves = dumpCheck.values;
  }
  if (published) {
    if (dumpHash !== published.dataHash.toLowerCase()) {
      found.add({
        code: "data-hash",
        message: `keccak256 of the dump is ${dumpHash} but the dataHash published on chain is ${published.dataHash}`,
        published: published.dataHash,
        expected: dumpHash,
      });
    }
    check(
      "dump-hash",
      dumpHash === published.dataHash.toLowerCase(),
      `keccak256(dump) ${dumpHash}`,
    );
    if (dumpRoot === undefined) {
      check("dump-root", undefined, "the dump has no root");
    } else {
      const same = dumpRoot === published.root.toLowerCase();
      if (!same) {
        found.add({
          code: "dump-root-vs-chain",
          message: `the dump's root ${dumpRoot} differs from the root ${published.root} published on chain`,
          published: published.root,
          expected: dumpRoot,
        });
      }
      check("dump-root", same, `dump root ${dumpRoot}`);
    }
    const same = recomputed.root.toLowerCase() === published.root.toLowerCase();
    if (!same) {
      found.add({
        code: "recomputed-root-vs-chain",
        message: `the root recomputed from the chain, ${recomputed.root}, differs from the root ${published.root} published on chain`,
        published: published.root,
        expected: recomputed.root,
      });
    }
    check("recomputed-root", same, `recomputed root ${recomputed.root}`);
  } else {
    check("dump-hash", undefined, `nothing published to compare keccak256(dump) ${dumpHash} with`);
    check("dump-root", undefined, "nothing published to compare with");
    const same = dumpRoot === recomputed.root.toLowerCase();
    if (!same) {
      found.add({
        code: "dump-root-vs-recomputed",
        message: `the dump's root ${dumpRoot ?? "(none)"} differs from the recomputed root ${recomputed.root}`,
        published: dumpRoot,
        expected: recomputed.root,
      });
    }
    check("recomputed-root", same, `recomputed root ${recomputed.root} vs the dump's`);
  }

  // 3. Leaf by leaf.
  if (dumpLeaves) {
    const cmp = compareLeaves(dumpLeaves, recomputed.leaves);
    for (const d of cmp.amountDiffers) {
      found.add({
        code: "leaf-amount",
        message: `account ${d.account} token ${tokenName(d.token)}: the dump says ${d.published}, recomputed ${d.recomputed}`,
        account: d.account,
        token: d.token,
        published: d.published.toString(),
        expected: d.recomputed.toString(),
      });
    }
    for (const l of cmp.missing) {
      found.add({
        code: "leaf-missing",
        message: `account ${l.account} token ${tokenName(l.token)}: recomputed ${l.amount}, absent from the dump`,
        account: l.account,
        token: l.token,
        expected: l.amount.toString(),
      });
    }
    for (const l of cmp.extra) {
      found.add({
        code: "leaf-extra",
        message: `account ${l.account} token ${tokenName(l.token)}: the dump says ${l.amount}, not in the recomputed tree`,
        account: l.account,
        token: l.token,
        published: l.amount.toString(),
      });
    }
    const bad = cmp.amountDiffers.length + cmp.missing.length + cmp.extra.length;
    check(
      "dump-leaves",
      bad === 0,
      `${cmp.same} of ${recomputed.leaves.length} recomputed leaves identical in the dump` +
        (bad
          ? `; ${cmp.amountDiffers.length} differ, ${cmp.missing.length} missing, ${cmp.extra.length} extra`
          : ""),
    );
    if (
      bad === 0 &&
      dumpRoot === recomputed.root.toLowerCase() &&
      dumpHash !== recomputed.dataHash.toLowerCase()
    ) {
      notes.push(
        `the dump's bytes differ from the recomputed tree.json (${recomputed.dataHash}) although its root and leaves are the same: formatting only`,
      );
    }
  } else {
    check("dump-leaves", undefined, "the dump could not be read as a tree");
  }

  // 4. Every proof of the dump, with the auditor's own verifier (and a sample with OpenZeppelin's).
  if (dumpRoot !== undefined && dumpCheck) {
    const proofs = dumpCheck.proofs;
    proofsChecked = proofs.checked;
    for (const f of proofs.failures) {
      found.add({
        code: "proof-fails",
        message: `the proof of account ${f.account} token ${tokenName(f.token)} (amount ${f.amount}, tree index ${f.treeIndex}) does not lead to the dump's root`,
        account: f.account,
        token: f.token,
        published: f.amount.toString(),
      });
    }
    const malformed = found.count("dump-malformed");
    check(
      "dump-proofs",
      proofs.failures.length === 0 && malformed === 0,
      `${proofs.checked} proofs checked (${proofs.sampled} of them also one by one with @openzeppelin/merkle-tree), ${proofs.failures.length} fail; ${malformed} format problems` +
        (proofs.disagreements ? `; the two verifiers disagree on ${proofs.disagreements}` : ""),
    );
  } else {
    check("dump-proofs", undefined, "the dump could not be read as a tree");
  }

  // 5. Cumulative amounts never decrease (against epoch n − 1 recomputed).
  const useDump = dumpLeaves !== undefined && dumpLeaves.length > 0;
  const checkedLeaves: readonly Leaf[] = useDump ? dumpLeaves! : recomputed.leaves;
  const side = useDump ? "the dump" : "the recomputed tree";
  if (input.previous) {
    const decreases = cumulativeDecreases(input.previous.leaves, checkedLeaves);
    for (const d of decreases) {
      found.add({
        code: "cumulative-decreased",
        message: `account ${d.account} token ${tokenName(d.token)}: cumulative decreased from ${d.before} (epoch ${input.previous.epoch}, recomputed) to ${d.after} (${side})`,
        account: d.account,
        token: d.token,
        published: d.after.toString(),
        expected: d.before.toString(),
      });
    }
    check(
      "monotonic",
      decreases.length === 0,
      `${input.previous.leaves.length} leaves of epoch ${input.previous.epoch} (recomputed) vs ${side}: ${decreases.length} decreased`,
    );
  } else {
    check("monotonic", undefined, `epoch ${epoch} has no previous epoch`);
  }

  // 6. Totals fit the distributor.
  const totals = outstandingTotals(checkedLeaves, input.claimed, input.balances);
  for (const t of totals) {
    if (t.fits) continue;
    found.add({
      code: "totals-exceed-balance",
      message: `token ${tokenName(t.token)}: ${side} still owes ${t.outstanding} (cumulative ${t.cumulative} − claimed ${t.claimed}) but the distributor holds ${t.balance}, ${t.shortfall} short`,
      token: t.token,
      published: t.balance.toString(),
      expected: t.outstanding.toString(),
    });
  }
  check(
    "totals",
    totals.every((t) => t.fits),
    `${side}: Σ(cumulative − claimed) per token vs the distributor's balance`,
  );

  return {
    version: 1,
    ok: found.list.length === 0,
    season: input.season,
    network: input.network,
    chainId: input.chainId,
    epoch,
    endTime: input.endTime,
    distributor: input.distributor,
    exportedTo: input.exportedTo,
    onChain: {
      status: published?.status ?? "unpublished",
      ...(published
        ? {
            root: published.root,
            dataHash: published.dataHash,
            validAt: published.validAt,
            publishedInBlock: published.blockNumber,
          }
        : {}),
      acceptedEpoch: input.acceptedEpoch,
    },
    dump: {
      source: input.dump.source,
      bytes: input.dump.bytes.length,
      dataHash: dumpHash,
      ...(dumpRoot !== undefined ? { root: dumpRoot } : {}),
      leaves: dumpLeaves?.length ?? 0,
      proofsChecked,
      proofsVerifiedPlainly: dumpCheck?.proofs.sampled ?? 0,
    },
    recomputed: {
      root: recomputed.root,
      dataHash: recomputed.dataHash,
      leaves: recomputed.leaves.length,
      participants: recomputed.participants,
      anomalies: recomputed.anomalies,
      folder: recomputed.folder,
    },
    checks,
    totals: totals.map((t) => ({
      token: t.token,
      symbol: symbol(t.token),
      cumulative: t.cumulative.toString(),
      claimed: t.claimed.toString(),
      outstanding: t.outstanding.toString(),
      balance: t.balance.toString(),
      fits: t.fits,
    })),
    differences: found.list,
    differenceCounts: found.counts,
    notes,
    ...(input.exclusions ? { exclusions: exclusionsReport(input.exclusions, notes) } : {}),
  };
}

/** The exclusions section; a decision the season file does not apply is also a note. */
function exclusionsReport(
  given: NonNullable<AuditInput["exclusions"]>,
  notes: string[],
): ExclusionsReport {
  const judged = auditExclusions(given.decisions?.list ?? [], given.exclude);
  for (const d of judged.decisions.filter((x) => !x.applied))
    notes.push(
      d.decision === "excluded"
        ? `${d.account} was decided 'excluded' (${d.reason}) but the season file does not exclude it`
        : `${d.account} was cleared (${d.reason}) but the season file still excludes it`,
    );
  return {
    excluded: new Set(given.exclude.map((a) => a.toLowerCase())).size,
    ...(given.decisions ? { decisionsSource: given.decisions.source } : {}),
    decisions: judged.decisions,
    undocumented: given.decisions ? judged.undocumented : [],
  };
}

/** How many differences the report found, listed or not. */
export function differenceTotal(report: AuditReport): number {
  return Object.values(report.differenceCounts).reduce((s, n) => s + (n ?? 0), 0);
}

/** One line summing up a failed report: the count and the first difference of each code. */
export function describeDifferences(report: AuditReport): string {
  const total = differenceTotal(report);
  const firsts = DIFFERENCE_CODES.filter((c) => report.differenceCounts[c]).map((c) => {
    const n = report.differenceCounts[c] ?? 0;
    const first = report.differences.find((d) => d.code === c)?.message ?? c;
    return n > 1 ? `${first} (and ${n - 1} more ${c})` : first;
  });
  return `${total} difference${total === 1 ? "" : "s"}: ${firsts.join("; ")}`;
}

/**
 * The tokens a dump's values name (lowercase, sorted), so their balances can be read before the
 * dump is judged; empty when the dump is not a JSON tree (auditEpoch names why).
 */
export function dumpTokens(bytes: Buffer): string[] {
  return judgeDump(bytes).tokens;
}
