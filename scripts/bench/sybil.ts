/**
 * Benchmark of the sybil detector on a seeded season with planted rings:
 *
 *     npm run bench:sybil -- [--participants 10000] [--sybil-share 0.15] [--seed bench]
 *
 * Simulates the crowd (src/sybil/simulate.ts: honest participants funded by a faucet, exchanges
 * or friends; rings funded from one address, sweeping to one address, acting in lockstep, with
 * noise), runs the detector exactly as season:sybil does (src/sybil/detect.ts, default options)
 * and prints the share of planted sybils and of honest participants flagged, the clusters, the
 * time of each step and the peak RSS.
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { DEFAULT_SYBIL_OPTIONS, detectSybils } from "../../src/sybil/detect";
import { measure, simulateSybilSeason } from "../../src/sybil/simulate";
import { groupDigits } from "../../src/format/number";

const { values: flags } = parseArgs({
  options: {
    participants: { type: "string", default: "10000" },
    "sybil-share": { type: "string", default: "0.15" },
    seed: { type: "string", default: "bench" },
  },
});
const participants = Number(flags.participants);
const sybilShare = Number(flags["sybil-share"]);
if (!Number.isInteger(participants) || participants < 10) {
  console.error(`--participants must be an integer >= 10, got ${flags.participants}`);
  process.exit(1);
}
if (!(sybilShare >= 0 && sybilShare < 1)) {
  console.error(`--sybil-share must be in [0, 1), got ${flags["sybil-share"]}`);
  process.exit(1);
}

const n = (x: number) => groupDigits(BigInt(x));
let t = performance.now();
const season = simulateSybilSeason({ participants, sybilShare, seed: flags.seed });
const simulateMs = performance.now() - t;
t = performance.now();
const result = detectSybils(season.input, DEFAULT_SYBIL_OPTIONS);
const detectMs = performance.now() - t;
const m = measure(season, result.flagged);
const pct = (x: number, places: number) => `${(x * 100).toFixed(places)}%`;

console.log(
  `sybil bench: ${n(participants)} participants, ${n(season.sybils.size)} planted sybils in ${season.rings} rings, seed '${flags.seed}'`,
);
console.log(
  `  flagged: ${n(m.sybilsFlagged)} of ${n(season.sybils.size)} planted sybils (${pct(m.sybilRate, 1)}), ${n(m.honestFlagged)} of ${n(season.honest.size)} honest (${pct(m.honestRate, 2)})`,
);
console.log(
  `  clusters: ${n(result.clusters.length)}; links: ${Object.entries(result.links)
    .map(([k, v]) => `${k} ${n(v)}`)
    .join(", ")}; hubs ignored: ${result.hubs.length}`,
);
console.log(
  `  time: simulate ${simulateMs.toFixed(0)} ms, detect ${detectMs.toFixed(0)} ms; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
console.log(
  `  machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, Node ${process.version}`,
);
const ok = m.sybilRate >= 0.9 && m.honestRate <= 0.02;
console.log(
  ok
    ? "  target met (>= 90% sybils, <= 2% honest)"
    : "  TARGET MISSED (>= 90% sybils, <= 2% honest)",
);
process.exit(ok ? 0 : 1);
