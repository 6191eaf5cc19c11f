/**
 * The whole demo on one Hardhat network: a Season 1 file with compact tiers and day-long epochs,
 * its deployment, a simulated crowd (src/demo/plan.ts) playing two epochs, and the operators',
 * auditor's and participants' tasks closing, publishing, funding, verifying, accepting and
 * claiming them; then the season report (console, HTML page, JSON).
 */
import fs from "node:fs";
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { tokenRecord } from "../../deploy/tokens";
import { OPERATION_ORDER, type GasRow } from "../../src/demo/gas";
import {
  activityOf,
  dollarFloorCount,
  renderHighlightsHtml,
  renderHighlightsText,
  scoreDistribution,
  type DemoHighlights,
} from "../../src/demo/highlights";
import type { DemoOptions } from "../../src/demo/options";
import {
  claimRound,
  claimSample,
  joinersOf,
  planSeason,
  type SeasonPlan,
} from "../../src/demo/plan";
import {
  parseAllocationsCsv,
  parseScoresCsv,
  type AllocationLine,
  type ScoreLine,
} from "../../src/season/epoch-files";
import { epochTimeline } from "../../src/demo/timeline";
import type { EpochSummary } from "../../src/engine/epoch";
import { groupDigits } from "../../src/format/number";
import type { SeasonReport } from "../../src/report/season-report";
import { REWARD_TOKEN } from "../../src/season/season1-template";
import { distributorAt } from "../../tasks/lib/distributor";
import { collectSeasonReport, writeSeasonReport } from "../../tasks/lib/season-report";
import { loadDeployedSeason } from "../../tasks/lib/season";
import { advanceTo } from "./bulk";
import { DemoLog, endPhase, type PhaseTimings } from "./console";
import { seasonTasks, type AuditReport, type SeasonTasks } from "./flow";
import { scanGas } from "./gas-scan";
import { Simulation } from "./simulate";

/** The demo's files, under the output folder. */
export function demoPaths(outDir: string) {
  return {
    season: path.join(outDir, "season.json"),
    deployments: path.join(outDir, "deployments"),
    epochs: path.join(outDir, "epochs"),
    secrets: path.join(outDir, "secrets"),
    audit: path.join(outDir, "audit"),
    html: path.join(outDir, "index.html"),
    json: path.join(outDir, "report.json"),
    log: path.join(outDir, "demo.log"),
  };
}

export interface DemoRun {
  report: SeasonReport;
  highlights: DemoHighlights;
  /** Every epoch verified by the auditor and every claim paid exactly. */
  ok: boolean;
  files: ReturnType<typeof demoPaths>;
  seconds: number;
}

const EPOCHS = 2;

/** Clears what a previous run left in `outDir` (only the demo's own files) and recreates it. */
function prepare(outDir: string): ReturnType<typeof demoPaths> {
  const files = demoPaths(outDir);
  for (const p of Object.values(files)) fs.rmSync(p, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  return files;
}

/** Sets a variable for the length of the run (the tasks read them when they run). */
function withEnv(vars: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

interface ClaimOutcome {
  leaves: number;
  paid: bigint;
  exact: boolean;
  batchGas?: { gas: bigint; leaves: number };
}

/**
 * Claims for `accounts` with rewards:claim and checks that each account received exactly its
 * cumulative entitlement (from the accepted epoch's allocations) minus what it had claimed.
 */
async function claimExactly(
  hre: HardhatRuntimeEnvironment,
  tasks: SeasonTasks,
  accounts: readonly string[],
  allocations: readonly AllocationLine[],
  token: string,
): Promise<ClaimOutcome> {
  const distributor = await distributorAt(hre);
  const erc20 = await hre.ethers.getContractAt("TestnetToken", token);
  const expected = new Map<string, bigint>();
  const before = new Map<string, bigint>();
  for (const a of accounts) {
    const cumulative =
      allocations.find((l) => l.account === a.toLowerCase() && l.token === token.toLowerCase())
        ?.cumulative ?? 0n;
    expected.set(a, cumulative - (await distributor.claimed(a, token)));
    before.set(a, await erc20.balanceOf(a));
  }
  const result = await tasks.claim(accounts);
  let exact = true;
  let paid = 0n;
  for (const a of accounts) {
    const received = (await erc20.balanceOf(a)) - before.get(a)!;
    paid += received;
    if (received !== expected.get(a)) exact = false;
  }
  const reported = result.paid.reduce((s, p) => s + BigInt(p.amount), 0n);
  if (reported !== paid) exact = false;
  return {
    leaves: result.paid.length,
    paid,
    exact,
    ...(accounts.length > 1
      ? { batchGas: { gas: BigInt(result.gasUsed), leaves: result.paid.length } }
      : {}),
  };
}

/** What each passed check of epoch:verify establishes, for the report's Audit section. */
const CHECK_PHRASES: Record<string, (r: AuditReport) => string> = {
  "recomputed-root": () => "root recomputed from the chain alone = published root",
  "dump-hash": () => "dump hash = on-chain dataHash",
  "dump-proofs": (r) =>
    `${groupDigits(BigInt(r.dump.proofsChecked))} proofs verified independently`,
  monotonic: () => "no cumulative amount decreased",
  totals: () => "funded",
};

function verificationRow(
  epoch: number,
  report: AuditReport | undefined,
  error?: string,
): SeasonReport["verification"][number] {
  if (!report) return { epoch, ok: false, detail: error ?? "not verified" };
  if (!report.ok) {
    return {
      epoch,
      ok: false,
      detail: report.differences
        .slice(0, 3)
        .map((d) => d.message)
        .join("; "),
    };
  }
  const phrases = report.checks
    .filter((c) => c.result === "ok" && c.name in CHECK_PHRASES)
    .map((c) => CHECK_PHRASES[c.name](report));
  return { epoch, ok: true, detail: `match: ${phrases.join(", ")}` };
}

/** Runs the demo; `print` gets the console lines (task output goes to the log file). */
export async function runDemo(
  hre: HardhatRuntimeEnvironment,
  options: DemoOptions,
  print: (line: string) => void,
): Promise<DemoRun> {
  const started = performance.now();
  const files = prepare(options.outDir);
  const restoreEnv = withEnv({
    DEPLOYMENTS_DIR: files.deployments,
    EPOCHS_DIR: files.epochs,
    RIDDLE_SECRETS_DIR: files.secrets,
  });
  const log = new DemoLog(files.log);
  const timings: PhaseTimings = [];
  /** Runs a task phase, its output to the log; its time is recorded only when it succeeds. */
  const step = async <T>(
    phase: string,
    fn: () => Promise<T>,
    note?: (r: T) => string,
  ): Promise<T> => {
    const t = performance.now();
    const result = await log.capture(phase, fn);
    const line = endPhase(timings, phase, t);
    print(note ? `${line}   ${note(result)}` : line);
    return result;
  };
  try {
    const signers = await hre.ethers.getSigners();
    const [operator, auditor] = signers;
    const firstBlock = (await hre.ethers.provider.getBlockNumber()) + 1;
    print(
      `Community testing season demo: ${groupDigits(BigInt(options.participants))} participants, seed '${options.seed}', network '${hre.network.name}'`,
    );
    print(`  output: ${options.outDir}`);

    await step("season:init + season:deploy", async () => {
      await hre.run("season:init", {
        out: files.season,
        epochSeconds: String(options.epochSeconds),
        epochs: EPOCHS,
        timelock: String(options.timelock),
        tierDivisor: options.tierDivisor,
        ...(auditor ? { guardian: auditor.address } : {}),
        // The simulated participants claim without vouchers: open mode, chosen explicitly.
        mintMode: "open",
        force: true,
      });
      await hre.run("season:deploy", { season: files.season });
      await hre.run("points:reporter:add", { dapp: "Netswap", reporter: operator.address });
    });
    const tasks = seasonTasks(hre, files.season);
    const plan: SeasonPlan = planSeason({
      participants: options.participants,
      seed: options.seed,
      epochs: EPOCHS,
    });
    const sim = await Simulation.create(hre, plan, print, timings);
    const deployed = await loadDeployedSeason(hre, files.season);
    const rewardToken = deployed.address(tokenRecord(REWARD_TOKEN.symbol));
    if (!rewardToken) throw new Error(`${REWARD_TOKEN.symbol} is not deployed`);
    const start = deployed.season.rewards.epochs[0].endTime - options.epochSeconds;
    const sample = claimSample(plan, options.claimSample);
    const summaries: EpochSummary[] = [];
    const audits: SeasonReport["verification"] = [];
    const relayed = { records: 0, batches: 0 };
    const claims = { leaves: 0, paid: 0n, exact: true, batchGas: 0n, batchLeaves: 0 };
    let lastAllocations: AllocationLine[] = [];
    let lastScores: ScoreLine[] = [];

    for (let epoch = 1; epoch <= EPOCHS; epoch++) {
      const timeline = epochTimeline({
        start,
        epochSeconds: options.epochSeconds,
        timelock: options.timelock,
        epoch,
      });
      await log.capture(`epoch ${epoch}`, () =>
        sim.playEpoch(epoch, timeline, deployed.season.boosts),
      );
      await step(
        `epoch ${epoch}: points:relay (Netswap)`,
        () => tasks.relay(),
        (r) => {
          const n = Object.values(r.relayed).reduce((a, b) => a + b, 0);
          relayed.records += n;
          relayed.batches += r.batches.length;
          return `${groupDigits(BigInt(n))} events relayed in ${r.batches.length} recordPacked batches`;
        },
      );
      await advanceTo(hre, timeline.end, true);
      const summary = await step(
        `epoch ${epoch}: epoch:close`,
        () => tasks.close(epoch),
        (s) => `${groupDigits(BigInt(s.participants))} ranked, root ${s.root.slice(0, 10)}…`,
      );
      summaries.push(summary);
      const dir = path.join(files.epochs, `epoch-${epoch}`);
      lastAllocations = parseAllocationsCsv(
        fs.readFileSync(path.join(dir, "allocations.csv"), "utf8"),
      );
      lastScores = parseScoresCsv(fs.readFileSync(path.join(dir, "scores.csv"), "utf8"));
      await step(`epoch ${epoch}: epoch:publish + rewards:fund`, async () => {
        await tasks.publish(epoch);
        return tasks.fundEpoch(epoch);
      });
      let audit: AuditReport | undefined;
      let auditError: string | undefined;
      await step(
        `epoch ${epoch}: epoch:verify (auditor)`,
        async () => {
          try {
            audit = await tasks.verify(
              epoch,
              path.join(dir, "tree.json"),
              path.join(files.audit, `verify-epoch-${epoch}.json`),
              path.join(files.audit, "work"),
            );
          } catch (e) {
            auditError = (e as Error).message;
          }
        },
        () => (audit?.ok ? "verified" : `MISMATCH: ${auditError ?? "see the report"}`),
      );
      audits.push(verificationRow(epoch, audit, auditError));
      if (!audit?.ok) {
        // The auditor does not sign off: the guardian revokes the root and the season stops.
        await step(`epoch ${epoch}: epoch:revoke (guardian)`, () => tasks.revoke(auditor?.address));
        break;
      }
      const latest = await hre.ethers.provider.getBlock("latest");
      await advanceTo(hre, latest!.timestamp + options.timelock, true);
      await step(`epoch ${epoch}: timelock, epoch:accept`, () => tasks.accept());

      const round = claimRound(plan, sample, epoch);
      const address = (i: number) => sim.participants[i].address;
      await step(
        `epoch ${epoch}: rewards:claim`,
        async () => {
          const outcomes: ClaimOutcome[] = [];
          if (round.batch.length > 0)
            outcomes.push(
              await claimExactly(
                hre,
                tasks,
                round.batch.map(address),
                lastAllocations,
                rewardToken,
              ),
            );
          if (round.single !== undefined)
            outcomes.push(
              await claimExactly(hre, tasks, [address(round.single)], lastAllocations, rewardToken),
            );
          for (const o of outcomes) {
            claims.leaves += o.leaves;
            claims.paid += o.paid;
            claims.exact &&= o.exact;
            if (o.batchGas) {
              claims.batchGas += o.batchGas.gas;
              claims.batchLeaves += o.batchGas.leaves;
            }
          }
          return outcomes;
        },
        (o) =>
          `${o.reduce((n, x) => n + x.leaves, 0)} leaves (claimMany of ${round.batch.length}, claim of ${round.single === undefined ? 0 : 1}), ${o.every((x) => x.exact) ? "each paid exactly" : "PAYMENT MISMATCH"}`,
      );
    }

    // The report.
    const head = await hre.ethers.provider.getBlockNumber();
    const scan = await step("gas per operation (every block)", () =>
      scanGas(hre, firstBlock, head, sim.contracts.names),
    );
    const gasRows: GasRow[] = scan.tally
      .rows()
      .filter((r) => OPERATION_ORDER.includes(r.operation));
    if (claims.batchLeaves > 0) {
      const at = gasRows.findIndex((r) => r.operation === "RewardDistributor.claimMany");
      gasRows.splice(at + 1, 0, {
        operation: "RewardDistributor.claimMany, per leaf",
        calls: claims.batchLeaves,
        totalGas: claims.batchGas,
        averageGas: Number(claims.batchGas) / claims.batchLeaves,
        minGas: 0n,
        maxGas: 0n,
      });
    }
    // The season's report and its sybil review: the same tasks an operator runs on a real season.
    await step("season:sybil (review)", () =>
      hre.run("season:sybil", { season: files.season, quiet: true }),
    );
    const report = await step("season:report (chain, epoch folders, sybil folder)", () =>
      collectSeasonReport(hre, deployed, {
        epochsRoot: files.epochs,
        eventsFile: path.join(files.epochs, "events.ndjson"),
        exportHint: "the demo's exports are written by epoch:close",
        title: `${String(deployed.file.raw.name)} (demo)`,
        extra: {
          gas: gasRows,
          verification: audits,
          paid: [{ token: rewardToken, amount: claims.paid, claims: claims.leaves }],
        },
      }),
    );
    const events = fs.readFileSync(path.join(files.epochs, "events.ndjson"), "utf8");
    const last = summaries.at(-1)!;
    const verified = audits.length === EPOCHS && audits.every((a) => a.ok);
    const seconds = (performance.now() - started) / 1000;
    const highlights: DemoHighlights = {
      glance: [
        {
          label: "participants",
          value: `${groupDigits(BigInt(options.participants))} (${joinersOf(plan, 2).length} joined in epoch 2)`,
        },
        {
          label: "ranked accounts (epoch 2)",
          value: groupDigits(BigInt(last.participants)),
        },
        {
          label: "transactions",
          value: `${groupDigits(BigInt(scan.transactions))} in ${groupDigits(BigInt(scan.blocks))} blocks`,
        },
        {
          label: "events scored (epoch 2)",
          value: `${groupDigits(BigInt(last.events.mints))} mints, ${groupDigits(BigInt(last.events.actions))} actions, ${groupDigits(BigInt(last.events.boosts))} boosts`,
        },
        {
          label: "Netswap events relayed",
          value: `${groupDigits(BigInt(relayed.records))} in ${relayed.batches} batches (also read directly by the exporter: each counted once)`,
        },
        {
          label: "score = minted dollars",
          value: `${groupDigits(BigInt(dollarFloorCount(lastScores)))} participants (their dollars exceed their points)`,
        },
        {
          label: "audit",
          value: verified
            ? `epochs 1–${EPOCHS} verified from the chain alone`
            : "MISMATCH (see Audit)",
        },
        {
          label: "claims",
          value: `${groupDigits(BigInt(claims.leaves))} leaves claimed, ${claims.exact ? "each paid exactly cumulative − claimed" : "PAYMENT MISMATCH"}`,
        },
        { label: "seed", value: options.seed },
        { label: "run time", value: `${seconds.toFixed(0)} s` },
      ],
      distribution: scoreDistribution(lastScores),
      scores: report.scores,
      activity: activityOf(events),
      riddles: [...sim.riddles.values()],
      timings,
    };
    const written = writeSeasonReport(report, options.outDir, {
      html: renderHighlightsHtml(highlights),
      json: { highlights },
    });
    print(`\n${written.text}`);
    print(renderHighlightsText(highlights));
    const ok = verified && claims.exact;
    print(
      ok
        ? `\nVerified season: ${EPOCHS} epochs closed, published, audited from the chain alone and accepted; ${claims.leaves} claims paid exactly (${seconds.toFixed(0)} s).`
        : `\nThe season did NOT verify: see the Audit section and ${files.log}.`,
    );
    print(`Report: ${files.html} (offline page), ${files.json}; task output: ${files.log}`);
    return { report, highlights, ok, files, seconds };
  } finally {
    log.close();
    restoreEnv();
  }
}
