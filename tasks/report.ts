/**
 * The season's report and its sybil review, for any deployed season:
 *   season:report        the HTML report (offline, inline SVG) and its JSON, from the chain and
 *                        the epoch folders
 *   season:sybil         clusters of participants linked by funding, sweeps, transfers and
 *                        lockstep actions; a proposed exclusion list for the operator's review
 *   season:sybil:decide  records a decision (excluded, or cleared on appeal) with its reason
 * Files: <epochs folder>/report/ and <epochs folder>/sybil/ (next to epoch-<n>/).
 */
import fs from "node:fs";
import path from "node:path";
import { task, types } from "hardhat/config";
import { formatTable } from "../src/format/table";
import { groupNumber } from "../src/report/svg-chart";
import { DEFAULT_SYBIL_OPTIONS, detectSybils, type SybilOptions } from "../src/sybil/detect";
import {
  DECISIONS,
  formatClustersCsv,
  formatDecisionsCsv,
  parseDecisionsCsv,
  proposedExclusions,
  recordDecisions,
  type Decision,
  type DecisionKind,
} from "../src/sybil/files";
import type { SybilSummary } from "../src/sybil/section";
import { addressArg, toJson } from "./lib/cli";
import { TaskError } from "./lib/errors";
import { untilCtrlC } from "./lib/export";
import { epochsDir, loadDeployedSeason, readSeasonFile } from "./lib/season";
import { eventsFileOf } from "./lib/epochs";
import { collectSeasonReport, reportDir, sybilDir, writeSeasonReport } from "./lib/season-report";
import { collectSybilInput } from "./lib/sybil";

const g = (n: number) => groupNumber(n);

function exportHint(network: string, season: string): string {
  return `run \`npx hardhat season:export --network ${network} --season ${season}\` first`;
}

task(
  "season:report",
  "Write the season's HTML report and its JSON (from the chain and the epoch folders)",
)
  .addParam("season", "The season file")
  .addOptionalParam("out", "The report's folder (default: <epochs folder>/report)")
  .addFlag("quiet", "No progress lines on stderr")
  .addFlag("json", "Print the report's JSON instead of its text")
  .setAction(async (args: { season: string; out?: string; quiet: boolean; json: boolean }, hre) => {
    const deployed = await loadDeployedSeason(hre, args.season);
    const root = epochsDir(hre);
    const say = (line: string) => {
      if (!args.quiet) process.stderr.write(`[report] ${line}\n`);
    };
    const out = args.out ?? reportDir(root);
    const report = await collectSeasonReport(hre, deployed, {
      epochsRoot: root,
      checkpointFile: path.join(out, "blocks.checkpoint.json"),
      eventsFile: eventsFileOf(hre),
      exportHint: exportHint(hre.network.name, args.season),
      say,
    });
    const files = writeSeasonReport(report, out);
    if (args.json) console.log(toJson(report));
    else {
      console.log(files.text);
      console.log(`\nwrote ${files.html} (open it in a browser, offline) and ${files.json}`);
      if (!report.sybil)
        console.log(
          `next: npx hardhat season:sybil --network ${hre.network.name} --season ${args.season}`,
        );
    }
    return { report, files: { html: files.html, json: files.json } };
  });

task(
  "season:sybil",
  "Cluster the season's participants by funding, sweeps, transfers and lockstep actions",
)
  .addParam("season", "The season file")
  .addOptionalParam(
    "faucets",
    "Comma-separated addresses that fund or receive from everyone (faucets, exchanges): never evidence",
  )
  .addOptionalParam(
    "fromBlock",
    "First block to scan for first funders (default: the season's first contract's block)",
    undefined,
    types.int,
  )
  .addOptionalParam(
    "maxGroup",
    "A funder or destination shared by more participants is a public hub",
    DEFAULT_SYBIL_OPTIONS.maxGroup,
    types.int,
  )
  .addOptionalParam(
    "lockstepSeconds",
    "Seconds within which two participants' actions are in lockstep",
    DEFAULT_SYBIL_OPTIONS.lockstepSeconds,
    types.int,
  )
  .addOptionalParam(
    "minScore",
    "Kinds of evidence (1 to 4) that flag an account",
    DEFAULT_SYBIL_OPTIONS.minScore,
    types.int,
  )
  .addFlag("quiet", "No progress lines on stderr")
  .addFlag("json", "Print the result as JSON")
  .setAction(
    async (
      args: {
        season: string;
        faucets?: string;
        fromBlock?: number;
        maxGroup: number;
        lockstepSeconds: number;
        minScore: number;
        quiet: boolean;
        json: boolean;
      },
      hre,
    ) => {
      const options: SybilOptions = {
        ...DEFAULT_SYBIL_OPTIONS,
        maxGroup: args.maxGroup,
        lockstepSeconds: args.lockstepSeconds,
        minScore: args.minScore,
      };
      for (const [flag, value, min, max] of [
        ["max-group", args.maxGroup, 2, Number.MAX_SAFE_INTEGER],
        ["lockstep-seconds", args.lockstepSeconds, 0, 86_400],
        ["min-score", args.minScore, 1, 4],
      ] as const) {
        if (!Number.isInteger(value) || value < min || value > max)
          throw new TaskError(`--${flag} must be an integer from ${min} to ${max}, got ${value}`);
      }
      if (args.fromBlock !== undefined && (!Number.isInteger(args.fromBlock) || args.fromBlock < 0))
        throw new TaskError(`--from-block must be a block number, got ${args.fromBlock}`);
      const faucets = (args.faucets ?? "")
        .split(",")
        .map((a) => a.trim())
        .filter((a) => a !== "")
        .map((a) => addressArg(hre, "faucets", a));
      const deployed = await loadDeployedSeason(hre, args.season);
      const dir = sybilDir(epochsDir(hre));
      const say = (line: string) => {
        if (!args.quiet) process.stderr.write(`[sybil] ${line}\n`);
      };
      const collected = await untilCtrlC(say, (stopped) =>
        collectSybilInput(hre, deployed, {
          eventsFile: eventsFileOf(hre),
          dir,
          exportHint: exportHint(hre.network.name, args.season),
          fromBlock: args.fromBlock,
          faucets,
          say,
          shouldStop: stopped,
        }),
      );
      if (!collected.complete) {
        console.log(
          `stopped during the funding scan; run the same command again to resume from ${path.join(dir, "funders.checkpoint.json")}`,
        );
        return undefined;
      }
      const result = detectSybils(collected.input, options);
      const decisionsFile = path.join(dir, "decisions.csv");
      let decisions: Decision[] = [];
      try {
        decisions = fs.existsSync(decisionsFile)
          ? parseDecisionsCsv(fs.readFileSync(decisionsFile, "utf8"), decisionsFile)
          : [];
      } catch (e) {
        throw new TaskError((e as Error).message);
      }
      if (!fs.existsSync(decisionsFile)) fs.writeFileSync(decisionsFile, formatDecisionsCsv([]));
      const proposed = proposedExclusions(result, decisions, deployed.file.chain?.exclude ?? []);
      const summary: SybilSummary = {
        participants: result.participants,
        links: result.links,
        hubs: result.hubs,
        fromBlock: collected.fromBlock,
        toBlock: collected.toBlock,
      };
      const files = {
        clusters: path.join(dir, "clusters.csv"),
        summary: path.join(dir, "summary.json"),
        proposed: path.join(dir, "proposed-exclude.json"),
        decisions: decisionsFile,
      };
      fs.writeFileSync(files.clusters, formatClustersCsv(result));
      fs.writeFileSync(files.summary, `${JSON.stringify(summary, null, 2)}\n`);
      fs.writeFileSync(
        files.proposed,
        `${JSON.stringify(
          {
            note: "Flagged for review, not excluded. After review, record each decision with season:sybil:decide and copy the excluded accounts into the season file's chain.exclude.",
            accounts: proposed,
          },
          null,
          2,
        )}\n`,
      );
      const value = {
        ...summary,
        clusters: result.clusters,
        flagged: result.flagged,
        proposed,
        files,
      };
      if (args.json) {
        console.log(toJson(value));
        return value;
      }
      console.log(
        `${g(result.participants)} participants, blocks ${collected.fromBlock}..${collected.toBlock}: ${g(result.clusters.length)} clusters, ${g(result.flagged.length)} accounts flagged, ${g(proposed.length)} still to decide`,
      );
      console.log(
        formatTable(
          ["cluster", "accounts", "flagged", "evidence (one member)"],
          result.clusters.slice(0, 10).map((c) => {
            const best = [...c.members].sort((a, b) => b.score - a.score)[0];
            return [
              c.id,
              c.members.length,
              c.members.filter((m) => m.flagged).length,
              best.evidence.join("; "),
            ];
          }),
        ),
      );
      if (result.hubs.length)
        console.log(
          `not evidence (shared by more than ${g(options.maxGroup)} participants): ${result.hubs.map((h) => `${h.address} (${h.kind}, ${g(h.participants)})`).join(", ")}`,
        );
      console.log(`wrote ${files.clusters}, ${files.proposed}, ${files.summary}`);
      console.log(
        proposed.length
          ? `next: review ${files.clusters}, then npx hardhat season:sybil:decide --network ${hre.network.name} --season ${args.season} --decision excluded --accounts ${proposed.slice(0, 3).join(",")}${proposed.length > 3 ? ",…" : ""} --reason "<why>"`
          : `next: npx hardhat season:report --network ${hre.network.name} --season ${args.season}`,
      );
      return value;
    },
  );

task(
  "season:sybil:decide",
  "Record a sybil decision (excluded, or cleared on appeal) with its reason",
)
  .addParam("season", "The season file")
  .addParam("decision", "excluded or cleared")
  .addParam("accounts", "Comma-separated accounts")
  .addParam("reason", "Why (kept in decisions.csv, shown by the report)")
  .setAction(
    async (args: { season: string; decision: string; accounts: string; reason: string }, hre) => {
      const file = readSeasonFile(args.season);
      if (!(DECISIONS as readonly string[]).includes(args.decision))
        throw new TaskError(`--decision must be excluded or cleared, not '${args.decision}'`);
      if (args.reason.trim() === "") throw new TaskError("--reason must not be empty");
      const accounts = args.accounts
        .split(",")
        .map((a) => a.trim())
        .filter((a) => a !== "")
        .map((a) => addressArg(hre, "accounts", a).toLowerCase());
      if (accounts.length === 0) throw new TaskError("--accounts lists no account");
      const dir = sybilDir(epochsDir(hre));
      const decisionsFile = path.join(dir, "decisions.csv");
      let existing: Decision[] = [];
      try {
        existing = fs.existsSync(decisionsFile)
          ? parseDecisionsCsv(fs.readFileSync(decisionsFile, "utf8"), decisionsFile)
          : [];
      } catch (e) {
        throw new TaskError((e as Error).message);
      }
      const decisions = recordDecisions(
        existing,
        accounts.map((account) => ({
          account,
          decision: args.decision as DecisionKind,
          reason: args.reason.trim(),
        })),
      );
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(decisionsFile, formatDecisionsCsv(decisions));
      const excluded = new Set((file.chain?.exclude ?? []).map((a) => a.toLowerCase()));
      const pending = accounts.filter((a) =>
        args.decision === "excluded" ? !excluded.has(a) : excluded.has(a),
      );
      console.log(`recorded ${accounts.length} '${args.decision}' decisions in ${decisionsFile}`);
      if (pending.length)
        console.log(
          `next: ${args.decision === "excluded" ? "add" : "remove"} these accounts ${args.decision === "excluded" ? "to" : "from"} chain.exclude in ${args.season} (by hand: no task edits the season file), then close the next epoch: ${pending.join(", ")}`,
        );
      return decisions;
    },
  );
