/**
 * The deployed season as the simulation drives it: every address from the deployment record, an
 * ABI interface per contract (read from the artifacts, so nothing here needs TypeChain at load
 * time), and the names the gas tally labels transactions with.
 */
import { Interface } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { MINT_RECORD } from "../../deploy/mint";
import { tokenRecord } from "../../deploy/tokens";
import { DAPP_RECORDS, REGISTRY_RECORD, RIDDLE_BOARD_RECORD } from "../../deploy/points";
import { REWARD_DISTRIBUTOR } from "../../deploy/rewards";
import type { OperationNames } from "../../src/demo/gas";
import { loadDeployments } from "../../tasks/lib/deployments";

/** The artifacts whose functions the demo calls or labels. */
const ARTIFACTS = [
  "TieredMint",
  "TestnetToken",
  "PointsRegistry",
  "RiddleBoard",
  "RewardDistributor",
  "MockNetswapPair",
  "MockTethysExchange",
  "MockMidasLottery",
  "MockLeagueTech",
  "MockHummusPool",
] as const;
export type ArtifactName = (typeof ARTIFACTS)[number];

export interface SeasonContracts {
  mint: string;
  registry: string;
  board: string;
  distributor: string;
  dapps: { netswap: string; tethys: string; midas: string; league: string; hummus: string };
  tokens: { usd: string; usdAlt: string; weth: string; tlp: string };
  /** True when tWETH is the Netswap pair's token0. */
  wethIsToken0: boolean;
  abi: Record<ArtifactName, Interface>;
  /** Addresses → contract names, and selectors → function names, for the gas tally. */
  names: OperationNames;
}

/** The season recorded for the current network (after season:deploy with dApp stand-ins). */
export async function seasonContracts(hre: HardhatRuntimeEnvironment): Promise<SeasonContracts> {
  const record = await loadDeployments(hre);
  if (!record) throw new Error(`nothing is deployed on network '${hre.network.name}'`);
  const at = (name: string): string => {
    const entry = record.contracts[name];
    if (!entry) throw new Error(`${name} is not in the deployment record of '${hre.network.name}'`);
    return entry.address;
  };
  const abi = {} as Record<ArtifactName, Interface>;
  const selectors = new Map<string, Map<string, string>>();
  for (const name of ARTIFACTS) {
    const artifact = await hre.artifacts.readArtifact(name);
    abi[name] = new Interface(artifact.abi);
    const byId = new Map<string, string>();
    abi[name].forEachFunction((f) => byId.set(f.selector, f.name));
    selectors.set(name, byId);
  }
  const contracts = new Map<string, string>();
  for (const [name, entry] of Object.entries(record.contracts)) {
    contracts.set(entry.address.toLowerCase(), name.split(":")[0]);
  }
  const netswap = at(DAPP_RECORDS.netswap);
  const weth = at(tokenRecord("tWETH"));
  const pair = new hre.ethers.Contract(netswap, abi.MockNetswapPair, hre.ethers.provider);
  const token0 = String(await pair.getFunction("token0")());
  return {
    mint: at(MINT_RECORD),
    registry: at(REGISTRY_RECORD),
    board: at(RIDDLE_BOARD_RECORD),
    distributor: at(REWARD_DISTRIBUTOR),
    dapps: {
      netswap,
      tethys: at(DAPP_RECORDS.tethys),
      midas: at(DAPP_RECORDS.midas),
      league: at(DAPP_RECORDS.league),
      hummus: at(DAPP_RECORDS.hummus),
    },
    tokens: {
      usd: at(tokenRecord("tUSDC")),
      usdAlt: at(tokenRecord("tUSDT")),
      weth,
      tlp: at(tokenRecord("tTLP")),
    },
    wethIsToken0: token0.toLowerCase() === weth.toLowerCase(),
    abi,
    names: { contracts, selectors },
  };
}
