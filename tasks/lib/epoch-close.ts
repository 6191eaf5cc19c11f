/**
 * epoch:close: refuse unless the chain's confirmed head has reached the epoch's end; export the
 * season's events (incremental, resumable); compute the epoch with the engine; write its folder;
 * print the leaders and the totals.
 */
import fs from "node:fs";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { computeEpoch, type EpochResult, type EpochSummary } from "../../src/engine/epoch";
import { writeEpochOutputs } from "../../src/engine/outputs";
import { formatTable } from "../../src/format/table";
import { formatPoints } from "../../src/engine/units";
import { distributorAt, publishedRoot } from "./distributor";
import { check, TaskError } from "./errors";
import { epochDir, eventsFileOf } from "./epochs";
import { runSeasonExport } from "./export";
import { duration, isoTime } from "../../src/format/time";
import { epochOfSeason, tokenInfo } from "./season-ops";
import { loadDeployedSeason, type DeployedSeason } from "./season";
import { EPOCH_ORDER } from "../../src/season/next-step";
import { printNext } from "./progress";

/** The confirmed head: the newest block buried under the season's confirmations. */
async function confirmedHead(
  hre: HardhatRuntimeEnvironment,
  confirmations: number,
): Promise<{ block: number; time: number }> {
  const head = await hre.ethers.provider.getBlockNumber();
  const block = Math.max(0, head - confirmations);
  const header = await hre.ethers.provider.getBlock(block);
  if (!header) throw new TaskError(`network '${hre.network.name}' returned no block ${block}`);
  return { block, time: header.timestamp };
}

/** The latest epoch of the season whose end is at or before `time`. */
function latestEnded(deployed: DeployedSeason, time: number): number | undefined {
  const ended = deployed.season.rewards.epochs.filter((e) => e.endTime <= time);
  return ended.at(-1)?.epoch;
}

export async function closeEpoch(
  hre: HardhatRuntimeEnvironment,
  args: { season: string; epoch?: number; top: number; quiet: boolean },
): Promise<EpochSummary> {
  if (!Number.isSafeInteger(args.top) || args.top < 0)
    throw new TaskError(`--top must be a non-negative integer, got ${args.top}`);
  const deployed = await loadDeployedSeason(hre, args.season);
  const confirmations = deployed.file.chain?.confirmations ?? 0;
  const head = await confirmedHead(hre, confirmations);
  const first = deployed.season.rewards.epochs[0];
  const n = args.epoch ?? latestEnded(deployed, head.time);
  if (n === undefined)
    throw new TaskError(
      `no epoch has ended yet: epoch 1 ends at ${isoTime(first.endTime)}, the chain's confirmed head is at ${isoTime(head.time)} (${duration(first.endTime - head.time)} before)`,
    );
  const { endTime } = epochOfSeason(deployed, n);
  if (head.time < endTime) {
    throw new TaskError(
      `epoch ${n} is not over: it ends at ${isoTime(endTime)} and the chain's confirmed head ` +
        `(block ${head.block}, ${confirmations} confirmations) is at ${isoTime(head.time)}, ${duration(endTime - head.time)} before`,
    );
  }
  // A published epoch's folder is never replaced by a different one (checked before writing).
  const distributor = await distributorAt(hre, undefined, deployed);
  const say = (line: string) => {
    if (!args.quiet) process.stderr.write(`${line}\n`);
  };

  const eventsFile = eventsFileOf(hre);
  const run = await runSeasonExport(hre, deployed, { eventsFile, quiet: args.quiet });
  if (run.stopped)
    throw new TaskError(
      `the export stopped early at block ${run.lastBlock}: nothing computed; run epoch:close again to resume`,
    );
  if (run.lastBlockTime < endTime)
    throw new TaskError(
      `the export reached block ${run.lastBlock} at ${isoTime(run.lastBlockTime)}, before epoch ${n}'s end ${isoTime(endTime)}`,
    );

  const started = Date.now();
  const result = check(`computing epoch ${n} from ${eventsFile}`, () =>
    computeEpoch({
      season: deployed.season,
      epoch: n,
      eventsPath: eventsFile,
      onProgress: (m) => say(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${m}`),
    }),
  );

  const dir = epochDir(hre, n);
  const onChain = await publishedRoot(distributor, n);
  if (onChain && onChain.status !== "revoked" && onChain.root !== result.root) {
    throw new TaskError(
      `epoch ${n} is ${onChain.status} on chain with root ${onChain.root}, but the events now give ${result.root}: ` +
        `${dir} is left as it is (revoke the pending root first if the chain's data changed)`,
    );
  }
  const replaced = fs.existsSync(dir);
  const summary = writeEpochOutputs(result, dir);
  say(`[${((Date.now() - started) / 1000).toFixed(1)}s] wrote ${dir}`);
  await printClose(hre, deployed, result, summary, { dir, top: args.top, replaced, run });
  return summary;
}

async function printClose(
  hre: HardhatRuntimeEnvironment,
  deployed: DeployedSeason,
  result: EpochResult,
  summary: EpochSummary,
  o: { dir: string; top: number; replaced: boolean; run: { lines: number; lastBlock: number } },
): Promise<void> {
  const tokens = await Promise.all(result.tokens.map((t) => tokenInfo(hre, deployed, t)));
  const leaders: { rank: number; account: string; score: bigint }[] = [];
  for (const row of result.scoreRows()) {
    if (leaders.length >= o.top || row.rank === 0) break;
    leaders.push({ rank: row.rank, account: row.account, score: row.scoreUnits });
  }
  const rewards = new Map<string, bigint>();
  const wanted = new Set(leaders.map((l) => l.account));
  for (const a of result.allocationRows())
    if (wanted.has(a.account)) rewards.set(`${a.account}/${a.token}`, a.allocation);

  console.log(
    `Epoch ${summary.epoch} of '${summary.season}' (events before ${isoTime(summary.endTime)}): ` +
      `${summary.participants} ranked of ${summary.accounts} accounts; ` +
      `${summary.events.mints} mints, ${summary.events.actions} actions, ${summary.events.boosts} boosts ` +
      `(${o.run.lines} events exported up to block ${o.run.lastBlock})`,
  );
  if (summary.anomalies > 0)
    console.log(
      `${summary.anomalies} records dropped: their ref was already used in their dApp (listed in ${o.dir}/anomalies.json)`,
    );
  if (leaders.length > 0) {
    console.log(`\nTop ${leaders.length}:`);
    console.log(
      formatTable(
        ["rank", "account", "score", ...tokens.map((t) => `reward (${t.symbol})`)],
        leaders.map((l) => [
          l.rank,
          hre.ethers.getAddress(l.account),
          formatPoints(l.score),
          ...tokens.map((t) =>
            t.amount(rewards.get(`${l.account}/${t.address.toLowerCase()}`) ?? 0n),
          ),
        ]),
      ),
    );
  }
  console.log("\nTotals:");
  console.log(
    formatTable(
      ["token", "pool", "carried in", "allocated", "dust", "cumulative"],
      tokens.map((t) => {
        const s = summary.tokens[t.address.toLowerCase()];
        const f = (v: string) => t.amount(BigInt(v));
        return [t.symbol, f(s.pool), f(s.carriedIn), f(s.allocated), f(s.dust), f(s.cumulative)];
      }),
    ),
  );
  console.log(`\nroot      ${summary.root}`);
  console.log(`dataHash  ${summary.dataHash} (keccak256 of tree.json)`);
  console.log(`${o.replaced ? "rewrote" : "wrote"}     ${o.dir} (${summary.leaves} leaves)`);
  console.log(`\n${EPOCH_ORDER}`);
  await printNext(hre, deployed);
}
