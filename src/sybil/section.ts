/**
 * The report's sybil section from the sybil folder's files: clusters.csv, summary.json (what the
 * review examined) and decisions.csv, compared with the season file's `exclude`.
 */
import type { SybilSection } from "../report/season-report";
import type { SybilResult } from "./detect";
import { auditExclusions, type ClusterLine, type Decision } from "./files";

/** summary.json of a review: what clusters.csv does not hold. */
export interface SybilSummary {
  participants: number;
  links: SybilResult["links"];
  hubs: SybilResult["hubs"];
  fromBlock: number;
  toBlock: number;
}

/** The section: totals, the `top` largest clusters and every decision. */
export function sybilSection(
  lines: readonly ClusterLine[],
  summary: SybilSummary,
  decisions: readonly Decision[],
  exclude: readonly string[],
  folder: string,
  top = 10,
): SybilSection {
  const clusters = new Map<number, ClusterLine[]>();
  for (const l of lines) {
    const list = clusters.get(l.cluster);
    if (list) list.push(l);
    else clusters.set(l.cluster, [l]);
  }
  const flagged = lines.filter((l) => l.flagged).map((l) => l.account);
  const decided = new Set(decisions.map((d) => d.account));
  const excluded = new Set(exclude.map((a) => a.toLowerCase()));
  const audit = auditExclusions(decisions, exclude);
  return {
    participants: summary.participants,
    clusters: clusters.size,
    clustered: lines.length,
    flagged: flagged.length,
    proposed: flagged.filter((a) => !decided.has(a) && !excluded.has(a)).length,
    links: summary.links,
    hubs: summary.hubs,
    top: [...clusters.entries()]
      .sort(([a, x], [b, y]) => y.length - x.length || a - b)
      .slice(0, top)
      .map(([cluster, members]) => {
        const best = [...members].sort((x, y) => y.score - x.score)[0];
        return {
          cluster,
          accounts: members.length,
          flagged: members.filter((m) => m.flagged).length,
          evidence: best.evidence,
        };
      }),
    decisions: audit.decisions,
    undocumented: audit.undocumented,
    folder,
  };
}
