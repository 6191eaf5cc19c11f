import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { dappsFixture, expectNoRecord, expectOneRecord, USD, WAD } from "./dapps.fixture";

const PRICE = 3_000n * 10n ** 8n;

/** The vault funded with 1,000,000 tUSDC and 100 tWETH. */
async function vaultFixture() {
  const f = await dappsFixture();
  await f.tethys.fund(f.usdc.target, USD(1_000_000));
  await f.tethys.fund(f.weth.target, WAD(100));
  return f;
}

describe("MockTethysExchange (Tethys Finance)", () => {
  it("swaps at the oracle price minus 0.3% either way and reports tethys.swap", async () => {
    const { tethys, registry, usdc, weth, alice } = await loadFixture(vaultFixture);
    const outWeth = WAD(1) - (WAD(1) * 30n) / 10_000n; // $3,000 buys 1 tWETH before the fee
    expect(await tethys.quoteSwap(usdc.target, USD(3_000))).to.equal(outWeth);
    const tx = await tethys.connect(alice).swap(usdc.target, USD(3_000), outWeth);
    await expect(tx)
      .to.emit(tethys, "Swapped")
      .withArgs(alice.address, usdc.target, USD(3_000), outWeth);
    await expect(tx).to.changeTokenBalances(usdc, [alice, tethys], [-USD(3_000), USD(3_000)]);
    await expect(tx).to.changeTokenBalances(weth, [alice, tethys], [outWeth, -outWeth]);
    await expectOneRecord(registry, tethys, tx, alice.address, "tethys.swap");

    const outUsd = USD(6_000) - (USD(6_000) * 30n) / 10_000n;
    await expect(tethys.connect(alice).swap(weth.target, WAD(2), 0))
      .to.emit(tethys, "Swapped")
      .withArgs(alice.address, weth.target, WAD(2), outUsd);
  });

  it("opens long and short positions with locked collateral and reports tethys.open-position", async () => {
    const { tethys, registry, usdc, alice } = await loadFixture(vaultFixture);
    const tx = await tethys.connect(alice).openPosition(true, USD(1_000), 10);
    await expect(tx)
      .to.emit(tethys, "PositionOpened")
      .withArgs(1, alice.address, true, USD(1_000), USD(10_000), PRICE);
    await expect(tx).to.changeTokenBalances(usdc, [alice, tethys], [-USD(1_000), USD(1_000)]);
    await expectOneRecord(registry, tethys, tx, alice.address, "tethys.open-position");
    const short = await tethys.connect(alice).openPosition(false, USD(500), 2);
    await expectOneRecord(registry, tethys, short, alice.address, "tethys.open-position");
    expect(await tethys.lockedCollateral()).to.equal(USD(1_500));
    expect(await tethys.freeBalance(usdc.target)).to.equal(USD(1_000_000));
  });

  it("closes at the oracle price: a long's profit, a short's loss, a wiped-out position, and reports tethys.close-position", async () => {
    const { tethys, registry, usdc, alice, bob, admin } = await loadFixture(vaultFixture);
    await tethys.connect(alice).openPosition(true, USD(1_000), 10); // 1
    await tethys.connect(bob).openPosition(false, USD(1_000), 5); // 2
    await tethys.connect(bob).openPosition(false, USD(100), 50); // 3
    await expect(tethys.connect(admin).setPrice(3_300n * 10n ** 8n))
      .to.emit(tethys, "PriceUpdated")
      .withArgs(3_300n * 10n ** 8n);
    // +10%: the 10x long gains $1,000; the 5x short loses $500; the 50x short loses more than it has
    expect(await tethys.positionValue(1)).to.equal(USD(2_000));
    expect(await tethys.positionValue(2)).to.equal(USD(500));
    expect(await tethys.positionValue(3)).to.equal(0);
    const tx = await tethys.connect(alice).closePosition(1);
    await expect(tx)
      .to.emit(tethys, "PositionClosed")
      .withArgs(1, alice.address, 3_300n * 10n ** 8n, USD(2_000));
    await expect(tx).to.changeTokenBalances(usdc, [alice, tethys], [USD(2_000), -USD(2_000)]);
    await expectOneRecord(registry, tethys, tx, alice.address, "tethys.close-position");
    await expect(tethys.connect(bob).closePosition(2)).to.changeTokenBalance(usdc, bob, USD(500));
    const wiped = await tethys.connect(bob).closePosition(3);
    await expect(wiped).to.changeTokenBalance(usdc, bob, 0);
    await expectOneRecord(registry, tethys, wiped, bob.address, "tethys.close-position");
    expect(await tethys.lockedCollateral()).to.equal(0);
    // a short gains when the price falls
    await tethys.connect(bob).openPosition(false, USD(1_000), 3); // 4
    await tethys.connect(admin).setPrice(2_700n * 10n ** 8n);
    expect(await tethys.positionValue(4)).to.equal(USD(1_000) + (USD(3_000) * 600n) / 3_300n);
  });

  it("stakes and unstakes TLP; staking reports tethys.stake-tlp", async () => {
    const { tethys, registry, tlp, alice } = await loadFixture(vaultFixture);
    const tx = await tethys.connect(alice).stakeTlp(WAD(5));
    await expect(tx).to.emit(tethys, "Staked").withArgs(alice.address, WAD(5));
    await expect(tx).to.changeTokenBalances(tlp, [alice, tethys], [-WAD(5), WAD(5)]);
    await expectOneRecord(registry, tethys, tx, alice.address, "tethys.stake-tlp");
    const out = await tethys.connect(alice).unstakeTlp(WAD(2));
    await expect(out).to.emit(tethys, "Unstaked").withArgs(alice.address, WAD(2));
    await expectNoRecord(registry, out);
    expect(await tethys.stakedOf(alice.address)).to.equal(WAD(3));
  });

  it("refuses bad input", async () => {
    const { tethys, usdc, weth, tlp, alice, bob, admin } = await loadFixture(vaultFixture);
    const t = tethys.connect(alice);
    await expect(t.fund(tlp.target, 1))
      .to.be.revertedWithCustomError(tethys, "UnsupportedToken")
      .withArgs(tlp.target);
    await expect(t.fund(usdc.target, 0)).to.be.revertedWithCustomError(tethys, "ZeroAmount");
    await expect(t.swap(tlp.target, 1, 0)).to.be.revertedWithCustomError(
      tethys,
      "UnsupportedToken",
    );
    await expect(t.swap(usdc.target, 0, 0)).to.be.revertedWithCustomError(tethys, "ZeroAmount");
    await expect(t.swap(usdc.target, USD(3_000), WAD(1))).to.be.revertedWithCustomError(
      tethys,
      "SlippageExceeded",
    );
    await expect(t.swap(usdc.target, USD(600_000), 0))
      .to.be.revertedWithCustomError(tethys, "InsufficientLiquidity")
      .withArgs(weth.target, WAD(100), await tethys.quoteSwap(usdc.target, USD(600_000)));
    await expect(t.openPosition(true, 0, 2)).to.be.revertedWithCustomError(tethys, "ZeroAmount");
    await expect(t.openPosition(true, 1, 0))
      .to.be.revertedWithCustomError(tethys, "InvalidLeverage")
      .withArgs(0);
    await expect(t.openPosition(true, 1, 51))
      .to.be.revertedWithCustomError(tethys, "InvalidLeverage")
      .withArgs(51);
    await expect(t.closePosition(1))
      .to.be.revertedWithCustomError(tethys, "UnknownPosition")
      .withArgs(1);
    await expect(tethys.positionValue(1)).to.be.revertedWithCustomError(tethys, "UnknownPosition");
    await t.openPosition(true, USD(100), 2);
    await expect(tethys.connect(bob).closePosition(1))
      .to.be.revertedWithCustomError(tethys, "NotPositionOwner")
      .withArgs(1, bob.address);
    await t.closePosition(1);
    await expect(t.closePosition(1))
      .to.be.revertedWithCustomError(tethys, "PositionAlreadyClosed")
      .withArgs(1);
    await expect(t.stakeTlp(0)).to.be.revertedWithCustomError(tethys, "ZeroAmount");
    await expect(t.unstakeTlp(0)).to.be.revertedWithCustomError(tethys, "ZeroAmount");
    await expect(t.unstakeTlp(1))
      .to.be.revertedWithCustomError(tethys, "InsufficientStake")
      .withArgs(0, 1);
    await expect(t.setPrice(1))
      .to.be.revertedWithCustomError(tethys, "OwnableUnauthorizedAccount")
      .withArgs(alice.address);
    await expect(tethys.connect(admin).setPrice(0)).to.be.revertedWithCustomError(
      tethys,
      "ZeroAmount",
    );
  });

  it("cannot pay a profit the vault does not hold", async () => {
    const { tethys, usdc, alice, admin } = await loadFixture(dappsFixture); // unfunded vault
    await tethys.connect(alice).openPosition(true, USD(1_000), 10);
    await tethys.connect(admin).setPrice(6_000n * 10n ** 8n);
    await expect(tethys.connect(alice).closePosition(1))
      .to.be.revertedWithCustomError(tethys, "InsufficientLiquidity")
      .withArgs(usdc.target, USD(1_000), USD(11_000));
  });

  it("refuses tokens that overlap and a zero price at deployment", async () => {
    const { tethys, registry, usdc, weth, tlp, admin } = await loadFixture(dappsFixture);
    const factory = await ethers.getContractFactory("MockTethysExchange");
    const deploy = (u: unknown, i: unknown, l: unknown, p: bigint) =>
      factory.deploy(registry.target, u as string, i as string, l as string, p, admin.address);
    await expect(deploy(usdc.target, usdc.target, tlp.target, PRICE)).to.be.revertedWithCustomError(
      tethys,
      "UnsupportedToken",
    );
    await expect(
      deploy(usdc.target, weth.target, usdc.target, PRICE),
    ).to.be.revertedWithCustomError(tethys, "UnsupportedToken");
    await expect(
      deploy(usdc.target, weth.target, weth.target, PRICE),
    ).to.be.revertedWithCustomError(tethys, "UnsupportedToken");
    await expect(deploy(usdc.target, weth.target, tlp.target, 0n)).to.be.revertedWithCustomError(
      tethys,
      "ZeroAmount",
    );
  });
});
