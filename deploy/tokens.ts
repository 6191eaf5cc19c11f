/**
 * Idempotent deployment of stand-alone testnet tokens (a season's reward tokens): each is recorded
 * as `TestnetToken:<symbol>`; a live recorded token is reused when its symbol and decimals match,
 * and refused (before anything is sent) when they do not.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
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
    const name = tokenRecord(spec.symbol);
    const entry = await liveIn(hre, record, name);
    if (!entry) {
      toDeploy.push(spec);
      continue;
    }
    const token = await hre.ethers.getContractAt("TestnetToken", entry.address);
    const [symbol, decimals] = await Promise.all([token.symbol(), token.decimals()]);
    if (symbol !== spec.symbol || Number(decimals) !== spec.decimals) {
      throw new TaskError(
        `${name} at ${entry.address} is ${symbol} with ${decimals} decimals, not ${spec.symbol} with ${spec.decimals}`,
      );
    }
    addresses.set(spec.symbol, entry.address);
    log(`reused   ${name} at ${entry.address}`);
  }
  for (const spec of toDeploy) {
    const token = await hre.ethers.deployContract("TestnetToken", [
      spec.name,
      spec.symbol,
      spec.decimals,
      signer.address,
    ]);
    const address = await recordDeployment(hre, tokenRecord(spec.symbol), token, { ...spec });
    addresses.set(spec.symbol, address);
    log(`deployed ${tokenRecord(spec.symbol)} at ${address}`);
  }
  return addresses;
}
