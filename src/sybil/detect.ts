/**
 * Sybil detection over plain data: who paid each participant's first gas, the season tokens it
 * moved between accounts, and the sequence and timing of its season actions. Each signal links
 * participants (an evidence edge of one kind), the links form a graph (graphology), the graph's
 * Louvain communities are the candidate clusters, and an account is flagged for review when its
 * cluster holds at least `minCluster` accounts and it is linked to that cluster by at least
 * `minScore` different kinds of evidence. Nothing here reads a chain or writes a file: the tasks
 * feed it, the bench and the tests simulate it. Deterministic: the same inputs and seed give the
 * same clusters, numbering and order on any machine.
 */
import Graph from "graphology";
import louvain from "graphology-communities-louvain";
import { Prng } from "../demo/prng";

/** The kinds of evidence, in the order they are reported. */
export const EVIDENCE_KINDS = ["funder", "sweep", "transfer", "lockstep"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** A season token moved from one account to another (lowercase addresses). */
export interface TokenTransfer {
  from: string;
  to: string;
  token: string;
}

/** One season action of a participant (a mint, a catalog action), in time order. */
export interface TimedAction {
  action: string;
  time: number;
}

export interface SybilInput {
  /** Every participant of the season (lowercase). */
  participants: readonly string[];
  /** Participant → the first account that sent it native gas (lowercase), when known. */
  funders: ReadonlyMap<string, string>;
  /** Season-token transfers between accounts. */
  transfers: readonly TokenTransfer[];
  /** Participant → its actions, sorted by time. */
  sequences: ReadonlyMap<string, readonly TimedAction[]>;
  /**
   * Addresses that are never evidence: the season's contracts (dApps, mint, distributor), the
   * zero address, known faucets and exchanges.
   */
  ignore?: ReadonlySet<string>;
}

export interface SybilOptions {
  /** A funder or destination shared by more participants than this is a public hub (ignored). */
  maxGroup: number;
  /** Two sequences are in lockstep when each action is this close in time (seconds). */
  lockstepSeconds: number;
  /** Actions in lockstep needed for lockstep evidence. */
  minSequence: number;
  /** Distinct kinds of evidence that flag an account. */
  minScore: number;
  /** Smallest cluster whose accounts can be flagged. */
  minCluster: number;
  /** Seeds Louvain's random choices (determinism). */
  seed: string;
}

export const DEFAULT_SYBIL_OPTIONS: SybilOptions = {
  maxGroup: 200,
  lockstepSeconds: 30,
  minSequence: 4,
  minScore: 2,
  minCluster: 3,
  seed: "sybil",
};

export interface ClusterMember {
  account: string;
  /** Distinct kinds of evidence linking the account to its cluster. */
  score: number;
  kinds: EvidenceKind[];
  /** Short phrases, one per kind (no commas: they go into a CSV cell). */
  evidence: string[];
  flagged: boolean;
}

export interface SybilCluster {
  /** 1, 2, 3… biggest cluster first. */
  id: number;
  members: ClusterMember[];
}

export interface IgnoredHub {
  address: string;
  kind: "funder" | "sweep";
  participants: number;
}

export interface SybilResult {
  clusters: SybilCluster[];
  /** Every flagged account, sorted. */
  flagged: string[];
  /** Evidence links found, per kind. */
  links: Record<EvidenceKind, number>;
  /** Funders and destinations shared too widely to be evidence (faucets, exchanges, pools). */
  hubs: IgnoredHub[];
  participants: number;
}

interface Link {
  kinds: Set<EvidenceKind>;
  /** Per kind, the shared address or the other account's relation (for the evidence text). */
  detail: Map<EvidenceKind, string>;
}

const short = (a: string) => `${a.slice(0, 8)}…${a.slice(-4)}`;

function validate(options: SybilOptions): void {
  for (const key of ["maxGroup", "minSequence", "minScore", "minCluster"] as const) {
    if (!Number.isInteger(options[key]) || options[key] < 1)
      throw new Error(`sybil option ${key} must be a positive integer, got ${options[key]}`);
  }
  if (!(options.lockstepSeconds >= 0))
    throw new Error(`sybil option lockstepSeconds must be >= 0, got ${options.lockstepSeconds}`);
}

/** Groups `members` by key, in first-seen key order. */
function groupBy(pairs: Iterable<[string, string]>): Map<string, string[]> {
  const groups = new Map<string, Set<string>>();
  for (const [key, member] of pairs) {
    const g = groups.get(key);
    if (g) g.add(member);
    else groups.set(key, new Set([member]));
  }
  return new Map([...groups].map(([k, g]) => [k, [...g]]));
}

/** Is `b` in lockstep with `a`: the first actions (at least `min`) the same, each within `seconds`. */
export function inLockstep(
  a: readonly TimedAction[],
  b: readonly TimedAction[],
  min: number,
  seconds: number,
): boolean {
  const n = Math.min(a.length, b.length, 2 * min);
  if (n < min) return false;
  for (let i = 0; i < n; i++) {
    if (a[i].action !== b[i].action || Math.abs(a[i].time - b[i].time) > seconds) return false;
  }
  return true;
}

/** Pairs of participants whose action sequences are in lockstep. */
function lockstepPairs(
  sequences: ReadonlyMap<string, readonly TimedAction[]>,
  participants: readonly string[],
  options: SybilOptions,
): [string, string][] {
  // Candidates share their first `minSequence` action keys; sorted by first time, only
  // neighbours within `lockstepSeconds` of the first action are compared.
  const byKeys = new Map<string, { account: string; seq: readonly TimedAction[] }[]>();
  for (const account of participants) {
    const seq = sequences.get(account);
    if (!seq || seq.length < options.minSequence) continue;
    const key = seq
      .slice(0, options.minSequence)
      .map((a) => a.action)
      .join("\n");
    const list = byKeys.get(key) ?? [];
    list.push({ account, seq });
    byKeys.set(key, list);
  }
  const pairs: [string, string][] = [];
  for (const list of byKeys.values()) {
    list.sort((x, y) => x.seq[0].time - y.seq[0].time || (x.account < y.account ? -1 : 1));
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        if (list[j].seq[0].time - list[i].seq[0].time > options.lockstepSeconds) break;
        if (inLockstep(list[i].seq, list[j].seq, options.minSequence, options.lockstepSeconds))
          pairs.push([list[i].account, list[j].account]);
      }
    }
  }
  return pairs;
}

/** Finds clusters of participants linked by funding, sweeps, transfers and lockstep actions. */
export function detectSybils(
  input: SybilInput,
  options: SybilOptions = DEFAULT_SYBIL_OPTIONS,
): SybilResult {
  validate(options);
  const participants = [...new Set(input.participants.map((p) => p.toLowerCase()))].sort();
  const isParticipant = new Set(participants);
  const ignore = new Set([...(input.ignore ?? [])].map((a) => a.toLowerCase()));
  ignore.add("0x0000000000000000000000000000000000000000");
  const links = new Map<string, Link>();
  const counts: Record<EvidenceKind, number> = { funder: 0, sweep: 0, transfer: 0, lockstep: 0 };
  const hubs: IgnoredHub[] = [];

  const link = (a: string, b: string, kind: EvidenceKind, detail: string) => {
    if (a === b) return;
    const key = a < b ? `${a}${b}` : `${b}${a}`;
    const l = links.get(key) ?? { kinds: new Set<EvidenceKind>(), detail: new Map() };
    if (!l.kinds.has(kind)) counts[kind]++;
    l.kinds.add(kind);
    l.detail.set(kind, detail);
    links.set(key, l);
  };
  const cliques = (groups: Map<string, string[]>, kind: "funder" | "sweep") => {
    for (const [address, members] of [...groups.entries()].sort(([x], [y]) => (x < y ? -1 : 1))) {
      if (members.length < 2) continue;
      if (members.length > options.maxGroup) {
        hubs.push({ address, kind, participants: members.length });
        continue;
      }
      members.sort();
      for (let i = 0; i < members.length; i++)
        for (let j = i + 1; j < members.length; j++)
          link(members[i], members[j], kind, `${address}:${members.length}`);
    }
  };

  // Shared first funder; a funder that is itself a participant is a transfer chain.
  const funded: [string, string][] = [];
  for (const p of participants) {
    const f = input.funders.get(p)?.toLowerCase();
    if (f === undefined || ignore.has(f)) continue;
    if (isParticipant.has(f)) link(p, f, "transfer", "gas");
    else funded.push([f, p]);
  }
  cliques(groupBy(funded), "funder");

  // Shared sweep destination (outside the season's participants) and direct transfers.
  const swept: [string, string][] = [];
  for (const t of input.transfers) {
    const from = t.from.toLowerCase();
    const to = t.to.toLowerCase();
    if (!isParticipant.has(from) || ignore.has(to)) continue;
    if (isParticipant.has(to)) link(from, to, "transfer", "tokens");
    else swept.push([to, from]);
  }
  cliques(groupBy(swept), "sweep");

  for (const [a, b] of lockstepPairs(input.sequences, participants, options))
    link(a, b, "lockstep", "");

  // The graph: one node per linked participant, edge weight = kinds of evidence on the pair.
  const graph = new Graph({ type: "undirected" });
  const sortedLinks = [...links.entries()].sort(([x], [y]) => (x < y ? -1 : 1));
  for (const [key] of sortedLinks) {
    for (const node of [key.slice(0, 42), key.slice(42)])
      if (!graph.hasNode(node)) graph.addNode(node);
  }
  for (const [key, l] of sortedLinks)
    graph.addEdge(key.slice(0, 42), key.slice(42), { weight: l.kinds.size });
  const prng = new Prng(options.seed);
  const community =
    graph.order === 0
      ? {}
      : louvain(graph, { getEdgeWeight: "weight", rng: () => prng.next(), randomWalk: false });

  const byCommunity = groupBy(
    graph
      .nodes()
      .sort()
      .map((n): [string, string] => [String(community[n]), n]),
  );
  const clusters: Omit<SybilCluster, "id">[] = [];
  for (const members of byCommunity.values()) {
    if (members.length < 2) continue;
    const inCluster = new Set(members);
    clusters.push({
      members: members.map((account) => {
        const kinds = new Set<EvidenceKind>();
        const lockstepWith: string[] = [];
        const details = new Map<EvidenceKind, string>();
        graph.forEachNeighbor(account, (other) => {
          if (!inCluster.has(other)) return;
          const l = links.get(account < other ? `${account}${other}` : `${other}${account}`)!;
          for (const k of l.kinds) {
            kinds.add(k);
            if (k === "lockstep") lockstepWith.push(other);
            else if (!details.has(k)) details.set(k, l.detail.get(k)!);
          }
        });
        const ordered = EVIDENCE_KINDS.filter((k) => kinds.has(k));
        const evidence = ordered.map((k) => {
          const d = details.get(k) ?? "";
          const [address, size] = d.split(":");
          switch (k) {
            case "funder":
              return `first gas from ${address} (as ${size} participants)`;
            case "sweep":
              return `tokens sent to ${address} (as ${size} participants)`;
            case "transfer":
              return `transfers with other members (${d})`;
            case "lockstep":
              return `same actions within ${options.lockstepSeconds} s as ${lockstepWith.length} member${lockstepWith.length === 1 ? "" : "s"} (e.g. ${short(lockstepWith.sort()[0])})`;
          }
        });
        return {
          account,
          score: ordered.length,
          kinds: ordered,
          evidence,
          flagged: members.length >= options.minCluster && ordered.length >= options.minScore,
        };
      }),
    });
  }
  clusters.sort(
    (a, b) =>
      b.members.length - a.members.length || (a.members[0].account < b.members[0].account ? -1 : 1),
  );
  const numbered = clusters.map((c, i) => ({ id: i + 1, ...c }));
  return {
    clusters: numbered,
    flagged: numbered
      .flatMap((c) => c.members.filter((m) => m.flagged).map((m) => m.account))
      .sort(),
    links: counts,
    hubs,
    participants: participants.length,
  };
}
