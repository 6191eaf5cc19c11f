/**
 * Idempotent deployment of stand-alone testnet tokens (a season's reward tokens): each is recorded
 * as `TestnetToken:<symbol>`; a live recorded token is reused when its symbol and decimals match,
 * and refused (before anything is sent) when they do not.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { TestnetToken } from "../typechain-types";
import type { DeploymentRecord } from "../src/deployments";
import { loadDeployments, recordDeployment } from "../tasks/lib/deployments";
import { deployer, liveIn } from "./common";
import { TaskError } from "../tasks/lib/errors";

/** The deployment record's name of the testnet token `symbol`. */
export function tokenRecord(symbol: string): string {
  return `TestnetToken:${symbol}`;
}

export interface TokenToDeploy {
  readonly symbol: string;
  readonly name: string;
  readonly decimals: number;
}

/**
 * The live token recorded in `record` for `spec.symbol`, or undefined when none is; a TaskError
 * (ending with `: <hint>` when a hint is given) when its symbol or decimals are not `spec`'s.
 */
export async function recordedToken(
  hre: HardhatRuntimeEnvironment,
  record: DeploymentRecord | undefined,
  spec: TokenToDeploy,
  hint?: string,
): Promise<{ address: string; token: TestnetToken } | undefined> {
  const name = tokenRecord(spec.symbol);
  const entry = await liveIn(hre, record, name);
  if (!entry) return undefined;
  const token = await hre.ethers.getContractAt("TestnetToken", entry.address);
  const [symbol, decimals] = await Promise.all([token.symbol(), token.decimals()]);
  if (symbol !== spec.symbol || Number(decimals) !== spec.decimals) {
    throw new TaskError(
      `${name} at ${entry.address} is ${symbol} with ${decimals} decimals, not ${spec.symbol} with ${spec.decimals}` +
        (hint === undefined ? "" : `: ${hint}`),
    );
  }
  return { address: entry.address, token };
}

/** Deploys the token `spec` with `admin` as its admin and records it with `meta`. */
export async function deployToken(
  hre: HardhatRuntimeEnvironment,
  spec: TokenToDeploy,
  admin: string,
  meta: Record<string, unknown>,
  log: (line: string) => void,
): Promise<{ address: string; token: TestnetToken }> {
  const name = tokenRecord(spec.symbol);
  const token = await hre.ethers.deployContract("TestnetToken", [
    spec.name,
    spec.symbol,
    spec.decimals,
    admin,
  ]);
  const address = await recordDeployment(hre, name, token, meta);
  log(`deployed ${name} at ${address}`);
  return { address, token };
}

/** Deploys (or reuses) each token; returns their addresses by symbol. The deployer is their admin. */
export async function deployTokens(
  hre: HardhatRuntimeEnvironment,
  specs: readonly TokenToDeploy[],
  log: (line: string) => void = () => {},
): Promise<Map<string, string>> {
  const signer = await deployer(hre);
  const record = await loadDeployments(hre);
  const addresses = new Map<string, string>();
  const toDeploy: TokenToDeploy[] = [];
  for (const spec of specs) {
    const live = await recordedToken(hre, record, spec);
    if (!live) {
      toDeploy.push(spec);
      continue;
    }
    addresses.set(spec.symbol, live.address);
    log(`reused   ${tokenRecord(spec.symbol)} at ${live.address}`);
  }
  for (const spec of toDeploy) {
    const { address } = await deployToken(hre, spec, signer.address, { ...spec }, log);
    addresses.set(spec.symbol, address);
  }
  return addresses;
}
