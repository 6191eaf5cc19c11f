/**
 * Benchmark of the offline epoch computation (issue 5, SPEC §6):
 *
 *     npm run bench:engine -- [--participants 1000000] [--actions 10000000] [--seed 1]
 *                             [--oz-leaves 100000] [--mtjs-leaves 1000000] [--no-libs]
 *
 * Generates the synthetic season if it is not in .bench/ yet (in a child process, so that its
 * memory is not counted), computes its last epoch (epoch 2: both epochs are replayed) end to end
 * as `epoch:compute` does, and prints the time of each stage, the tree with all its proofs, the
 * whole epoch and the peak RSS of this process. Then it builds the same leaves with
 * @openzeppelin/merkle-tree and merkletreejs (at the sizes given; above them the figure is
 * extrapolated linearly, and says so) next to this engine's builder, and prints the ratios.
 * Results also go to .bench/bench-engine-<participants>-<actions>-<seed>.json.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { keccak256 } from "ethers";
import { MerkleTree } from "merkletreejs";
import { STAGES, computeEpoch, type Stage } from "../../src/engine/epoch";
import { writeEpochOutputs } from "../../src/engine/outputs";
import { loadSeasonFile } from "../../src/engine/season";
import { LEAF_ENCODING, RewardTree, leafSetOf, type LeafValue } from "../../src/engine/tree";
import { defaultBenchDir } from "./generate-season";
import { elapsedLog, seasonFlags } from "./flags";

const { participants, actions, seed } = seasonFlags({ others: true });
const { values: flags } = parseArgs({
  options: {
    participants: { type: "string" },
    actions: { type: "string" },
    seed: { type: "string" },
    "oz-leaves": { type: "string", default: "100000" },
    "mtjs-leaves": { type: "string", default: "1000000" },
    "no-libs": { type: "boolean", default: false },
  },
});
const log = elapsedLog();
const secs = (ms: number) => (ms / 1000).toFixed(2);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

const dir = defaultBenchDir(participants, actions, seed);
if (!fs.existsSync(path.join(dir, "events.ndjson"))) {
  log(`generating ${dir}`);
  const gen = spawnSync(
    path.join("node_modules", ".bin", "tsx"),
    [
      path.join(__dirname, "generate-season.ts"),
      ...[
        "--participants",
        `${participants}`,
        "--actions",
        `${actions}`,
        "--seed",
        `${seed}`,
        "--out",
        dir,
      ],
    ],
    { stdio: "inherit" },
  );
  if (gen.status !== 0) throw new Error("the generator failed");
}
const out = path.join(dir, "out");
fs.rmSync(out, { recursive: true, force: true });
const loadStart = os.loadavg()[0];

// ---- the engine, end to end ----------------------------------------------------------------------
const stages = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
const cpu = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
let lastCpu = process.cpuUsage();
const onStage = (s: Stage, ms: number) => {
  const used = process.cpuUsage(lastCpu);
  lastCpu = process.cpuUsage();
  stages.set(s, (stages.get(s) ?? 0) + ms);
  cpu.set(s, (cpu.get(s) ?? 0) + (used.user + used.system) / 1000);
};
const files = new Map<string, { bytes: number; writeMs: number }>();
const onFile = (file: string, bytes: number, writeMs: number) =>
  files.set(file, { bytes, writeMs });
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const season = loadSeasonFile(path.join(dir, "season.json"));
const result = computeEpoch({
  season,
  epoch: season.rewards.epochs.length,
  eventsPath: path.join(dir, "events.ndjson"),
  onProgress: log,
  onStage,
});
const summary = writeEpochOutputs(result, out, { onStage, onFile });
const total = performance.now() - t0;
const totalCpu = (() => {
  const u = process.cpuUsage(cpu0);
  return (u.user + u.system) / 1000;
})();
const peakRss = process.resourceUsage().maxRSS * 1024;
const loadEnd = os.loadavg()[0];
const sizes = Object.fromEntries(
  fs.readdirSync(out).map((f) => [f, fs.statSync(path.join(out, f)).size]),
);
const eventsBytes = fs.statSync(path.join(dir, "events.ndjson")).size;

const treeAndProofs = (stages.get("tree") ?? 0) + (stages.get("proofs") ?? 0);
const proofsDisk = files.get("proofs.json")?.writeMs ?? 0;
const diskMs = [...files.values()].reduce((sum, f) => sum + f.writeMs, 0);
const rows: [string, string, string][] = [
  ...STAGES.map((s): [string, string, string] => [
    s,
    `${secs(stages.get(s) ?? 0)} s`,
    `${secs(cpu.get(s) ?? 0)} s`,
  ]),
  [
    "tree + all proofs",
    `${secs(treeAndProofs)} s`,
    `target < 10 s; of which ${secs(proofsDisk)} s in write() of proofs.json`,
  ],
  [
    "whole epoch",
    `${secs(total)} s`,
    `${secs(totalCpu)} s cpu; target < 60 s; ${secs(diskMs)} s in write() calls`,
  ],
  ["peak RSS", mib(peakRss), "target < 4096 MiB"],
];
const lines = [
  `engine: ${participants.toLocaleString("en-US")} participants, ${actions.toLocaleString("en-US")} action lines (${mib(eventsBytes)} of events), epoch ${summary.epoch} of ${season.rewards.epochs.length}`,
  `  ${summary.participants.toLocaleString("en-US")} ranked, ${summary.leaves.toLocaleString("en-US")} leaves, ${summary.events.actions.toLocaleString("en-US")} distinct actions counted`,
  `  ${"stage".padEnd(18)} ${"wall".padStart(9)}  cpu`,
  ...rows.map(([k, v, c]) => `  ${k.padEnd(18)} ${v.padStart(9)}  ${c}`),
  `  outputs: ${Object.entries(sizes)
    .map(([f, s]) => `${f} ${mib(s)}`)
    .join(", ")}`,
];
process.stdout.write(`${lines.join("\n")}\n`);

// ---- the same tree with the reference libraries ---------------------------------------------------
interface LibRow {
  library: string;
  leaves: number;
  measuredMs: number;
  oursMs: number;
  atFullSizeMs: number;
  extrapolated: boolean;
}
const libs: LibRow[] = [];
if (!flags["no-libs"]) {
  const tree = result.tree;
  const full = tree.length;
  const values = (m: number): LeafValue[] => Array.from({ length: m }, (_, v) => tree.value(v));
  /** This engine's build of `vals`, and its time (leaf hashing included, the values' parsing not). */
  const timeOurs = (vals: LeafValue[]) => {
    const leaves = leafSetOf(vals.map(([a, t, x]) => [a, t, BigInt(x)]));
    const t = performance.now();
    const built = RewardTree.build(leaves);
    return { ms: performance.now() - t, tree: built };
  };
  const fullOurs = stages.get("tree") ?? 0;

  const ozLeaves = Math.min(full, Number(flags["oz-leaves"]));
  if (ozLeaves > 0) {
    const vals = values(ozLeaves);
    log(
      `@openzeppelin/merkle-tree: StandardMerkleTree.of with ${ozLeaves.toLocaleString("en-US")} leaves`,
    );
    const t = performance.now();
    const oz = StandardMerkleTree.of(vals, [...LEAF_ENCODING]);
    const ms = performance.now() - t;
    const ours = timeOurs(vals);
    if (oz.root !== ours.tree.root) throw new Error("the reference library built a different root");
    libs.push({
      library: "@openzeppelin/merkle-tree 1.0.8 (StandardMerkleTree.of)",
      leaves: ozLeaves,
      measuredMs: ms,
      oursMs: ours.ms,
      atFullSizeMs: (ms * full) / ozLeaves,
      extrapolated: ozLeaves < full,
    });
  }
  const mtLeaves = Math.min(full, Number(flags["mtjs-leaves"]));
  if (mtLeaves > 0) {
    // merkletreejs takes hashed leaves: the same double-hashed standard leaves, sorted, sorted pairs
    const vals = values(mtLeaves);
    const sub =
      mtLeaves === full
        ? tree
        : RewardTree.build(leafSetOf(vals.map(([a, t, x]) => [a, t, BigInt(x)])));
    const hashed = Array.from({ length: mtLeaves }, (_, v) =>
      Buffer.from(sub.nodeHex(sub.treeIndex[v]).slice(2), "hex"),
    );
    const keccakBuffer = (d: Buffer) => Buffer.from(keccak256(d).slice(2), "hex");
    log(`merkletreejs: new MerkleTree with ${mtLeaves.toLocaleString("en-US")} hashed leaves`);
    const t = performance.now();
    new MerkleTree(hashed, keccakBuffer, { sortLeaves: true, sortPairs: true });
    const ms = performance.now() - t;
    const ours = mtLeaves === full ? fullOurs : timeOurs(vals).ms;
    libs.push({
      library: "merkletreejs 0.6.0 (new MerkleTree, leaves pre-hashed)",
      leaves: mtLeaves,
      measuredMs: ms,
      oursMs: ours,
      atFullSizeMs: (ms * full) / mtLeaves,
      extrapolated: mtLeaves < full,
    });
  }
  const libLines = [
    `tree builders, same leaves (this engine's time includes hashing the leaves):`,
    ...libs.map(
      (l) =>
        `  ${l.library}: ${secs(l.measuredMs)} s at ${l.leaves.toLocaleString("en-US")} leaves vs ${secs(l.oursMs)} s here: ${(l.measuredMs / l.oursMs).toFixed(0)}× slower` +
        (l.extrapolated
          ? `; at ${full.toLocaleString("en-US")} leaves ≈ ${secs(l.atFullSizeMs)} s (extrapolated linearly, an underestimate: its sort is n log n) vs ${secs(fullOurs)} s`
          : ""),
    ),
  ];
  process.stdout.write(`${libLines.join("\n")}\n`);
}

const machine = `${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, node ${process.version}, load average ${loadStart.toFixed(2)} → ${loadEnd.toFixed(2)} during the engine run`;
process.stdout.write(`machine: ${machine}\n`);
const report = {
  participants,
  actions,
  seed,
  eventsBytes,
  summary: {
    epoch: summary.epoch,
    participants: summary.participants,
    leaves: summary.leaves,
    root: summary.root,
  },
  stagesMs: Object.fromEntries(stages),
  stagesCpuMs: Object.fromEntries(cpu),
  treeAndProofsMs: treeAndProofs,
  totalMs: total,
  totalCpuMs: totalCpu,
  files: Object.fromEntries(files),
  peakRssBytes: peakRss,
  outputBytes: sizes,
  libraries: libs,
  machine,
};
fs.writeFileSync(
  path.join(".bench", `bench-engine-${participants}-${actions}-${seed}.json`),
  `${JSON.stringify(report, null, 2)}\n`,
);
