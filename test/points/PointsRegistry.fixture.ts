import { ethers } from "hardhat";
import type { PointsRegistry } from "../../typechain-types";

/** 10^6 units per point. */
export const POINTS = (n: number): bigint => BigInt(n) * 1_000_000n;

/** A deterministic, non-zero 32-byte ref. */
export const ref = (n: number | string): string => ethers.id(`ref-${n}`);

/** A deterministic account with no zero bytes at either end. */
export const account = (n: number): string =>
  ethers.getAddress(ethers.dataSlice(ethers.id(`acct-${n}`), 12));

/**
 * A registry with two dApps: Netswap (#1: netswap.swap #1, netswap.add-liquidity #2) and Tethys
 * Finance (#2: tethys.swap #3); `netswapReporter` reports for Netswap, `tethysReporter` for Tethys.
 */
export async function registryFixture() {
  const [admin, operator, netswapReporter, tethysReporter, stranger] = await ethers.getSigners();
  const registry = (await ethers.deployContract("PointsRegistry", [
    admin.address,
    operator.address,
  ])) as unknown as PointsRegistry;
  const op = registry.connect(operator);
  await op.registerDApp("Netswap");
  await op.registerDApp("Tethys Finance");
  await op.registerAction(1, "netswap.swap", POINTS(300), 24);
  await op.registerAction(1, "netswap.add-liquidity", POINTS(500), 24);
  await op.registerAction(2, "tethys.swap", POINTS(300), 24);
  await op.addReporter(1, netswapReporter.address);
  await op.addReporter(2, tethysReporter.address);
  return { registry, op, admin, operator, netswapReporter, tethysReporter, stranger };
}
