/**
 * The sybil folder's files (next to the season's epoch folders, `<epochs>/sybil/`):
 *
 *   clusters.csv           cluster,account,evidence,score,flagged: every clustered account
 *   proposed-exclude.json  the flagged accounts not yet decided, for the operator to review and
 *                          copy into the season file's `chain.exclude` (never applied by a task)
 *   decisions.csv          account,decision,reason: each account excluded, or cleared on appeal,
 *                          and why (the record the report and the auditor read)
 *
 * Pure text in and out; every parse error names the file and line.
 */
import type { SybilResult } from "./detect";

export const CLUSTERS_HEADER = "cluster,account,evidence,score,flagged";
export const DECISIONS_HEADER = "account,decision,reason";
export const DECISIONS = ["excluded", "cleared"] as const;
export type DecisionKind = (typeof DECISIONS)[number];

export interface Decision {
  account: string;
  decision: DecisionKind;
  reason: string;
}

const ADDRESS = /^0x[0-9a-f]{40}$/;

/** A CSV cell: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
export function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Splits one CSV line into cells (quoted cells may hold commas and doubled quotes). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let cell = "";
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error("a quoted cell is not closed");
        cell += line.slice(i, q);
        if (line[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      cells.push(cell);
      if (i === line.length) return cells;
      if (line[i] !== ",") throw new Error("text after a quoted cell");
      i++;
    } else {
      const c = line.indexOf(",", i);
      if (c < 0) {
        cells.push(line.slice(i));
        return cells;
      }
      cells.push(line.slice(i, c));
      i = c + 1;
    }
  }
}

/** clusters.csv: one line per clustered account, clusters in order, members in address order. */
export function formatClustersCsv(result: SybilResult): string {
  const lines = [CLUSTERS_HEADER];
  for (const c of result.clusters) {
    for (const m of c.members) {
      lines.push(
        [c.id, m.account, csvCell(m.evidence.join("; ")), m.score, m.flagged ? "yes" : "no"].join(
          ",",
        ),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

export interface ClusterLine {
  cluster: number;
  account: string;
  evidence: string;
  score: number;
  flagged: boolean;
}

/** Reads clusters.csv back. */
export function parseClustersCsv(text: string, file = "clusters.csv"): ClusterLine[] {
  const lines = text.split("\n").filter((l) => l !== "");
  if (lines[0] !== CLUSTERS_HEADER)
    throw new Error(`${file} line 1: expected the header '${CLUSTERS_HEADER}'`);
  return lines.slice(1).map((line, i) => {
    const at = `${file} line ${i + 2}`;
    let cells: string[];
    try {
      cells = splitCsvLine(line);
    } catch (e) {
      throw new Error(`${at}: ${(e as Error).message}`);
    }
    if (cells.length !== 5) throw new Error(`${at}: expected 5 fields, got ${cells.length}`);
    const [cluster, account, evidence, score, flagged] = cells;
    if (!/^[1-9][0-9]*$/.test(cluster))
      throw new Error(`${at}: cluster '${cluster}' is not a number`);
    if (!ADDRESS.test(account)) throw new Error(`${at}: '${account}' is not a lowercase address`);
    if (!/^[0-4]$/.test(score)) throw new Error(`${at}: score '${score}' is not 0 to 4`);
    if (flagged !== "yes" && flagged !== "no")
      throw new Error(`${at}: flagged must be yes or no, not '${flagged}'`);
    return {
      cluster: Number(cluster),
      account,
      evidence,
      score: Number(score),
      flagged: flagged === "yes",
    };
  });
}

/** decisions.csv's text. */
export function formatDecisionsCsv(decisions: readonly Decision[]): string {
  return `${[DECISIONS_HEADER, ...decisions.map((d) => [d.account, d.decision, csvCell(d.reason)].join(","))].join("\n")}\n`;
}

/** Reads decisions.csv: every account at most once (the latest decision is the line kept). */
export function parseDecisionsCsv(text: string, file = "decisions.csv"): Decision[] {
  const lines = text.split("\n").filter((l) => l !== "");
  if (lines[0] !== DECISIONS_HEADER)
    throw new Error(`${file} line 1: expected the header '${DECISIONS_HEADER}'`);
  const seen = new Set<string>();
  return lines.slice(1).map((line, i) => {
    const at = `${file} line ${i + 2}`;
    let cells: string[];
    try {
      cells = splitCsvLine(line);
    } catch (e) {
      throw new Error(`${at}: ${(e as Error).message}`);
    }
    if (cells.length !== 3) throw new Error(`${at}: expected 3 fields, got ${cells.length}`);
    const [account, decision, reason] = cells;
    if (!ADDRESS.test(account)) throw new Error(`${at}: '${account}' is not a lowercase address`);
    if (!(DECISIONS as readonly string[]).includes(decision))
      throw new Error(`${at}: decision must be excluded or cleared, not '${decision}'`);
    if (reason.trim() === "") throw new Error(`${at}: the reason is empty`);
    if (seen.has(account)) throw new Error(`${at}: ${account} is decided twice`);
    seen.add(account);
    return { account, decision: decision as DecisionKind, reason };
  });
}

/** Records decisions: a new decision on an account replaces its previous one; address order. */
export function recordDecisions(
  existing: readonly Decision[],
  added: readonly Decision[],
): Decision[] {
  const byAccount = new Map(existing.map((d) => [d.account, d]));
  for (const d of added) {
    if (!ADDRESS.test(d.account)) throw new Error(`'${d.account}' is not a lowercase address`);
    if (d.reason.trim() === "") throw new Error(`the reason for ${d.account} is empty`);
    byAccount.set(d.account, d);
  }
  return [...byAccount.values()].sort((a, b) => (a.account < b.account ? -1 : 1));
}

/** The flagged accounts that still need a decision (not excluded already, not cleared). */
export function proposedExclusions(
  result: SybilResult,
  decisions: readonly Decision[],
  exclude: readonly string[],
): string[] {
  const decided = new Set(decisions.map((d) => d.account));
  const excluded = new Set(exclude.map((a) => a.toLowerCase()));
  return result.flagged.filter((a) => !decided.has(a) && !excluded.has(a));
}

/** How a decision stands against the season file's `exclude`. */
export interface DecisionStatus extends Decision {
  /** excluded + in exclude, or cleared + not in exclude. */
  applied: boolean;
}

export interface ExclusionAudit {
  decisions: DecisionStatus[];
  /** In the season file's exclude without a recorded decision (e.g. the operator's own wallets). */
  undocumented: string[];
}

/** Compares the decisions with the season file's exclude list. */
export function auditExclusions(
  decisions: readonly Decision[],
  exclude: readonly string[],
): ExclusionAudit {
  const excluded = new Set(exclude.map((a) => a.toLowerCase()));
  const decided = new Set(decisions.map((d) => d.account));
  return {
    decisions: decisions.map((d) => ({
      ...d,
      applied: (d.decision === "excluded") === excluded.has(d.account),
    })),
    undocumented: [...excluded].filter((a) => !decided.has(a)).sort(),
  };
}
