/**
 * points:relay — records the events of dApps that do not report (the season file's relay rules,
 * e.g. Netswap's Swap and Mint) into the points registry, in `recordPacked` batches with the
 * deterministic ref relayRef(chainId, txHash, logIndex). Resumable through its own checkpoint
 * (the relay log, `epochs/<network>/relay.ndjson` by default); safe to re-run: a record sent twice
 * carries the same ref, and the engine counts a ref once (the exporter also reads these events
 * directly, with the same ref). The signer must be a reporter of each rule's dApp.
 */
import path from "node:path";
import { task, types } from "hardhat/config";
import { formatTable } from "../src/format/table";
import { describeError } from "../src/indexer/retry";
import { MAX_RELAY_BATCH, runRelay, type SentBatch } from "../src/relay/run-relay";
import { registryAt } from "../deploy/points";
import { TaskError } from "./lib/errors";
import { withRetry } from "../src/indexer/retry";
import { chainReader, loggedRetry, logReadSettings, splitLine, untilCtrlC } from "./lib/export";
import { signerFor, toJson, withLogReadParams } from "./lib/cli";
import { epochsDir, exportSourcesOf, loadDeployedSeason } from "./lib/season";

export interface RelayTaskResult {
  logFile: string;
  /** Records relayed by this run, per catalog key. */
  relayed: Record<string, number>;
  batches: SentBatch[];
  /** The last block relayed (the head minus the confirmations). */
  lastBlock: number;
  /** True when Ctrl-C stopped the run early. */
  stopped: boolean;
}

withLogReadParams(
  task("points:relay", "Relay the events of dApps that do not report into the points registry")
    .addParam("season", "The season file (its chain.relay rules)")
    .addOptionalParam("batch", `Records per transaction (1 to ${MAX_RELAY_BATCH})`, 100, types.int)
    .addOptionalParam(
      "from",
      "The relayer: a reporter of each relayed dApp (default: the first account)",
    )
    .addOptionalParam(
      "log",
      "The relay log (default: epochs/<network>/relay.ndjson); its checkpoint sits beside it",
    ),
)
  .addFlag("json", "Print the result as JSON")
  .setAction(
    async (
      args: {
        season: string;
        batch: number;
        from?: string;
        log?: string;
        confirmations?: number;
        chunk?: number;
        json: boolean;
      },
      hre,
    ): Promise<RelayTaskResult> => {
      // Every refusal comes before the first transaction.
      const deployed = await loadDeployedSeason(hre, args.season);
      const { sources, startBlock } = exportSourcesOf(deployed);
      const rules = sources.relay;
      if (rules.length === 0) {
        throw new TaskError(`${args.season} has no chain.relay rules: there is nothing to relay`);
      }
      if (!Number.isInteger(args.batch) || args.batch < 1 || args.batch > MAX_RELAY_BATCH) {
        throw new TaskError(
          `--batch must be an integer from 1 to ${MAX_RELAY_BATCH}, got ${args.batch}`,
        );
      }
      const { confirmations, chunkSize } = logReadSettings(hre, deployed, args);
      if (!Number.isInteger(confirmations) || confirmations < 0)
        throw new TaskError(`--confirmations must be a non-negative integer, got ${confirmations}`);
      if (!Number.isInteger(chunkSize) || chunkSize < 1)
        throw new TaskError(`--chunk must be a positive integer, got ${chunkSize}`);
      const signer = await signerFor(hre, args.from);
      const registry = await registryAt(hre, signer);
      if (await registry.paused()) {
        throw new TaskError(
          `the registry at ${registry.target} is paused: points:unpause it first`,
        );
      }
      const actionIds = new Map<string, number>();
      const notReporter: string[] = [];
      for (const key of [...new Set(rules.map((r) => r.action))]) {
        const id = Number(await registry.actionId(key));
        if (id === 0) {
          throw new TaskError(
            `relay action '${key}' is not in the registry at ${registry.target}: register it first (points:action:add)`,
          );
        }
        const action = await registry.getAction(id);
        if (action.retired) throw new TaskError(`relay action '${key}' (#${id}) is retired`);
        if (!(await registry.isReporter(action.dapp, signer.address))) {
          const name = await registry.dappName(action.dapp);
          if (!notReporter.includes(name)) notReporter.push(name);
        }
        actionIds.set(key, id);
      }
      if (notReporter.length > 0) {
        throw new TaskError(
          `${signer.address} is not a reporter of ${notReporter.join(", ")}: run ` +
            notReporter
              .map(
                (d) =>
                  `\`npx hardhat points:reporter:add --dapp "${d}" --reporter ${signer.address}\``,
              )
              .join(" and ") +
            ` on network '${hre.network.name}' first`,
        );
      }
      const logFile = path.resolve(args.log ?? path.join(epochsDir(hre), "relay.ndjson"));

      const say = (line: string) => process.stderr.write(`[relay] ${line}\n`);
      const reader = chainReader(hre);
      const retry = loggedRetry(say);
      let result;
      try {
        const head = await withRetry(
          "reading the head block",
          () => reader.getBlockNumber(),
          retry,
        );
        result = await untilCtrlC(say, async (stopped) =>
          runRelay({
            reader,
            rules,
            chainId: deployed.chainId,
            registry: String(registry.target),
            actionIds,
            exclude: sources.exclude,
            startBlock,
            head,
            confirmations,
            chunkSize,
            batchSize: args.batch,
            logFile,
            sendBatch: async (packed) => {
              const tx = await registry.recordPacked(packed);
              const receipt = await tx.wait();
              if (!receipt) throw new Error(`transaction ${tx.hash} has no receipt`);
              return { txHash: tx.hash, gasUsed: receipt.gasUsed };
            },
            retry,
            onSplit: (split) => say(splitLine(split)),
            onProgress: (p) =>
              say(
                `blocks ${p.fromBlock}..${p.toBlock} of ${p.targetBlock}: ${p.chunkLines} relayed, ${p.totalLines} in all`,
              ),
            onBatch: (b) => say(`sent ${b.records} records in ${b.txHash} (${b.gasUsed} gas)`),
            onSkip: (s) =>
              say(`skipped block ${s.block}, tx ${s.txHash}, log ${s.logIndex}: ${s.reason}`),
            shouldStop: stopped,
          }),
        );
      } catch (e) {
        throw new TaskError(`relaying into ${logFile}: ${describeError(e)}`);
      }
      if (result.resumedFrom !== undefined) say(`resumed from block ${result.resumedFrom}`);

      const out: RelayTaskResult = {
        logFile,
        relayed: Object.fromEntries([...result.relayed].sort(([a], [b]) => (a < b ? -1 : 1))),
        batches: [...result.batches],
        lastBlock: result.nextBlock - 1,
        stopped: result.stopped,
      };
      if (args.json) {
        console.log(toJson(out));
        return out;
      }
      const records = result.batches.reduce((s, b) => s + b.records, 0);
      const gas = result.batches.reduce((s, b) => s + b.gasUsed, 0n);
      if (records > 0) {
        console.log(
          formatTable(
            ["action", "relayed"],
            Object.entries(out.relayed).map(([k, v]) => [k, v]),
          ),
        );
      }
      const state = result.stopped
        ? "stopped early (run again to resume)"
        : `complete up to block ${out.lastBlock}`;
      console.log(
        `${logFile}: ${records} records relayed in ${result.batches.length} transactions` +
          (records > 0 ? ` (${gas} gas, ${gas / BigInt(records)} per record)` : "") +
          `, ${result.totalLines} in all; ${state}`,
      );
      return out;
    },
  );
