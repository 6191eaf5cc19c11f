import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { dappsFixture, expectNoRecord, USD, WAD } from "./dapps.fixture";

/** The fixture with the pair's tokens in pair order. */
async function pairFixture() {
  const f = await dappsFixture();
  const wethIs0 = (await f.netswap.token0()) === f.weth.target;
  const [t0, t1] = wethIs0 ? [f.weth, f.usdc] : [f.usdc, f.weth];
  const amount = (weth: bigint, usd: bigint): [bigint, bigint] =>
    wethIs0 ? [weth, usd] : [usd, weth];
  return { ...f, t0, t1, amount };
}

/** The pair holding 100 tWETH and 300,000 tUSDC from Bob. */
async function liquidFixture() {
  const f = await pairFixture();
  const [a0, a1] = f.amount(WAD(100), USD(300_000));
  await f.netswap.connect(f.bob).addLiquidity(a0, a1, 0);
  return { ...f, a0, a1 };
}

describe("MockNetswapPair (Netswap)", () => {
  it("sorts its tokens and refuses a bad pair", async () => {
    const { netswap, weth, usdc } = await loadFixture(pairFixture);
    const [lo, hi] =
      BigInt(String(weth.target)) < BigInt(String(usdc.target)) ? [weth, usdc] : [usdc, weth];
    expect(await netswap.token0()).to.equal(lo.target);
    expect(await netswap.token1()).to.equal(hi.target);
    const factory = await ethers.getContractFactory("MockNetswapPair");
    await expect(factory.deploy(weth.target, weth.target)).to.be.revertedWithCustomError(
      netswap,
      "InvalidPairTokens",
    );
    await expect(factory.deploy(weth.target, ethers.ZeroAddress)).to.be.revertedWithCustomError(
      netswap,
      "InvalidPairTokens",
    );
  });

  it("adds first liquidity as sqrt(a0·a1) shares, 1,000 locked, emitting V2's Mint and Sync", async () => {
    const { netswap, registry, alice, amount, t0, t1 } = await loadFixture(pairFixture);
    const [a0, a1] = amount(WAD(10), USD(30_000));
    const tx = await netswap.connect(alice).addLiquidity(a0, a1, 0);
    await expect(tx).to.emit(netswap, "Mint").withArgs(alice.address, a0, a1);
    await expect(tx).to.emit(netswap, "Sync").withArgs(a0, a1);
    await expect(tx).to.changeTokenBalances(t0, [alice, netswap], [-a0, a0]);
    await expect(tx).to.changeTokenBalances(t1, [alice, netswap], [-a1, a1]);
    const shares = sqrt(a0 * a1) - 1_000n;
    expect(await netswap.balanceOf(alice.address)).to.equal(shares);
    expect(await netswap.balanceOf("0x000000000000000000000000000000000000dEaD")).to.equal(1_000n);
    expect(await netswap.getReserves()).to.deep.equal([a0, a1]);
    await expectNoRecord(registry, tx);
  });

  it("adds later liquidity at the pool's ratio, pulling only what the ratio uses", async () => {
    const { netswap, alice, amount, a0, a1 } = await loadFixture(liquidFixture);
    const supply = await netswap.totalSupply();
    // offer 1 tWETH with far too much tUSDC: the pair takes 3,000 tUSDC
    const [d0, d1] = amount(WAD(1), USD(1_000_000));
    const wethIs0 = d0 === WAD(1);
    const [u0, u1] = wethIs0 ? [d0, (d0 * a1) / a0] : [(d1 * a0) / a1, d1];
    await expect(netswap.connect(alice).addLiquidity(d0, d1, 0))
      .to.emit(netswap, "Mint")
      .withArgs(alice.address, u0, u1);
    const expected =
      (u0 * supply) / a0 < (u1 * supply) / a1 ? (u0 * supply) / a0 : (u1 * supply) / a1;
    expect(await netswap.balanceOf(alice.address)).to.equal(expected);
  });

  it("swaps either way at the constant product with a 0.3% fee, emitting V2's Swap", async () => {
    const { netswap, registry, alice, carol, t0, t1, a0, a1 } = await loadFixture(liquidFixture);
    const in0 = a0 / 100n;
    const out1 = (in0 * 997n * a1) / (a0 * 1000n + in0 * 997n);
    const tx = await netswap.connect(alice).swap(t0.target, in0, out1, carol.address);
    await expect(tx)
      .to.emit(netswap, "Swap")
      .withArgs(alice.address, in0, 0, 0, out1, carol.address);
    await expect(tx).to.changeTokenBalances(t0, [alice, netswap], [-in0, in0]);
    await expect(tx).to.changeTokenBalances(t1, [carol, netswap], [out1, -out1]);
    expect(await netswap.getReserves()).to.deep.equal([a0 + in0, a1 - out1]);
    await expectNoRecord(registry, tx);

    const [r0, r1] = [a0 + in0, a1 - out1];
    const in1 = r1 / 50n;
    const out0 = (in1 * 997n * r0) / (r1 * 1000n + in1 * 997n);
    await expect(netswap.connect(alice).swap(t1.target, in1, 0, alice.address))
      .to.emit(netswap, "Swap")
      .withArgs(alice.address, 0, in1, out0, 0, alice.address);
    expect(await netswap.getAmountOut(in1, r1, r0)).to.equal(out0);
  });

  it("removes liquidity pro rata, emitting V2's Burn", async () => {
    const { netswap, bob, carol, t0, a0, a1 } = await loadFixture(liquidFixture);
    const shares = (await netswap.balanceOf(bob.address)) / 2n;
    const supply = await netswap.totalSupply();
    const [o0, o1] = [(shares * a0) / supply, (shares * a1) / supply];
    const tx = await netswap.connect(bob).removeLiquidity(shares, o0, o1, carol.address);
    await expect(tx).to.emit(netswap, "Burn").withArgs(bob.address, o0, o1, carol.address);
    await expect(tx).to.changeTokenBalance(t0, carol, o0);
    expect(await netswap.getReserves()).to.deep.equal([a0 - o0, a1 - o1]);
  });

  it("refuses bad input", async () => {
    const { netswap, alice, bob, t0, a0, amount, tlp } = await loadFixture(liquidFixture);
    const n = netswap.connect(alice);
    await expect(n.addLiquidity(0, 1, 0)).to.be.revertedWithCustomError(netswap, "ZeroAmount");
    await expect(n.addLiquidity(1, 0, 0)).to.be.revertedWithCustomError(netswap, "ZeroAmount");
    await expect(n.addLiquidity(1, 1, 0))
      .to.be.revertedWithCustomError(netswap, "InsufficientLiquidityMinted")
      .withArgs(0);
    const [d0, d1] = amount(WAD(1), USD(3_000));
    await expect(n.addLiquidity(d0, d1, ethers.MaxUint256)).to.be.revertedWithCustomError(
      netswap,
      "SlippageExceeded",
    );
    await expect(n.swap(t0.target, 0, 0, alice.address)).to.be.revertedWithCustomError(
      netswap,
      "ZeroAmount",
    );
    await expect(n.swap(tlp.target, 1, 0, alice.address))
      .to.be.revertedWithCustomError(netswap, "NotAPairToken")
      .withArgs(tlp.target);
    await expect(n.swap(t0.target, 1, 0, ethers.ZeroAddress)).to.be.revertedWithCustomError(
      netswap,
      "InvalidRecipient",
    );
    await expect(n.swap(t0.target, 1, 0, t0.target)).to.be.revertedWithCustomError(
      netswap,
      "InvalidRecipient",
    );
    await expect(
      n.swap(t0.target, a0 / 100n, ethers.MaxUint256, alice.address),
    ).to.be.revertedWithCustomError(netswap, "SlippageExceeded");
    await expect(n.removeLiquidity(0, 0, 0, alice.address)).to.be.revertedWithCustomError(
      netswap,
      "ZeroAmount",
    );
    await expect(n.removeLiquidity(1, 0, 0, alice.address)).to.be.revertedWithCustomError(
      netswap,
      "ERC20InsufficientBalance",
    );
    const shares = await netswap.balanceOf(bob.address);
    await expect(
      netswap.connect(bob).removeLiquidity(shares, ethers.MaxUint256, 0, bob.address),
    ).to.be.revertedWithCustomError(netswap, "SlippageExceeded");
    await expect(
      netswap.connect(bob).removeLiquidity(shares, 0, ethers.MaxUint256, bob.address),
    ).to.be.revertedWithCustomError(netswap, "SlippageExceeded");
  });

  it("refuses a swap before any liquidity and a first deposit below the locked minimum", async () => {
    const { netswap, alice, t0 } = await loadFixture(pairFixture);
    await expect(
      netswap.connect(alice).swap(t0.target, 1_000n, 0, alice.address),
    ).to.be.revertedWithCustomError(netswap, "NoLiquidity");
    await expect(netswap.connect(alice).addLiquidity(1_000n, 1_000n, 0))
      .to.be.revertedWithCustomError(netswap, "InsufficientLiquidityMinted")
      .withArgs(1_000n);
  });
});

function sqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}
