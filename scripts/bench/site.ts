/**
 * Benchmark of site:build's epoch part at scale:
 *
 *     npm run bench:site -- [--participants 1000000] [--actions 10000000] [--seed 1]
 *
 * Generates the synthetic season of the engine benchmark if it is not in .bench/ yet, computes
 * its last epoch with `npm run epoch` (both in child processes, so that neither is counted here),
 * then writes the epoch's shards and leaderboard pages exactly as site:build does
 * (src/site/build-epoch.ts) and prints the time, peak RSS, the folder's size and file count, and
 * the largest shard (the most one participant's page fetches for an epoch, beside season.json).
 * Results also go to .bench/bench-site-<participants>-<actions>-<seed>.json.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { EpochSummary } from "../../src/engine/epoch";
import { loadSeasonFile } from "../../src/engine/season";
import { writeEpochSite } from "../../src/site/build-epoch";
import { SHARD_LIMIT } from "../../src/site/types";
import { defaultBenchDir } from "./generate-season";
import { elapsedLog, seasonFlags } from "./flags";

const { participants, actions, seed } = seasonFlags();
const log = elapsedLog();
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const tsx = path.join("node_modules", ".bin", "tsx");

function run(what: string, args: string[]): void {
  log(what);
  const child = spawnSync(tsx, args, { stdio: ["ignore", "ignore", "inherit"] });
  if (child.status !== 0) throw new Error(`${what} failed`);
}

const dir = defaultBenchDir(participants, actions, seed);
const eventsFile = path.join(dir, "events.ndjson");
if (!fs.existsSync(eventsFile))
  run(`generating ${dir}`, [
    path.join(__dirname, "generate-season.ts"),
    ...["--participants", `${participants}`, "--actions", `${actions}`, "--seed", `${seed}`],
    ...["--out", dir],
  ]);
const seasonFile = path.join(dir, "season.json");
const season = loadSeasonFile(seasonFile);
const epoch = season.rewards.epochs.length;
const epochDir = path.join(dir, `epoch-${epoch}`);
if (!fs.existsSync(path.join(epochDir, "summary.json")))
  run(`computing epoch ${epoch} into ${epochDir}`, [
    path.join("src", "cli", "epoch.ts"),
    ...["--season", seasonFile, "--events", eventsFile, "--epoch", `${epoch}`],
    ...["--out", epochDir, "--quiet"],
  ]);
const summary = JSON.parse(
  fs.readFileSync(path.join(epochDir, "summary.json"), "utf8"),
) as EpochSummary;

const out = path.join(dir, "site", "data", "epochs", String(epoch));
fs.rmSync(path.join(dir, "site"), { recursive: true, force: true });
const loadStart = os.loadavg()[0];
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const result = writeEpochSite({ dir: epochDir, eventsFile, season, summary, out, progress: log });

void (async () => {
  const built = await result;
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const loadEnd = os.loadavg()[0];
  let bytesOnDisk = 0;
  let files = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        files++;
        bytesOnDisk += fs.statSync(p).size;
      }
    }
  };
  walk(out);
  const eventsBytes = fs.statSync(eventsFile).size;
  const figures = {
    participants,
    actions,
    seed,
    epoch,
    accounts: built.epoch.participants,
    ranked: built.epoch.ranked,
    shardDigits: built.epoch.shardDigits,
    shards: 16 ** built.epoch.shardDigits,
    leaderboardPages: built.epoch.pages,
    files,
    bytes: bytesOnDisk,
    largestShard: built.largestShard,
    shardLimit: SHARD_LIMIT,
    wallSeconds: wall / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssBytes: peakRss,
    eventsBytes,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${mib(os.totalmem())} RAM, Node ${process.version}`,
    load: [loadStart, loadEnd],
  };
  const lines = [
    `site: ${participants.toLocaleString("en-US")} participants, ${actions.toLocaleString("en-US")} action lines (${mib(eventsBytes)} of events), epoch ${epoch}`,
    `  ${built.epoch.participants.toLocaleString("en-US")} accounts in ${figures.shards.toLocaleString("en-US")} shards (${built.epoch.shardDigits} hex digits), ${built.epoch.pages.toLocaleString("en-US")} leaderboard pages`,
    `  wall ${figures.wallSeconds.toFixed(1)} s, cpu ${figures.cpuSeconds.toFixed(1)} s, peak RSS ${mib(peakRss)}`,
    `  folder ${mib(bytesOnDisk)} in ${files.toLocaleString("en-US")} files; largest shard ${(built.largestShard / 1024).toFixed(0)} KiB (limit ${SHARD_LIMIT / 1024} KiB)`,
    `  machine ${figures.machine}; load average ${loadStart.toFixed(2)} → ${loadEnd.toFixed(2)}`,
  ];
  console.log(lines.join("\n"));
  fs.writeFileSync(
    path.join(".bench", `bench-site-${participants}-${actions}-${seed}.json`),
    `${JSON.stringify(figures, null, 2)}\n`,
  );
})().catch((e: unknown) => {
  console.error(`bench:site: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
