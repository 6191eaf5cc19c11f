/**
 * Idempotent deployment of the points side of a season: the PointsRegistry, the RiddleBoard, the
 * action catalog, reporters, and the five season dApps' local stand-ins. Each function reuses
 * what is already recorded for the network and live, checks everything it can before sending a
 * transaction (refusing with a one-line TaskError), records every address with
 * tasks/lib/deployments.ts, and reports each step to `log`.
 */
import { id, type BaseContract } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type {
  MockHummusPool,
  MockLeagueTech,
  MockNetswapPair,
  MockTethysExchange,
  PointsRegistry,
  RiddleBoard,
  TestnetToken,
} from "../typechain-types";
import { checkCatalog, catalogDApps, type CatalogAction } from "../src/points/catalog";
import { formatPoints } from "../src/engine/units";
import { notDeployedMessage } from "../src/deployments";
import { recordDeployment } from "../tasks/lib/deployments";
import { deployer, liveEntry } from "./common";
import { deployTokens, tokenRecord } from "./tokens";
import { DEFAULT_ADMIN_ROLE, MINTER_ROLE } from "./mint";
import { TaskError } from "../tasks/lib/errors";

/** A sink for progress lines. */
export type Log = (line: string) => void;

/** Deployment record names. */
export const REGISTRY_RECORD = "PointsRegistry";
export const RIDDLE_BOARD_RECORD = "RiddleBoard";
export const DAPP_RECORDS = {
  netswap: "MockNetswapPair",
  hummus: "MockHummusPool",
  tethys: "MockTethysExchange",
  midas: "MockMidasLottery",
  league: "MockLeagueTech",
} as const;
export type DAppName = keyof typeof DAPP_RECORDS;

/** The catalog keys each stand-in needs registered before it is deployed. */
export const DAPP_ACTION_KEYS: Readonly<Record<DAppName, readonly string[]>> = {
  netswap: [],
  hummus: ["hummus.swap", "hummus.deposit"],
  tethys: ["tethys.swap", "tethys.open-position", "tethys.close-position", "tethys.stake-tlp"],
  midas: ["midas.buy-ticket"],
  league: ["league.trade-keys", "league.open-short", "league.create-league", "league.bet"],
};

/** OPERATOR_ROLE of the registry and the board. */
export const OPERATOR_ROLE = id("OPERATOR_ROLE");

/** Refuses unless `account` holds OPERATOR_ROLE on `contract`. */
export async function requireOperator(
  contract: PointsRegistry | RiddleBoard,
  account: string,
  what: string,
): Promise<void> {
  if (!(await contract.hasRole(OPERATOR_ROLE, account))) {
    throw new TaskError(`${account} is not an operator of the ${what} at ${contract.target}`);
  }
}

/* REGISTRY AND BOARD */

/** Who gets the roles of a new registry or board (defaults: the deployer for both). */
export interface RoleHolders {
  readonly admin?: string;
  readonly operator?: string;
}

/** Deploys the PointsRegistry, or reuses the live one recorded for the network. */
export async function deployPointsRegistry(
  hre: HardhatRuntimeEnvironment,
  roles: RoleHolders = {},
  log: Log = () => {},
): Promise<{ address: string; deployed: boolean }> {
  return deployWithRoles(hre, REGISTRY_RECORD, "PointsRegistry", roles, log);
}

/** Deploys the RiddleBoard, or reuses the live one recorded for the network. */
export async function deployRiddleBoard(
  hre: HardhatRuntimeEnvironment,
  roles: RoleHolders = {},
  log: Log = () => {},
): Promise<{ address: string; deployed: boolean }> {
  return deployWithRoles(hre, RIDDLE_BOARD_RECORD, "RiddleBoard", roles, log);
}

async function deployWithRoles(
  hre: HardhatRuntimeEnvironment,
  name: string,
  contractName: "PointsRegistry" | "RiddleBoard",
  roles: RoleHolders,
  log: Log,
): Promise<{ address: string; deployed: boolean }> {
  return deployOrReuse(hre, name, log, async () => {
    const signer = await deployer(hre);
    const admin = roles.admin ?? signer.address;
    const operator = roles.operator ?? signer.address;
    for (const [what, a] of [
      ["admin", admin],
      ["operator", operator],
    ] as const) {
      if (!hre.ethers.isAddress(a)) throw new TaskError(`${name} ${what} '${a}' is not an address`);
    }
    const contract = await hre.ethers.deployContract(contractName, [admin, operator], signer);
    return { contract, meta: { admin, operator } };
  });
}

/**
 * Reuses the live record `name`, or calls `deploy` (which checks its arguments only then) and
 * records what it deployed with its metadata.
 */
async function deployOrReuse(
  hre: HardhatRuntimeEnvironment,
  name: string,
  log: Log,
  deploy: () => Promise<{ contract: BaseContract; meta: Record<string, unknown> }>,
): Promise<{ address: string; deployed: boolean }> {
  const existing = await liveEntry(hre, name);
  if (existing) {
    log(`reused   ${name} at ${existing.address}`);
    return { address: existing.address, deployed: false };
  }
  const { contract, meta } = await deploy();
  const address = await recordDeployment(hre, name, contract, meta);
  log(`deployed ${name} at ${address}`);
  return { address, deployed: true };
}

/** Whether a live PointsRegistry is recorded for the network. */
export async function isRegistryLive(hre: HardhatRuntimeEnvironment): Promise<boolean> {
  return (await liveEntry(hre, REGISTRY_RECORD)) !== undefined;
}

/**
 * The address of the live record `name` (deployed by points:deploy) and the signer to connect it
 * to (`signer`, else the deployer), or a TaskError.
 */
async function livePointsContract(
  hre: HardhatRuntimeEnvironment,
  name: string,
  signer: HardhatEthersSigner | undefined,
): Promise<{ address: string; runner: HardhatEthersSigner }> {
  const entry = await liveEntry(hre, name);
  if (!entry) {
    throw new TaskError(notDeployedMessage(name, hre.network.name, { alone: "points:deploy" }));
  }
  return { address: entry.address, runner: signer ?? (await deployer(hre)) };
}

/** The live PointsRegistry of the network (connected to `signer`), or a TaskError. */
export async function registryAt(
  hre: HardhatRuntimeEnvironment,
  signer?: HardhatEthersSigner,
): Promise<PointsRegistry> {
  const { address, runner } = await livePointsContract(hre, REGISTRY_RECORD, signer);
  return hre.ethers.getContractAt("PointsRegistry", address, runner);
}

/** The live RiddleBoard of the network (connected to `signer`), or a TaskError. */
export async function riddleBoardAt(
  hre: HardhatRuntimeEnvironment,
  signer?: HardhatEthersSigner,
): Promise<RiddleBoard> {
  const { address, runner } = await livePointsContract(hre, RIDDLE_BOARD_RECORD, signer);
  return hre.ethers.getContractAt("RiddleBoard", address, runner);
}

/* CATALOG */

/** Ids of the catalog on chain, and what this call registered. */
export interface CatalogResult {
  readonly dapps: ReadonlyMap<string, number>;
  readonly actions: ReadonlyMap<string, number>;
  readonly added: readonly string[];
}

/** What registering a catalog would do: the ids already on chain and what is missing. */
export interface CatalogPlan {
  readonly dapps: Map<string, number>;
  readonly actions: Map<string, number>;
  readonly missingDApps: readonly string[];
  readonly missingActions: readonly CatalogAction[];
}

/**
 * Checks `catalog` against `registry` (default: the network's live one) without sending
 * anything: refuses an invalid catalog, an action registered with other values or retired, and a
 * missing operator role when something needs registering.
 */
export async function planCatalog(
  hre: HardhatRuntimeEnvironment,
  catalog: readonly CatalogAction[],
  registry?: PointsRegistry,
): Promise<CatalogPlan> {
  try {
    checkCatalog(catalog);
  } catch (e) {
    throw new TaskError(`invalid catalog: ${(e as Error).message}`);
  }
  registry ??= await registryAt(hre);
  const signer = await deployer(hre);
  const dapps = new Map<string, number>();
  for (const name of catalogDApps(catalog)) {
    const id = Number(await registry.dappId(name));
    if (id !== 0) dapps.set(name, id);
  }
  const actions = new Map<string, number>();
  for (const a of catalog) {
    const id = Number(await registry.actionId(a.key));
    if (id === 0) continue;
    const onChain = await registry.getAction(id);
    const dapp = await registry.dappName(onChain.dapp);
    const wanted = `${a.dapp}, ${formatPoints(a.basePoints)} points, maxRepeats ${a.maxRepeats}`;
    const found = `${dapp}, ${formatPoints(onChain.basePoints)} points, maxRepeats ${onChain.maxRepeats}`;
    if (found !== wanted) {
      throw new TaskError(
        `action '${a.key}' is registered as #${id} (${found}), not (${wanted}): a registered action is never re-valued; retire it and give the new value a new key`,
      );
    }
    if (onChain.retired) {
      throw new TaskError(`action '${a.key}' (#${id}) is retired: give the action a new key`);
    }
    actions.set(a.key, id);
  }
  const missingDApps = catalogDApps(catalog).filter((d) => !dapps.has(d));
  const missingActions = catalog.filter((a) => !actions.has(a.key));
  if (missingDApps.length + missingActions.length > 0) {
    await requireOperator(registry, signer.address, "PointsRegistry");
  }
  return { dapps, actions, missingDApps, missingActions };
}

/**
 * Registers every dApp and action of `catalog` the registry lacks. An action already registered
 * must match exactly (dApp, base points, repeat cap, not retired): a registered action is never
 * re-valued, so a different value is refused before anything is sent. `plan`: planCatalog's
 * answer for this catalog when the caller already has it (and nothing changed the registry since).
 */
export async function registerCatalog(
  hre: HardhatRuntimeEnvironment,
  catalog: readonly CatalogAction[],
  log: Log = () => {},
  plan?: CatalogPlan,
): Promise<CatalogResult> {
  const registry = await registryAt(hre);
  const { dapps, actions, missingDApps, missingActions } =
    plan ?? (await planCatalog(hre, catalog, registry));

  // 2. Act.
  const added: string[] = [];
  for (const name of missingDApps) {
    await (await registry.registerDApp(name)).wait();
    const id = Number(await registry.dappId(name));
    dapps.set(name, id);
    added.push(`dApp ${name}`);
    log(`registered dApp #${id} ${name}`);
  }
  for (const a of missingActions) {
    await (
      await registry.registerAction(dapps.get(a.dapp)!, a.key, a.basePoints, a.maxRepeats)
    ).wait();
    const id = Number(await registry.actionId(a.key));
    actions.set(a.key, id);
    added.push(`action ${a.key}`);
    log(`registered action #${id} ${a.key} (${a.dapp}, ${formatPoints(a.basePoints)} points)`);
  }
  return { dapps, actions, added };
}

/** Authorises `reporter` for the dApp named `dapp` unless it already is; true when it sent a tx. */
export async function addReporter(
  hre: HardhatRuntimeEnvironment,
  dapp: string,
  reporter: string,
  log: Log = () => {},
): Promise<boolean> {
  if (!hre.ethers.isAddress(reporter))
    throw new TaskError(`reporter '${reporter}' is not an address`);
  const registry = await registryAt(hre);
  const id = Number(await registry.dappId(dapp));
  if (id === 0)
    throw new TaskError(`no dApp named '${dapp}' in the registry at ${registry.target}`);
  if (await registry.isReporter(id, reporter)) {
    log(`reporter ${reporter} already reports for ${dapp}`);
    return false;
  }
  await requireOperator(registry, (await deployer(hre)).address, "PointsRegistry");
  await (await registry.addReporter(id, reporter)).wait();
  log(`authorised ${reporter} to report for ${dapp} (#${id})`);
  return true;
}

/* SEASON DAPPS (local stand-ins) */

/** The tokens the stand-ins move: addresses, or symbols recorded as `TestnetToken:<symbol>`. */
export interface DAppTokens {
  /** The main stablecoin (collateral, tickets, keys): default tUSDC. */
  readonly usd?: string;
  /** A second stablecoin for the stable-swap pool: default tUSDT. */
  readonly usdAlt?: string;
  /** The index / volatile token (Netswap pair, Tethys index): default tWETH. */
  readonly weth?: string;
}

/** The stand-ins' parameters. */
export interface DAppSettings {
  /** Who sets the Tethys oracle price and draws the Midas lottery (default: the deployer). */
  readonly owner?: string;
  /** Tethys' initial index price, 8 decimals (default $3,000). */
  readonly indexPriceE8?: bigint;
  /** Midas' ticket price in usd units (default 10 units of a whole token). */
  readonly ticketPrice?: bigint;
  /** League.Tech's key price step in usd units (default 1 whole token). */
  readonly keyPriceStep?: bigint;
}

/** Addresses of the stand-ins and the tokens they use. */
export interface SeasonDApps {
  readonly netswap: string;
  readonly hummus: string;
  readonly tethys: string;
  readonly midas: string;
  readonly league: string;
  readonly tokens: {
    readonly usd: string;
    readonly usdAlt: string;
    readonly weth: string;
    readonly tlp: string;
  };
}

const DEFAULT_TOKENS = {
  usd: { symbol: "tUSDC", name: "Testnet USD Coin", decimals: 6 },
  usdAlt: { symbol: "tUSDT", name: "Testnet Tether USD", decimals: 6 },
  weth: { symbol: "tWETH", name: "Testnet Wrapped Ether", decimals: 18 },
  tlp: { symbol: "tTLP", name: "Testnet Tethys LP", decimals: 18 },
} as const;

type TokenSpec = { symbol: string; name: string; decimals: number };

/**
 * Where a token comes from: a given address (with code), a recorded `TestnetToken:<symbol>`, or
 * (for a default symbol) a TestnetToken to deploy. Checks only: nothing is sent.
 */
async function planToken(
  hre: HardhatRuntimeEnvironment,
  given: string | undefined,
  fallback: TokenSpec,
): Promise<{ address: string } | { deploy: TokenSpec }> {
  if (given && hre.ethers.isAddress(given)) {
    if ((await hre.ethers.provider.getCode(given)) === "0x") {
      throw new TaskError(`token ${given} has no code on network '${hre.network.name}'`);
    }
    return { address: hre.ethers.getAddress(given) };
  }
  const symbol = given ?? fallback.symbol;
  const entry = await liveEntry(hre, tokenRecord(symbol));
  if (entry) return { address: entry.address };
  if (symbol !== fallback.symbol) {
    throw new TaskError(
      `token '${given}' is neither an address nor a recorded ${tokenRecord(symbol)} on network '${hre.network.name}'`,
    );
  }
  return { deploy: fallback };
}

/** The planned token's address, deploying and recording it when the plan says so. */
async function provideToken(
  hre: HardhatRuntimeEnvironment,
  plan: { address: string } | { deploy: TokenSpec },
  log: Log,
): Promise<string> {
  if ("address" in plan) return plan.address;
  const deployed = await deployTokens(hre, [plan.deploy], log);
  return deployed.get(plan.deploy.symbol)!;
}

/**
 * Deploys (or reuses) the five stand-ins and authorises the four that report as their dApp's
 * reporters. The registry must hold their catalog keys (the default Season 1 catalog does);
 * Netswap is not authorised: its events are relayed by the operators' indexer.
 */
export async function deploySeasonDApps(
  hre: HardhatRuntimeEnvironment,
  tokens: DAppTokens = {},
  settings: DAppSettings = {},
  log: Log = () => {},
): Promise<SeasonDApps> {
  const registry = await registryAt(hre);
  const signer = await deployer(hre);
  const missing: string[] = [];
  for (const keys of Object.values(DAPP_ACTION_KEYS)) {
    for (const key of keys) if ((await registry.actionId(key)) === 0n) missing.push(key);
  }
  if (missing.length > 0) {
    throw new TaskError(
      `the registry at ${registry.target} lacks the actions ${missing.join(", ")}: register the catalog first (points:catalog:register)`,
    );
  }
  const owner = settings.owner ?? signer.address;
  if (!hre.ethers.isAddress(owner)) throw new TaskError(`owner '${owner}' is not an address`);
  await requireOperator(registry, signer.address, "PointsRegistry");

  const plans = [
    await planToken(hre, tokens.usd, DEFAULT_TOKENS.usd),
    await planToken(hre, tokens.usdAlt, DEFAULT_TOKENS.usdAlt),
    await planToken(hre, tokens.weth, DEFAULT_TOKENS.weth),
    await planToken(hre, undefined, DEFAULT_TOKENS.tlp),
  ];
  const given = plans.filter((p): p is { address: string } => "address" in p).map((p) => p.address);
  if (new Set(given).size !== given.length) {
    throw new TaskError(
      `the dApps need four different tokens (usd, usd-alt, weth, tlp), got ${given.join(", ")}`,
    );
  }

  const [usd, usdAlt, weth, tlp] = [
    await provideToken(hre, plans[0], log),
    await provideToken(hre, plans[1], log),
    await provideToken(hre, plans[2], log),
    await provideToken(hre, plans[3], log),
  ];
  const usdToken = await hre.ethers.getContractAt("TestnetToken", usd);
  const usdUnit = 10n ** (await usdToken.decimals());
  const registryAddress = String(registry.target);

  const deployOne = async (
    key: DAppName,
    contractName: string,
    args: unknown[],
    meta: Record<string, unknown>,
  ): Promise<string> => {
    const { address } = await deployOrReuse(hre, DAPP_RECORDS[key], log, async () => ({
      contract: await hre.ethers.deployContract(contractName, args, signer),
      meta,
    }));
    return address;
  };

  const indexPriceE8 = settings.indexPriceE8 ?? 3_000n * 10n ** 8n;
  const ticketPrice = settings.ticketPrice ?? 10n * usdUnit;
  const keyPriceStep = settings.keyPriceStep ?? usdUnit;
  const netswap = await deployOne("netswap", "MockNetswapPair", [weth, usd], {
    tokens: [weth, usd],
  });
  const hummus = await deployOne("hummus", "MockHummusPool", [registryAddress, [usd, usdAlt]], {
    registry: registryAddress,
    tokens: [usd, usdAlt],
  });
  const tethys = await deployOne(
    "tethys",
    "MockTethysExchange",
    [registryAddress, usd, weth, tlp, indexPriceE8, owner],
    {
      registry: registryAddress,
      usd,
      index: weth,
      tlp,
      indexPriceE8: indexPriceE8.toString(),
      owner,
    },
  );
  const midas = await deployOne(
    "midas",
    "MockMidasLottery",
    [registryAddress, usd, ticketPrice, owner],
    {
      registry: registryAddress,
      token: usd,
      ticketPrice: ticketPrice.toString(),
      owner,
    },
  );
  const league = await deployOne("league", "MockLeagueTech", [registryAddress, usd, keyPriceStep], {
    registry: registryAddress,
    token: usd,
    keyPriceStep: keyPriceStep.toString(),
  });

  // Each reporting stand-in reports for the dApp its first action belongs to.
  const reporters: [DAppName, string][] = [
    ["hummus", hummus],
    ["tethys", tethys],
    ["midas", midas],
    ["league", league],
  ];
  for (const [key, address] of reporters) {
    const action = await registry.actionId(DAPP_ACTION_KEYS[key][0]);
    const dapp = (await registry.getAction(action)).dapp;
    if (await registry.isReporter(dapp, address)) continue;
    await (await registry.addReporter(dapp, address)).wait();
    log(`authorised ${DAPP_RECORDS[key]} to report for ${await registry.dappName(dapp)}`);
  }
  return { netswap, hummus, tethys, midas, league, tokens: { usd, usdAlt, weth, tlp } };
}

/** How much liquidity `seedSeasonDApps` adds, in whole tokens. */
export interface SeedAmounts {
  /** Netswap pair: tWETH and tUSDC added (default 1,000 tWETH + 3,000,000 tUSDC). */
  readonly netswapWeth?: bigint;
  readonly netswapUsd?: bigint;
  /** Hummus: each stablecoin deposited (default 1,000,000). */
  readonly hummusEach?: bigint;
  /** Tethys vault: tUSDC and tWETH funded (default 1,000,000 and 300). */
  readonly tethysUsd?: bigint;
  readonly tethysWeth?: bigint;
  /** League.Tech short pool (default 100,000 tUSDC). */
  readonly leagueShortPool?: bigint;
}

/**
 * Mints tokens to the deployer (it must be their admin) and adds liquidity to the stand-ins so
 * participants can swap, trade and close positions. Note: seeding Hummus is a deposit, so the
 * deployer gets a `hummus.deposit` record, and seeding Netswap emits a `Mint` event.
 */
export async function seedSeasonDApps(
  hre: HardhatRuntimeEnvironment,
  dapps: SeasonDApps,
  amounts: SeedAmounts = {},
  log: Log = () => {},
): Promise<void> {
  const signer = await deployer(hre);
  const token = (address: string): Promise<TestnetToken> =>
    hre.ethers.getContractAt("TestnetToken", address, signer);
  const [usd, usdAlt, weth] = await Promise.all([
    token(dapps.tokens.usd),
    token(dapps.tokens.usdAlt),
    token(dapps.tokens.weth),
  ]);
  const needsGrant: TestnetToken[] = [];
  for (const t of [usd, usdAlt, weth]) {
    if (await t.hasRole(MINTER_ROLE, signer.address)) continue;
    if (!(await t.hasRole(DEFAULT_ADMIN_ROLE, signer.address))) {
      throw new TaskError(
        `${signer.address} can neither mint ${await t.symbol()} nor grant itself MINTER_ROLE`,
      );
    }
    needsGrant.push(t);
  }
  for (const t of needsGrant) await (await t.grantRole(MINTER_ROLE, signer.address)).wait();
  const whole = async (t: TestnetToken, n: bigint): Promise<bigint> =>
    n * 10n ** (await t.decimals());
  const mintAndApprove = async (
    t: TestnetToken,
    spender: string,
    amount: bigint,
  ): Promise<void> => {
    await (await t.mint(signer.address, amount)).wait();
    await (await t.approve(spender, amount)).wait();
  };

  const netswap: MockNetswapPair = await hre.ethers.getContractAt(
    "MockNetswapPair",
    dapps.netswap,
    signer,
  );
  const [nWeth, nUsd] = [
    await whole(weth, amounts.netswapWeth ?? 1_000n),
    await whole(usd, amounts.netswapUsd ?? 3_000_000n),
  ];
  await mintAndApprove(weth, dapps.netswap, nWeth);
  await mintAndApprove(usd, dapps.netswap, nUsd);
  const wethIs0 = (await netswap.token0()) === weth.target;
  await (await netswap.addLiquidity(wethIs0 ? nWeth : nUsd, wethIs0 ? nUsd : nWeth, 0)).wait();
  log(`seeded MockNetswapPair`);

  const hummus: MockHummusPool = await hre.ethers.getContractAt(
    "MockHummusPool",
    dapps.hummus,
    signer,
  );
  for (const t of [usd, usdAlt]) {
    const amount = await whole(t, amounts.hummusEach ?? 1_000_000n);
    await mintAndApprove(t, dapps.hummus, amount);
    await (await hummus.deposit(t.target, amount)).wait();
  }
  log(`seeded MockHummusPool`);

  const tethys: MockTethysExchange = await hre.ethers.getContractAt(
    "MockTethysExchange",
    dapps.tethys,
    signer,
  );
  for (const [t, n] of [
    [usd, amounts.tethysUsd ?? 1_000_000n],
    [weth, amounts.tethysWeth ?? 300n],
  ] as const) {
    const amount = await whole(t, n);
    await mintAndApprove(t, dapps.tethys, amount);
    await (await tethys.fund(t.target, amount)).wait();
  }
  log(`seeded MockTethysExchange`);

  const league: MockLeagueTech = await hre.ethers.getContractAt(
    "MockLeagueTech",
    dapps.league,
    signer,
  );
  const pool = await whole(usd, amounts.leagueShortPool ?? 100_000n);
  await mintAndApprove(usd, dapps.league, pool);
  await (await league.fundShortPool(pool)).wait();
  log(`seeded MockLeagueTech's short pool`);
}
