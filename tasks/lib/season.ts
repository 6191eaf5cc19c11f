/**
 * Loading a season file for the network a task runs on: the file validated, its reward tokens
 * resolved to the addresses recorded in deployments/<network>.json, and the export sources (the
 * recorded mint, registry, riddle board and relay targets).
 */
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { notDeployedMessage, type DeploymentRecord } from "../../src/deployments";
import type { Season } from "../../src/engine/season";
import type { ExportSources } from "../../src/export/decode-logs";
import { compileRelayRules } from "../../src/export/relay-rules";
import { loadSeasonFile, resolveSeason, type SeasonFile } from "../../src/season/season-file";
import { MINT_RECORD } from "../../deploy/mint";
import { tokenRecord } from "../../deploy/tokens";
import { REGISTRY_RECORD, RIDDLE_BOARD_RECORD } from "../../deploy/points";
import { REWARD_DISTRIBUTOR } from "../../deploy/rewards";
import { loadDeployments, requireLive } from "./deployments";
import { check, TaskError } from "./errors";

/** Reads and validates a season file, as a one-line TaskError naming the file and field. */
export function readSeasonFile(file: string): SeasonFile {
  return check("", () => loadSeasonFile(file));
}

/** A season deployed on the task's network. */
export interface DeployedSeason {
  file: SeasonFile;
  /** The engine's season, pools keyed by deployed token addresses. */
  season: Season;
  record: DeploymentRecord;
  chainId: bigint;
  /** Recorded address of a contract of the season. */
  address(name: string): string | undefined;
  /** Token symbol of a deployed token address (for display), or the address itself. */
  symbolOf(token: string): string;
}

/**
 * The season of `file` as deployed on the current network, or a TaskError when the network has
 * no deployment record, a contract the season needs is not live, or a pool token is missing.
 */
export async function loadDeployedSeason(
  hre: HardhatRuntimeEnvironment,
  file: string,
): Promise<DeployedSeason> {
  const seasonFile = readSeasonFile(file);
  const record = await loadDeployments(hre);
  const hint = { seasonFile: file };
  if (!record) throw new TaskError(notDeployedMessage("the season", hre.network.name, hint));
  for (const name of [MINT_RECORD, REGISTRY_RECORD, RIDDLE_BOARD_RECORD, REWARD_DISTRIBUTOR]) {
    await requireLive(hre, record, name, hint);
  }
  const address = (name: string) => record.contracts[name]?.address;
  let season: Season;
  try {
    season = resolveSeason(seasonFile, (symbol) => address(tokenRecord(symbol)));
  } catch (e) {
    throw new TaskError(
      `${(e as Error).message}: run \`npx hardhat season:deploy --network ${hre.network.name} --season ${file}\` first`,
    );
  }
  const symbols = new Map<string, string>();
  for (const symbol of seasonFile.symbols) {
    const a = address(tokenRecord(symbol));
    if (a) symbols.set(a.toLowerCase(), symbol);
  }
  return {
    file: seasonFile,
    season,
    record,
    // loadDeployments refused a record whose chain id differs from the network's, and the record's
    // is a safe integer: the same value as the network's getNetwork().chainId.
    chainId: BigInt(record.chainId),
    address,
    symbolOf: (token) => symbols.get(token.toLowerCase()) ?? token,
  };
}

/** Where the season's chain events come from, and the first block that can hold one. */
export function exportSourcesOf(deployed: DeployedSeason): {
  sources: ExportSources;
  startBlock: number;
} {
  const { record, file, season } = deployed;
  let relay;
  try {
    relay = compileRelayRules(file.chain?.relay ?? [], (name) => record.contracts[name]?.address);
  } catch (e) {
    throw new TaskError(`${file.source}: chain.${(e as Error).message}`);
  }
  const names = [MINT_RECORD, REGISTRY_RECORD, RIDDLE_BOARD_RECORD];
  const relayed = new Set(relay.map((r) => r.address.toLowerCase()));
  const blocks = Object.entries(record.contracts)
    .filter(([name, c]) => names.includes(name) || relayed.has(c.address.toLowerCase()))
    .map(([, c]) => c.blockNumber);
  return {
    sources: {
      chainId: deployed.chainId,
      mint: deployed.address(MINT_RECORD),
      registry: deployed.address(REGISTRY_RECORD),
      riddles: deployed.address(RIDDLE_BOARD_RECORD),
      relay,
      joinAction: "join" in season.actions ? "join" : undefined,
      exclude: new Set((file.chain?.exclude ?? []).map((a) => a.toLowerCase())),
    },
    startBlock: Math.min(...blocks),
  };
}

/** The folder of a network's epochs: $EPOCHS_DIR or `epochs/<network>` in the project. */
export function epochsDir(hre: HardhatRuntimeEnvironment): string {
  return process.env.EPOCHS_DIR ?? path.join(hre.config.paths.root, "epochs", hre.network.name);
}
