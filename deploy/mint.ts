/**
 * Idempotent deployment of the tiered mint and its basket tokens. Callable from any task (e.g.
 * `mint:deploy`, a season deploy): it reuses every contract already recorded for the network that
 * still has code, refuses (before sending anything) when a reused contract does not match the
 * configuration, deploys the rest, records every address in deployments/<network>.json, and
 * grants the mint MINTER_ROLE on each basket token where it lacks it.
 */
import { id, ZeroAddress, ZeroHash } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { TestnetToken, TieredMint } from "../typechain-types";
import type { ITieredMint } from "../typechain-types/contracts/mint/TieredMint";
import {
  MINT_MODES,
  mintConfigToJson,
  validateMintConfig,
  type MintConfig,
  type TokenSpec,
} from "../src/mint/config";
import { deploymentPath } from "../src/deployments";
import { deploymentsDir, loadDeployments, recordDeployment } from "../tasks/lib/deployments";
import { deployer, liveIn } from "./common";
import { deployToken, recordedToken, tokenRecord } from "./tokens";
import { TaskError } from "../tasks/lib/errors";

/** The deployment record's name of the mint. */
export const MINT_RECORD = "TieredMint";

/** TestnetToken's MINTER_ROLE. */
export const MINTER_ROLE = id("MINTER_ROLE");

/** TestnetToken's DEFAULT_ADMIN_ROLE (OpenZeppelin AccessControl's zero word). */
export const DEFAULT_ADMIN_ROLE = ZeroHash;

export interface MintDeployment {
  readonly mint: string;
  /** Basket token addresses by symbol, in basket order. */
  readonly tokens: readonly { readonly symbol: string; readonly address: string }[];
  readonly openingTime: bigint;
  /** Record names deployed by this call. */
  readonly deployed: readonly string[];
  /** Record names found live and reused. */
  readonly reused: readonly string[];
  /** Symbols of the tokens on which this call granted the mint MINTER_ROLE. */
  readonly granted: readonly string[];
}

/** The TieredMint constructor's arguments for `config`, paying `tokens` (in basket order). */
export function mintConstructorArgs(
  admin: string,
  config: MintConfig,
  tokens: readonly string[],
  openingTime: bigint,
): [string, number, string, bigint, ITieredMint.TierStruct[], ITieredMint.BasketTokenStruct[]] {
  return [
    admin,
    MINT_MODES.indexOf(config.mode),
    config.registrar ?? ZeroAddress,
    openingTime,
    config.tiers.map((t) => ({ lastOrdinal: t.lastOrdinal, dollars: t.dollars })),
    config.basket.map((t, i) => ({
      token: tokens[i],
      weightBps: t.weightBps,
      decimals: t.decimals,
      price: t.price,
    })),
  ];
}

/** Deploys (or reuses) the basket tokens and the mint for `config`; `log` hears every step. */
export async function deployMint(
  hre: HardhatRuntimeEnvironment,
  config: MintConfig,
  log: (line: string) => void = () => {},
): Promise<MintDeployment> {
  try {
    validateMintConfig(config);
  } catch (e) {
    throw new TaskError(`invalid mint configuration: ${(e as Error).message}`);
  }
  const signer = await deployer(hre);
  const existingRecord = await loadDeployments(hre);
  const recordFile = deploymentPath(deploymentsDir(hre), hre.network.name);
  const redeployHint = `remove it from ${recordFile} to deploy a new one, or change the configuration`;

  // 1. Plan: what is live, and does it match? Nothing is sent before every check has passed.
  const tokenPlan: { spec: TokenSpec; name: string; existing?: TestnetToken }[] = [];
  for (const spec of config.basket) {
    const live = await recordedToken(hre, existingRecord, spec, redeployHint);
    tokenPlan.push({ spec, name: tokenRecord(spec.symbol), existing: live?.token });
  }
  const mintEntry = await liveIn(hre, existingRecord, MINT_RECORD);
  let mint: TieredMint | undefined;
  if (mintEntry) {
    mint = await hre.ethers.getContractAt("TieredMint", mintEntry.address);
    const tokens = tokenPlan.map((t) => t.existing && t.existing.target.toString());
    const mismatch = await configMismatch(mint, config, tokens);
    if (mismatch) {
      throw new TaskError(`${MINT_RECORD} at ${mintEntry.address} ${mismatch}: ${redeployHint}`);
    }
  }
  const needsGrant: { symbol: string; token: TestnetToken }[] = [];
  for (const t of tokenPlan) {
    if (!t.existing) continue;
    if (mint && (await t.existing.hasRole(MINTER_ROLE, mint.target))) continue;
    if (!(await t.existing.hasRole(DEFAULT_ADMIN_ROLE, signer.address))) {
      throw new TaskError(
        `the deployer ${signer.address} cannot grant the mint MINTER_ROLE on ${t.spec.symbol} (${t.existing.target}): it is not the token's admin`,
      );
    }
    needsGrant.push({ symbol: t.spec.symbol, token: t.existing });
  }

  // 2. Act.
  const deployed: string[] = [];
  const reused: string[] = [];
  const tokens: { symbol: string; address: string }[] = [];
  for (const t of tokenPlan) {
    if (t.existing) {
      reused.push(t.name);
      tokens.push({ symbol: t.spec.symbol, address: t.existing.target.toString() });
      log(`reused   ${t.name} at ${t.existing.target}`);
      continue;
    }
    const { name, symbol, decimals } = t.spec;
    const { address, token } = await deployToken(
      hre,
      t.spec,
      signer.address,
      { name, symbol, decimals },
      log,
    );
    needsGrant.push({ symbol, token });
    deployed.push(t.name);
    tokens.push({ symbol, address });
  }

  let openingTime: bigint;
  if (mint) {
    openingTime = await mint.openingTime();
    reused.push(MINT_RECORD);
    log(`reused   ${MINT_RECORD} at ${mint.target}`);
  } else {
    openingTime =
      config.openingTime ?? BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp);
    const args = mintConstructorArgs(
      signer.address,
      config,
      tokens.map((t) => t.address),
      openingTime,
    );
    mint = await hre.ethers.deployContract("TieredMint", args);
    const address = await recordDeployment(
      hre,
      MINT_RECORD,
      mint,
      mintConfigToJson({ ...config, openingTime }),
    );
    deployed.push(MINT_RECORD);
    log(`deployed ${MINT_RECORD} at ${address}`);
  }

  const granted: string[] = [];
  for (const { symbol, token } of needsGrant) {
    await (await token.grantRole(MINTER_ROLE, mint.target)).wait();
    granted.push(symbol);
    log(`granted  ${MINT_RECORD} MINTER_ROLE on ${symbol}`);
  }

  return { mint: mint.target.toString(), tokens, openingTime, deployed, reused, granted };
}

/**
 * Why a live mint does not match `config` paying `tokens` (undefined entries: tokens about to be
 * deployed, which a live mint cannot pay), or undefined when it does.
 */
async function configMismatch(
  mint: TieredMint,
  config: MintConfig,
  tokens: readonly (string | undefined)[],
): Promise<string | undefined> {
  const [mode, registrar, openingTime, tiers, basket] = await Promise.all([
    mint.mode(),
    mint.registrar(),
    mint.openingTime(),
    mint.tiers(),
    mint.basket(),
  ]);
  if (MINT_MODES[Number(mode)] !== config.mode)
    return `is in ${MINT_MODES[Number(mode)]} mode, not ${config.mode}`;
  const wantRegistrar = config.registrar ?? ZeroAddress;
  if (registrar !== wantRegistrar) return `has registrar ${registrar}, not ${wantRegistrar}`;
  if (config.openingTime !== undefined && openingTime !== config.openingTime) {
    return `opens at ${openingTime}, not ${config.openingTime}`;
  }
  const sameTiers =
    tiers.length === config.tiers.length &&
    tiers.every(
      (t, i) =>
        t.lastOrdinal === config.tiers[i].lastOrdinal && t.dollars === config.tiers[i].dollars,
    );
  if (!sameTiers) return "has another tier table";
  const sameBasket =
    basket.length === config.basket.length &&
    basket.every((b, i) => {
      const spec = config.basket[i];
      return (
        b.token === tokens[i] &&
        Number(b.weightBps) === spec.weightBps &&
        Number(b.decimals) === spec.decimals &&
        b.price === spec.price
      );
    });
  if (!sameBasket) return "pays another basket";
  return undefined;
}
