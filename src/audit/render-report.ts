/** The auditor's report for humans (text) and machines (JSON). */
import { formatTable } from "../format/table";
import { formatTokenAmount } from "../season/funding";
import { groupDigits } from "../format/number";
import { DIFFERENCE_CODES, differenceTotal, iso, type AuditReport } from "./audit-epoch";

/** Differences of one code shown in the text report (all are in the JSON report, up to its cap). */
export const TEXT_LISTED_PER_CODE = 10;

/** The JSON report file's content: two-space indented, newline-terminated, deterministic. */
export function renderAuditJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Base units as whole tokens with grouped digits: 1234567.5 → "1,234,567.5". */
function wholeTokens(units: bigint, decimals: number): string {
  const [whole, fraction] = formatTokenAmount(units, decimals).split(".");
  return `${groupDigits(BigInt(whole))}${fraction === undefined ? "" : `.${fraction}`}`;
}

/**
 * The human report. Token totals are in whole tokens with their symbol when `decimals` gives the
 * token's decimals (per lowercase address), in base units otherwise (the JSON report always is).
 */
export function renderAuditText(
  report: AuditReport,
  decimals: Readonly<Record<string, number>> = {},
): string {
  const lines: string[] = [];
  const { onChain, dump, recomputed } = report;
  lines.push(
    `Audit of ${report.season}, epoch ${report.epoch}, on network '${report.network}' (chain ${report.chainId})`,
    `  epoch end    ${iso(report.endTime)}; chain exported up to block ${report.exportedTo.block} (${iso(report.exportedTo.time)})`,
    onChain.status === "unpublished"
      ? `  on chain     nothing published (distributor ${report.distributor})`
      : `  on chain     ${onChain.status} root ${onChain.root}, dataHash ${onChain.dataHash} (distributor ${report.distributor})`,
    `  dump         ${dump.source}: ${dump.bytes} bytes, keccak256 ${dump.dataHash}, ` +
      `${dump.root ? `root ${dump.root}` : "no root"}, ${dump.leaves} leaves`,
    `  recomputed   root ${recomputed.root}, ${recomputed.leaves} leaves, ${recomputed.participants} ranked participants, ${recomputed.anomalies} anomalies (${recomputed.folder})`,
    ...exclusionLines(report),
    "",
    formatTable(
      ["check", "result", "detail"],
      report.checks.map((c) => [c.name, c.result, c.detail]),
    ),
  );
  if (report.totals.length > 0) {
    lines.push(
      "",
      formatTable(
        ["token", "cumulative", "claimed", "outstanding", "balance", "fits"],
        report.totals.map((t) => {
          const d = decimals[t.token.toLowerCase()];
          const named = t.symbol !== t.token;
          const amount = (units: string): string =>
            d === undefined
              ? units
              : `${wholeTokens(BigInt(units), d)}${named ? ` ${t.symbol}` : ""}`;
          return [
            named ? t.symbol : t.token,
            amount(t.cumulative),
            amount(t.claimed),
            amount(t.outstanding),
            amount(t.balance),
            t.fits ? "yes" : "NO",
          ];
        }),
      ),
    );
  }
  const total = differenceTotal(report);
  if (total > 0) {
    lines.push("", `Differences (${total}):`);
    for (const code of DIFFERENCE_CODES) {
      const n = report.differenceCounts[code] ?? 0;
      if (n === 0) continue;
      const listed = report.differences.filter((d) => d.code === code);
      for (const d of listed.slice(0, TEXT_LISTED_PER_CODE)) lines.push(`  [${code}] ${d.message}`);
      const more = n - Math.min(listed.length, TEXT_LISTED_PER_CODE);
      if (more > 0) lines.push(`  [${code}] … and ${more} more`);
    }
  }
  if (report.notes.length > 0) {
    lines.push("", "Notes:", ...report.notes.map((n) => `  ${n}`));
  }
  lines.push(
    "",
    report.ok
      ? `VERIFIED: epoch ${report.epoch} recomputes to the published root and every check passed`
      : `NOT VERIFIED: ${total} difference${total === 1 ? "" : "s"}`,
  );
  return lines.join("\n");
}

/** Excluded accounts shown in the text report, with their reasons (all are in the JSON report). */
export const TEXT_LISTED_EXCLUSIONS = 20;

function exclusionLines(report: AuditReport): string[] {
  const x = report.exclusions;
  if (!x) return [];
  const excluded = x.decisions.filter((d) => d.decision === "excluded");
  const lines = [
    `  excluded     ${groupDigits(BigInt(x.excluded))} accounts by the season file` +
      (x.decisionsSource === undefined
        ? " (no sybil decisions given: pass --decisions <decisions.csv>)"
        : `; decisions from ${x.decisionsSource}: ${groupDigits(BigInt(excluded.length))} excluded, ` +
          `${groupDigits(BigInt(x.decisions.length - excluded.length))} cleared, ` +
          `${groupDigits(BigInt(x.undocumented.length))} excluded without a recorded decision`),
  ];
  for (const d of x.decisions.slice(0, TEXT_LISTED_EXCLUSIONS))
    lines.push(
      `               ${d.account} ${d.decision}${d.applied ? "" : " (not applied)"}: ${d.reason}`,
    );
  if (x.decisions.length > TEXT_LISTED_EXCLUSIONS)
    lines.push(
      `               … ${x.decisions.length - TEXT_LISTED_EXCLUSIONS} more in the JSON report`,
    );
  return lines;
}
