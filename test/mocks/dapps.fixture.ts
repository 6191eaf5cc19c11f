import { expect } from "chai";
import { ethers } from "hardhat";
import type { ContractTransactionResponse } from "ethers";
import type {
  MockHummusPool,
  MockLeagueTech,
  MockMidasLottery,
  MockNetswapPair,
  MockTethysExchange,
  PointsRegistry,
  TestnetToken,
} from "../../typechain-types";
import { catalogDApps, SEASON1_CATALOG } from "../../src/points/catalog";
import { dappReportRef } from "../../src/points/ref";

export const USD = (n: bigint | number): bigint => BigInt(n) * 10n ** 6n;
export const WAD = (n: bigint | number): bigint => BigInt(n) * 10n ** 18n;

async function token(
  name: string,
  symbol: string,
  decimals: number,
  admin: string,
): Promise<TestnetToken> {
  const t = (await ethers.deployContract("TestnetToken", [
    name,
    symbol,
    decimals,
    admin,
  ])) as unknown as TestnetToken;
  await t.grantRole(await t.MINTER_ROLE(), admin);
  return t;
}

/**
 * A registry holding the default Season 1 catalog; the five stand-ins deployed and the four
 * reporting ones authorised; Alice and Bob holding and having approved every token.
 */
export async function dappsFixture() {
  const [admin, alice, bob, carol] = await ethers.getSigners();
  const registry = (await ethers.deployContract("PointsRegistry", [
    admin.address,
    admin.address,
  ])) as unknown as PointsRegistry;
  const dappIds = new Map<string, number>();
  for (const name of catalogDApps(SEASON1_CATALOG)) {
    await registry.registerDApp(name);
    dappIds.set(name, Number(await registry.dappId(name)));
  }
  for (const a of SEASON1_CATALOG) {
    await registry.registerAction(dappIds.get(a.dapp)!, a.key, a.basePoints, a.maxRepeats);
  }

  const usdc = await token("Testnet USD Coin", "tUSDC", 6, admin.address);
  const usdt = await token("Testnet Tether USD", "tUSDT", 6, admin.address);
  const dai = await token("Testnet Dai", "tDAI", 18, admin.address);
  const weth = await token("Testnet Wrapped Ether", "tWETH", 18, admin.address);
  const tlp = await token("Testnet Tethys LP", "tTLP", 18, admin.address);

  const netswap = (await ethers.deployContract("MockNetswapPair", [
    weth.target,
    usdc.target,
  ])) as unknown as MockNetswapPair;
  const hummus = (await ethers.deployContract("MockHummusPool", [
    registry.target,
    [usdc.target, usdt.target, dai.target],
  ])) as unknown as MockHummusPool;
  const tethys = (await ethers.deployContract("MockTethysExchange", [
    registry.target,
    usdc.target,
    weth.target,
    tlp.target,
    3_000n * 10n ** 8n,
    admin.address,
  ])) as unknown as MockTethysExchange;
  const midas = (await ethers.deployContract("MockMidasLottery", [
    registry.target,
    usdc.target,
    USD(10),
    admin.address,
  ])) as unknown as MockMidasLottery;
  const league = (await ethers.deployContract("MockLeagueTech", [
    registry.target,
    usdc.target,
    USD(1),
  ])) as unknown as MockLeagueTech;

  await registry.addReporter(dappIds.get("Hummus Finance")!, hummus.target);
  await registry.addReporter(dappIds.get("Tethys Finance")!, tethys.target);
  await registry.addReporter(dappIds.get("Midas Games")!, midas.target);
  await registry.addReporter(dappIds.get("League.Tech")!, league.target);

  const spenders = [netswap, hummus, tethys, midas, league].map((c) => c.target);
  for (const who of [admin, alice, bob, carol]) {
    for (const [t, amount] of [
      [usdc, USD(10_000_000)],
      [usdt, USD(10_000_000)],
      [dai, WAD(10_000_000)],
      [weth, WAD(10_000)],
      [tlp, WAD(10_000)],
    ] as const) {
      await t.mint(who.address, amount);
      for (const s of spenders) await t.connect(who).approve(s, ethers.MaxUint256);
    }
  }
  return {
    registry,
    dappIds,
    usdc,
    usdt,
    dai,
    weth,
    tlp,
    netswap,
    hummus,
    tethys,
    midas,
    league,
    admin,
    alice,
    bob,
    carol,
  };
}

/**
 * Asserts that `tx` made exactly one record in `registry`: `account` completed the action keyed
 * `key`, with the dApp's `refOf(reportCount)` as ref (returned).
 */
export async function expectOneRecord(
  registry: PointsRegistry,
  dapp: { target: unknown; refOf(n: bigint): Promise<string>; reportCount(): Promise<bigint> },
  tx: ContractTransactionResponse,
  account: string,
  key: string,
): Promise<string> {
  const receipt = (await tx.wait())!;
  const records = receipt.logs
    .filter((l) => l.address === registry.target)
    .map((l) => registry.interface.parseLog(l)!)
    .filter((e) => e.name === "Recorded");
  expect(records, "records in the transaction").to.have.length(1);
  const [r] = records;
  expect(r.args.account).to.equal(account);
  expect(r.args.action).to.equal(await registry.actionId(key));
  expect(r.args.ref).to.equal(await dapp.refOf(await dapp.reportCount()));
  return r.args.ref as string;
}

/** Asserts that `tx` made no record in `registry`. */
export async function expectNoRecord(
  registry: PointsRegistry,
  tx: ContractTransactionResponse,
): Promise<void> {
  const receipt = (await tx.wait())!;
  expect(receipt.logs.filter((l) => l.address === registry.target)).to.have.length(0);
}

/** The off-chain mirror (src/points/ref.ts) of a stand-in's `refOf(sequence)`. */
export async function dappsReportRef(dapp: { target: unknown }, sequence: bigint): Promise<string> {
  const { chainId } = await ethers.provider.getNetwork();
  return dappReportRef(chainId, String(dapp.target), sequence);
}
