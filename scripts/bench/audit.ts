/**
 * Benchmark of the auditor's judgement of an epoch (`epoch:verify` without the chain):
 *
 *     npm run bench:audit -- [--participants 1000000] [--actions 10000000] [--seed 1]
 *
 * Generates the synthetic season of `bench:engine` if it is not in .bench/ yet, and the operator's
 * epoch folder (tree.json: the published dump; `bench:engine`'s output when it is there) in a
 * child process, so that neither is counted.
 * Then it does what `epoch:verify` does once the events are exported, timed: reads the dump and
 * judges it in a worker thread (keccak256, format, the whole tree, every proof) while this thread
 * recomputes the last epoch from the events (and the one before it, from the same replay) and
 * writes its folder; then compares leaf by leaf, checks monotonicity and totals, and writes the
 * report. The chain's side is what an honest operator published: the operator's root and dataHash,
 * the distributor funded with every pool, nothing claimed. It prints the time of each part, the
 * whole, and the peak RSS of this process (worker included); results also go to
 * .bench/bench-audit-<participants>-<actions>-<seed>.json. The report's keccak256 is printed:
 * the same inputs give the same report bytes.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { auditEpoch, type AuditReport } from "../../src/audit/audit-epoch";
import { readDump } from "../../src/audit/dump-source";
import { judgeDumpInWorker } from "../../src/audit/judge-dump";
import { keccak256Hex } from "../../src/audit/keccak";
import { recomputeForAudit } from "../../src/audit/recompute";
import { renderAuditJson } from "../../src/audit/render-report";
import { STAGES, type Stage } from "../../src/engine/epoch";
import { loadSeasonFile } from "../../src/engine/season";
import { defaultBenchDir } from "./generate-season";
import { elapsedLog, seasonFlags } from "./flags";

export interface AuditBenchOptions {
  /** The folder holding season.json and events.ndjson (generated when absent). */
  readonly dir: string;
  readonly participants: number;
  readonly actions: number;
  readonly seed: number;
  /** Replaces the operator's tree.json by these bytes (a tampered dump, for tests). */
  readonly tamper?: (dump: Buffer) => Buffer;
  readonly log?: (line: string) => void;
}

export interface AuditBenchResult {
  readonly report: AuditReport;
  /** keccak256 of the report's JSON bytes. */
  readonly reportHash: string;
  readonly leaves: number;
  readonly dumpBytes: number;
  readonly timesMs: Record<string, number>;
  readonly engineStagesMs: Record<string, number>;
  readonly peakRssBytes: number;
}

const TSX = path.join(__dirname, "..", "..", "node_modules", ".bin", "tsx");

function run(args: string[], what: string): void {
  const r = spawnSync(TSX, args, { stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`${what} failed (exit status ${r.status})`);
}

/** The operator's side, made once per input folder: the season, its events, its epoch folder. */
function prepare(o: AuditBenchOptions): { season: string; events: string; operator: string } {
  const season = path.join(o.dir, "season.json");
  const events = path.join(o.dir, "events.ndjson");
  if (!fs.existsSync(events)) {
    o.log?.(`generating ${o.dir}`);
    run(
      [
        path.join(__dirname, "generate-season.ts"),
        ...["--participants", `${o.participants}`, "--actions", `${o.actions}`],
        ...["--seed", `${o.seed}`, "--out", o.dir],
      ],
      "the generator",
    );
  }
  // bench:engine's output folder is the operator's epoch folder too.
  const engineOut = path.join(o.dir, "out");
  const operator = fs.existsSync(path.join(engineOut, "summary.json"))
    ? engineOut
    : path.join(o.dir, "operator");
  if (!fs.existsSync(path.join(operator, "summary.json"))) {
    o.log?.(`computing the operator's epoch into ${operator}`);
    const epoch = loadSeasonFile(season).rewards.epochs.length;
    run(
      [
        path.join(__dirname, "..", "..", "src", "cli", "epoch.ts"),
        ...["--season", season, "--events", events, "--epoch", `${epoch}`],
        ...["--out", operator, "--quiet"],
      ],
      "the operator's epoch computation",
    );
  }
  return { season, events, operator };
}

/** Runs the audit of the input folder's last epoch; see the module comment. */
export async function runAuditBench(o: AuditBenchOptions): Promise<AuditBenchResult> {
  const files = prepare(o);
  const season = loadSeasonFile(files.season);
  const epoch = season.rewards.epochs.length;
  const operator = JSON.parse(
    fs.readFileSync(path.join(files.operator, "summary.json"), "utf8"),
  ) as { root: string; dataHash: string };
  const work = path.join(o.dir, "audit");
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  let dumpFile = path.join(files.operator, "tree.json");
  if (o.tamper) {
    dumpFile = path.join(work, "tampered-tree.json");
    fs.writeFileSync(dumpFile, o.tamper(fs.readFileSync(path.join(files.operator, "tree.json"))));
  }

  const times: Record<string, number> = {};
  const engineStages: Record<string, number> = Object.fromEntries(STAGES.map((s) => [s, 0]));
  const started = performance.now();
  let last = started;
  const lap = (what: string) => {
    const now = performance.now();
    times[what] = now - last;
    last = now;
  };

  const dump = await readDump(dumpFile);
  lap("read the dump");
  const judging = judgeDumpInWorker(dump.bytes, { prefix: "[audit] " });
  judging.catch(() => undefined);
  let mine: ReturnType<typeof recomputeForAudit>;
  try {
    mine = recomputeForAudit({
      season,
      epoch,
      eventsPath: files.events,
      folder: path.join(work, `epoch-${epoch}`),
      onProgress: o.log,
      onStage: (s: Stage, ms: number) => (engineStages[s] += ms),
    });
  } catch (e) {
    judging.cancel();
    throw e;
  }
  lap("recompute (this thread; the dump judged meanwhile)");
  if (!mine) throw new Error("the bench epoch owes nothing");
  const judged = await judging;
  lap("then wait for the dump's check");
  const balances = new Map<string, bigint>();
  for (const e of season.rewards.epochs) {
    for (const [token, pool] of Object.entries(e.pools)) {
      const t = token.toLowerCase();
      balances.set(t, (balances.get(t) ?? 0n) + BigInt(pool));
    }
  }
  const report = auditEpoch({
    season: season.name,
    network: "bench",
    chainId: "0",
    epoch,
    endTime: season.rewards.epochs[epoch - 1].endTime,
    distributor: "0x0000000000000000000000000000000000000000",
    exportedTo: { block: 0, time: season.rewards.epochs[epoch - 1].endTime },
    published: {
      root: operator.root,
      dataHash: operator.dataHash,
      validAt: 0,
      status: "accepted",
      blockNumber: 0,
    },
    acceptedEpoch: epoch,
    dump: { ...dump, source: path.basename(dumpFile) },
    judged,
    recomputed: { ...mine.recomputed, folder: `epoch-${epoch}` },
    previous: mine.previous,
    claimed: new Map(),
    balances,
  });
  lap("compare, monotonicity, totals");
  const json = renderAuditJson(report);
  fs.writeFileSync(path.join(work, `verify-epoch-${epoch}.json`), json);
  lap("write the report");
  times.total = performance.now() - started;
  return {
    report,
    reportHash: keccak256Hex(Buffer.from(json)),
    leaves: mine.recomputed.leaves.length,
    dumpBytes: dump.bytes.length,
    timesMs: times,
    engineStagesMs: engineStages,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

if (require.main === module) {
  const { participants, actions, seed } = seasonFlags();
  const log = elapsedLog();
  const dir = defaultBenchDir(participants, actions, seed);
  const loadStart = os.loadavg();
  const cpu0 = process.cpuUsage();
  void runAuditBench({ dir, participants, actions, seed, log }).then((r) => {
    const cpu = process.cpuUsage(cpu0);
    const loadEnd = os.loadavg();
    const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
    const checks = r.report.checks.map((c) => `${c.name} ${c.result}`).join(", ");
    const lines = [
      `audit: ${participants.toLocaleString("en-US")} participants, ${actions.toLocaleString("en-US")} action lines, epoch ${r.report.epoch}: ${r.leaves.toLocaleString("en-US")} leaves, dump ${mib(r.dumpBytes)}`,
      `  verdict: ${r.report.ok ? "VERIFIED" : "NOT VERIFIED"} (${checks})`,
      `  proofs: ${r.report.dump.proofsChecked.toLocaleString("en-US")} checked, ${r.report.dump.proofsVerifiedPlainly} of them also one by one with @openzeppelin/merkle-tree`,
      ...Object.entries(r.timesMs).map(([k, v]) => `  ${k.padEnd(52)} ${secs(v).padStart(9)}`),
      `    engine stages: ${Object.entries(r.engineStagesMs)
        .map(([k, v]) => `${k} ${secs(v)}`)
        .join(", ")}`,
      `  cpu (both threads)${" ".repeat(34)} ${secs((cpu.user + cpu.system) / 1000).padStart(9)}`,
      `  peak RSS ${mib(r.peakRssBytes)} (target < 4096 MiB); whole audit target < 60 s`,
      `  report keccak256 ${r.reportHash}`,
      `machine: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, node ${process.version}, load average ${loadStart.map((l) => l.toFixed(2)).join(" ")} → ${loadEnd.map((l) => l.toFixed(2)).join(" ")}`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    fs.writeFileSync(
      path.join(".bench", `bench-audit-${participants}-${actions}-${seed}.json`),
      `${JSON.stringify(
        {
          participants,
          actions,
          seed,
          leaves: r.leaves,
          dumpBytes: r.dumpBytes,
          ok: r.report.ok,
          timesMs: r.timesMs,
          engineStagesMs: r.engineStagesMs,
          cpuMs: (cpu.user + cpu.system) / 1000,
          peakRssBytes: r.peakRssBytes,
          reportHash: r.reportHash,
          loadStart,
          loadEnd,
        },
        null,
        2,
      )}\n`,
    );
    if (!r.report.ok) process.exitCode = 1;
  });
}
