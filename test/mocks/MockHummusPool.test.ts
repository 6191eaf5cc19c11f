import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { dappsFixture, expectOneRecord, USD, WAD } from "./dapps.fixture";

/** Bob deposited 100,000 of each stablecoin. */
async function poolFixture() {
  const f = await dappsFixture();
  await f.hummus.connect(f.bob).deposit(f.usdc.target, USD(100_000));
  await f.hummus.connect(f.bob).deposit(f.usdt.target, USD(100_000));
  await f.hummus.connect(f.bob).deposit(f.dai.target, WAD(100_000));
  return f;
}

describe("MockHummusPool (Hummus Finance)", () => {
  it("credits single-sided deposits with shares of the asset and reports hummus.deposit", async () => {
    const { hummus, registry, usdc, alice } = await loadFixture(dappsFixture);
    const tx = await hummus.connect(alice).deposit(usdc.target, USD(1_000));
    await expect(tx)
      .to.emit(hummus, "Deposited")
      .withArgs(alice.address, usdc.target, USD(1_000), USD(1_000));
    await expect(tx).to.changeTokenBalances(usdc, [alice, hummus], [-USD(1_000), USD(1_000)]);
    expect(await hummus.sharesOf(usdc.target, alice.address)).to.equal(USD(1_000));
    const a = await hummus.assets(usdc.target);
    expect([a.decimals, a.cash, a.liability, a.totalShares]).to.deep.equal([
      6n,
      USD(1_000),
      USD(1_000),
      USD(1_000),
    ]);
    await expectOneRecord(registry, hummus, tx, alice.address, "hummus.deposit");
  });

  it("swaps 1:1 across decimals minus 0.04%, the fee going to the output asset's LPs, and reports hummus.swap", async () => {
    const { hummus, registry, usdc, dai, alice, carol } = await loadFixture(poolFixture);
    const amountIn = USD(1_000);
    const gross = WAD(1_000);
    const out = gross - (gross * 400n) / 1_000_000n;
    expect(await hummus.quote(usdc.target, dai.target, amountIn)).to.deep.equal([out, gross]);
    const tx = await hummus
      .connect(alice)
      .swap(usdc.target, dai.target, amountIn, out, carol.address);
    await expect(tx)
      .to.emit(hummus, "Swapped")
      .withArgs(alice.address, usdc.target, dai.target, amountIn, out, carol.address);
    await expect(tx).to.changeTokenBalances(usdc, [alice, hummus], [-amountIn, amountIn]);
    await expect(tx).to.changeTokenBalances(dai, [carol, hummus], [out, -out]);
    const d = await hummus.assets(dai.target);
    expect(d.cash).to.equal(WAD(100_000) - out);
    expect(d.liability).to.equal(WAD(100_000) + (gross - out));
    await expectOneRecord(registry, hummus, tx, alice.address, "hummus.swap");
    // and back down in decimals: 18 → 6 truncates
    expect((await hummus.quote(dai.target, usdc.target, WAD(1) + 123n))[1]).to.equal(USD(1));
  });

  it("lets LPs withdraw their share of the liability, fees included, without a record", async () => {
    const { hummus, registry, usdc, dai, alice, bob } = await loadFixture(poolFixture);
    await hummus.connect(alice).swap(usdc.target, dai.target, USD(10_000), 0, alice.address);
    const liability = (await hummus.assets(dai.target)).liability;
    const shares = await hummus.sharesOf(dai.target, bob.address);
    const tx = await hummus.connect(bob).withdraw(dai.target, shares / 2n, 0, bob.address);
    const expected = ((shares / 2n) * liability) / shares;
    expect(expected).to.be.greaterThan(WAD(50_000));
    await expect(tx)
      .to.emit(hummus, "Withdrawn")
      .withArgs(bob.address, dai.target, expected, shares / 2n, bob.address);
    await expect(tx).to.changeTokenBalance(dai, bob, expected);
    const receipt = (await tx.wait())!;
    expect(receipt.logs.filter((l) => l.address === registry.target)).to.have.length(0);
  });

  it("refuses bad input", async () => {
    const { hummus, usdc, usdt, weth, alice, bob } = await loadFixture(poolFixture);
    const h = hummus.connect(alice);
    await expect(h.deposit(weth.target, 1))
      .to.be.revertedWithCustomError(hummus, "UnsupportedToken")
      .withArgs(weth.target);
    await expect(h.deposit(usdc.target, 0)).to.be.revertedWithCustomError(hummus, "ZeroAmount");
    await expect(h.swap(usdc.target, usdc.target, 1, 0, alice.address))
      .to.be.revertedWithCustomError(hummus, "SameToken")
      .withArgs(usdc.target);
    await expect(
      h.swap(usdc.target, weth.target, 1, 0, alice.address),
    ).to.be.revertedWithCustomError(hummus, "UnsupportedToken");
    await expect(
      h.swap(usdc.target, usdt.target, 0, 0, alice.address),
    ).to.be.revertedWithCustomError(hummus, "ZeroAmount");
    await expect(
      h.swap(usdc.target, usdt.target, 1, 0, ethers.ZeroAddress),
    ).to.be.revertedWithCustomError(hummus, "ZeroRecipient");
    await expect(
      h.swap(usdc.target, usdt.target, USD(1), USD(1), alice.address),
    ).to.be.revertedWithCustomError(hummus, "SlippageExceeded");
    const tooMuch = USD(200_000);
    const [out] = await hummus.quote(usdc.target, usdt.target, tooMuch);
    await expect(h.swap(usdc.target, usdt.target, tooMuch, 0, alice.address))
      .to.be.revertedWithCustomError(hummus, "InsufficientCash")
      .withArgs(usdt.target, USD(100_000), out);
    await expect(h.withdraw(usdc.target, 0, 0, alice.address)).to.be.revertedWithCustomError(
      hummus,
      "ZeroAmount",
    );
    await expect(h.withdraw(usdc.target, 1, 0, ethers.ZeroAddress)).to.be.revertedWithCustomError(
      hummus,
      "ZeroRecipient",
    );
    await expect(h.withdraw(usdc.target, 1, 0, alice.address))
      .to.be.revertedWithCustomError(hummus, "InsufficientShares")
      .withArgs(0, 1);
    const b = hummus.connect(bob);
    await expect(
      b.withdraw(usdc.target, USD(1), USD(2), bob.address),
    ).to.be.revertedWithCustomError(hummus, "SlippageExceeded");
    // drain usdt's cash with a swap, then its LP cannot withdraw more than the cash
    await hummus.connect(alice).swap(usdt.target, usdc.target, USD(90_000), 0, alice.address);
    await expect(
      b.withdraw(usdc.target, USD(100_000), 0, bob.address),
    ).to.be.revertedWithCustomError(hummus, "InsufficientCash");
  });

  it("needs two to eight distinct tokens with at most 18 decimals", async () => {
    const { hummus, registry, usdc, usdt, admin } = await loadFixture(dappsFixture);
    const factory = await ethers.getContractFactory("MockHummusPool");
    await expect(factory.deploy(registry.target, [usdc.target])).to.be.revertedWithCustomError(
      hummus,
      "InvalidAssets",
    );
    await expect(
      factory.deploy(registry.target, [usdc.target, usdc.target]),
    ).to.be.revertedWithCustomError(hummus, "InvalidAssets");
    await expect(
      factory.deploy(registry.target, Array(9).fill(usdc.target)),
    ).to.be.revertedWithCustomError(hummus, "InvalidAssets");
    const unregistered = await ethers.deployContract("PointsRegistry", [
      admin.address,
      admin.address,
    ]);
    await expect(factory.deploy(unregistered.target, [usdc.target, usdt.target]))
      .to.be.revertedWithCustomError(registry, "UnknownActionKey")
      .withArgs("hummus.swap");
  });
});
