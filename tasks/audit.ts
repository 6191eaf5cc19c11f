/**
 * epoch:verify — the auditor's task (SPEC §5). From the chain alone (its own export into a work
 * folder), the season file and the deployment record's addresses, it recomputes epoch n (and
 * epoch n − 1 from the same replay), reads the published dump (a path or an http(s) URL), and
 * judges it with src/audit: the on-chain root and dataHash, the dump's format, the whole tree and
 * every proof (the auditor's own code, in a worker thread while the epoch is recomputed; see
 * docs/auditor.md), leaf by leaf against the recomputation, cumulative monotonicity, totals
 * against the distributor's balance. It writes a JSON report, prints a human one, and fails (after writing the
 * report) naming each difference. It reads no operator file.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { task, types } from "hardhat/config";
import type { RewardDistributor } from "../typechain-types";
import { Contract } from "ethers";
import { auditEpoch, describeDifferences, iso, type AuditReport } from "../src/audit/audit-epoch";
import { readDump } from "../src/audit/dump-source";
import { judgeDumpInWorker } from "../src/audit/judge-dump";
import { recomputeForAudit } from "../src/audit/recompute";
import { renderAuditJson, renderAuditText } from "../src/audit/render-report";
import { claimedTotals } from "../src/audit/totals";
import { REWARD_DISTRIBUTOR } from "../deploy/rewards";
import { distributorAt, publishedRoot } from "./lib/distributor";
import { check, TaskError, withContext } from "./lib/errors";
import { parseDecisionsCsv } from "../src/sybil/files";
import { runSeasonExport } from "./lib/export";
import { epochsDir, loadDeployedSeason } from "./lib/season";
import { epochOfSeason } from "./lib/season-ops";

const ERC20_BALANCE = [
  "function balanceOf(address) view returns (uint256)",
  "function decimals() view returns (uint8)",
];

const say = (line: string): void => {
  process.stderr.write(`[verify] ${line}\n`);
};

/** The highest epoch ever published to the distributor, or undefined. */
async function latestPublishedEpoch(distributor: RewardDistributor): Promise<number | undefined> {
  const events = await distributor.queryFilter(distributor.filters.RootPublished());
  const epochs = events.map((e) => Number(e.args.epoch));
  return epochs.length ? Math.max(...epochs) : undefined;
}

/** Runs `f`, turning any error into one line. */
function withContextSync<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof TaskError) throw e;
    throw new TaskError((e as Error).message.split("\n")[0]);
  }
}

task(
  "epoch:verify",
  "Audit an epoch from the chain alone: recompute it, compare with the published root and dump, check every proof",
)
  .addParam("season", "The season file")
  .addOptionalParam(
    "epoch",
    "The epoch to verify (default: the latest published on chain)",
    undefined,
    types.int,
  )
  .addParam("dump", "The published tree.json: a file path or an http(s) URL")
  .addOptionalParam(
    "report",
    "Where to write the JSON report (default: <work>/verify-epoch-<n>.json)",
  )
  .addOptionalParam(
    "work",
    "The auditor's own folder for its export and recomputation (default: a new temporary folder; reuse one to export incrementally)",
  )
  .addOptionalParam(
    "decisions",
    "The sybil review's decisions.csv (season:sybil:decide): the report names each excluded account with its reason",
  )
  .addFlag("json", "Print the JSON report instead of the human one")
  .setAction(
    async (
      args: {
        season: string;
        epoch?: number;
        dump: string;
        report?: string;
        work?: string;
        decisions?: string;
        json: boolean;
      },
      hre,
    ): Promise<AuditReport> => {
      // 1. Refusals: nothing is written before every input checks out.
      const deployed = await loadDeployedSeason(hre, args.season);
      const distributor = await distributorAt(hre, undefined, deployed);
      const n = args.epoch ?? (await latestPublishedEpoch(distributor));
      if (n === undefined) {
        throw new TaskError(
          `no epoch was ever published to the distributor at ${distributor.target}: pass --epoch`,
        );
      }
      const { endTime } = epochOfSeason(deployed, n);
      const provider = hre.ethers.provider;
      const head = await provider.getBlockNumber();
      const confirmations = deployed.file.chain?.confirmations ?? 0;
      const confirmed = await provider.getBlock(Math.max(0, head - confirmations));
      if (!confirmed || confirmed.timestamp < endTime) {
        throw new TaskError(
          `epoch ${n} ends at ${iso(endTime)} but the chain's confirmed head (block ${head - confirmations}) is at ` +
            `${confirmed ? iso(confirmed.timestamp) : "an unknown time"}: verify once the epoch has ended`,
        );
      }
      if (args.work !== undefined && path.resolve(args.work) === path.resolve(epochsDir(hre))) {
        throw new TaskError(
          `--work ${path.resolve(args.work)} is the operator's epochs folder: an auditor uses a folder of its own`,
        );
      }
      const decisionsFile = args.decisions;
      const decisions =
        decisionsFile === undefined
          ? undefined
          : {
              source: decisionsFile,
              list: check("--decisions", () =>
                parseDecisionsCsv(fs.readFileSync(decisionsFile, "utf8"), decisionsFile),
              ),
            };
      const dump = await withContext("", () => readDump(args.dump));
      const work = path.resolve(
        args.work ?? fs.mkdtempSync(path.join(os.tmpdir(), "epoch-verify-")),
      );
      const reportFile = path.resolve(args.report ?? path.join(work, `verify-epoch-${n}.json`));

      // 2. The dump judged in a worker thread (its hash, format, whole tree and every proof) while
      // this thread exports and recomputes.
      say(`working in ${work}`);
      const judging = judgeDumpInWorker(dump.bytes, { prefix: "[verify] " });
      judging.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
      const { exported, mine, judged } = await (async () => {
        try {
          const exported = await runSeasonExport(hre, deployed, {
            eventsFile: path.join(work, "events.ndjson"),
          });
          if (exported.stopped) {
            throw new TaskError(
              `the export was stopped (Ctrl-C): run again with --work ${work} to resume it`,
            );
          }
          say(
            `recomputing epoch ${n}${n > 1 ? ` (and ${n - 1}, from the same replay)` : ""} from ${exported.lines} events`,
          );
          const mine = withContextSync(() =>
            recomputeForAudit({
              season: deployed.season,
              epoch: n,
              eventsPath: exported.eventsFile,
              folder: path.join(work, `epoch-${n}`),
              onProgress: say,
            }),
          );
          if (!mine) {
            throw new TaskError(
              `epoch ${n} recomputed from the chain owes nothing to anyone, so no published tree can be right`,
            );
          }
          say("waiting for the check of the dump");
          return { exported, mine, judged: await withContext("", () => judging) };
        } finally {
          judging.cancel();
        }
      })();

      // 3. The chain's side: the root record, what was claimed, the balances (at one block).
      say(`reading the distributor ${distributor.target} at block ${head}`);
      const published = await publishedRoot(distributor, n);
      const acceptedEpoch = Number(await distributor.epoch({ blockTag: head }));
      const from = deployed.record.contracts[REWARD_DISTRIBUTOR]?.blockNumber ?? 0;
      const claims = await distributor.queryFilter(distributor.filters.Claimed(), from, head);
      const claimed = claimedTotals(
        claims.map((c) => ({
          account: c.args.account,
          token: c.args.token,
          amount: c.args.amount,
        })),
      );
      const tokens = new Set([...mine.tokens, ...judged.tokens]);
      const balances = new Map<string, bigint>();
      const symbols: Record<string, string> = {};
      const decimals: Record<string, number> = {};
      for (const token of [...tokens].sort()) {
        const erc20 = new Contract(token, ERC20_BALANCE, provider);
        let balance = 0n;
        if ((await provider.getCode(token, head)) !== "0x") {
          balance = (await erc20.balanceOf(distributor.target, { blockTag: head })) as bigint;
          // Whole tokens for people; a token without decimals() stays in base units.
          decimals[token.toLowerCase()] = Number(
            await (erc20.decimals() as Promise<bigint>).catch(() => Number.NaN),
          );
          if (Number.isNaN(decimals[token.toLowerCase()])) delete decimals[token.toLowerCase()];
        }
        balances.set(token, balance);
        symbols[token] = deployed.symbolOf(token);
      }

      // 4. Judge, write, print.
      const report = auditEpoch({
        season: deployed.file.raw.name as string,
        network: hre.network.name,
        chainId: deployed.chainId.toString(),
        epoch: n,
        endTime,
        distributor: String(distributor.target),
        exportedTo: { block: exported.lastBlock, time: exported.lastBlockTime },
        published,
        acceptedEpoch,
        dump,
        judged,
        recomputed: mine.recomputed,
        previous: mine.previous,
        claimed,
        balances,
        symbols,
        exclusions: { exclude: deployed.file.chain?.exclude ?? [], decisions },
      });
      fs.mkdirSync(path.dirname(reportFile), { recursive: true });
      fs.writeFileSync(reportFile, renderAuditJson(report));
      console.log(
        args.json ? renderAuditJson(report).trimEnd() : renderAuditText(report, decimals),
      );
      console.log(`report written to ${reportFile}`);
      if (!report.ok) {
        throw new TaskError(
          `epoch ${n} does not verify: ${describeDifferences(report)} (report: ${reportFile})`,
        );
      }
      return report;
    },
  );
