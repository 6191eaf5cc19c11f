import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { ContractTransactionResponse } from "ethers";
import {
  dappsFixture,
  dappsReportRef,
  expectNoRecord,
  expectOneRecord,
  USD,
  WAD,
} from "./dapps.fixture";

describe("The five season dApps together", () => {
  it("report exactly one record per action, each with a ref never seen before; Netswap reports none", async () => {
    const f = await loadFixture(dappsFixture);
    const {
      registry,
      alice,
      bob,
      carol,
      usdc,
      usdt,
      weth,
      netswap,
      hummus,
      tethys,
      midas,
      league,
    } = f;
    await tethys.fund(usdc.target, USD(100_000));
    await tethys.fund(weth.target, WAD(10));
    await league.fundShortPool(USD(1_000));
    await hummus.connect(bob).deposit(usdt.target, USD(10_000));

    const refs: string[] = [];
    const one = async (
      dapp: Parameters<typeof expectOneRecord>[1],
      tx: Promise<ContractTransactionResponse>,
      who: string,
      key: string,
    ) => refs.push(await expectOneRecord(registry, dapp, await tx, who, key));

    await one(
      hummus,
      hummus.connect(alice).deposit(usdc.target, USD(100)),
      alice.address,
      "hummus.deposit",
    );
    await one(
      hummus,
      hummus.connect(alice).swap(usdc.target, usdt.target, USD(10), 0, alice.address),
      alice.address,
      "hummus.swap",
    );
    await one(
      tethys,
      tethys.connect(alice).swap(usdc.target, USD(300), 0),
      alice.address,
      "tethys.swap",
    );
    await one(
      tethys,
      tethys.connect(alice).openPosition(true, USD(100), 3),
      alice.address,
      "tethys.open-position",
    );
    await one(
      tethys,
      tethys.connect(bob).openPosition(false, USD(100), 3),
      bob.address,
      "tethys.open-position",
    );
    await one(
      tethys,
      tethys.connect(alice).closePosition(1),
      alice.address,
      "tethys.close-position",
    );
    await one(tethys, tethys.connect(alice).stakeTlp(WAD(1)), alice.address, "tethys.stake-tlp");
    await one(midas, midas.connect(alice).buyTicket(), alice.address, "midas.buy-ticket");
    await one(midas, midas.connect(alice).buyTicket(), alice.address, "midas.buy-ticket");
    await one(
      league,
      league.connect(alice).buyKeys(carol.address, 2, USD(3)),
      alice.address,
      "league.trade-keys",
    );
    await one(
      league,
      league.connect(alice).sellKeys(carol.address, 1, 0),
      alice.address,
      "league.trade-keys",
    );
    await one(
      league,
      league.connect(bob).openShort(carol.address, 1),
      bob.address,
      "league.open-short",
    );
    await one(
      league,
      league.connect(bob).createLeague("Derby", USD(5)),
      bob.address,
      "league.create-league",
    );
    await one(league, league.connect(alice).bet(1, 0, USD(5)), alice.address, "league.bet");
    expect(new Set(refs).size).to.equal(refs.length);
    // refs are the dApp's sequence: (chain, dApp, n) — reproducible by anyone
    expect(refs[2]).to.equal(await dappsReportRef(tethys, 1n));

    const wethIs0 = (await netswap.token0()) === weth.target;
    const [a0, a1] = wethIs0 ? [WAD(10), USD(30_000)] : [USD(30_000), WAD(10)];
    await expectNoRecord(registry, await netswap.connect(alice).addLiquidity(a0, a1, 0));
    await expectNoRecord(
      registry,
      await netswap.connect(alice).swap(usdc.target, USD(100), 0, alice.address),
    );
  });

  it("fail entirely, moving nothing, when the dApp is not (or no longer) an authorised reporter", async () => {
    const { registry, dappIds, midas, usdc, alice } = await loadFixture(dappsFixture);
    await registry.removeReporter(dappIds.get("Midas Games")!, midas.target);
    const before = await usdc.balanceOf(alice.address);
    await expect(midas.connect(alice).buyTicket())
      .to.be.revertedWithCustomError(registry, "NotReporterOfDApp")
      .withArgs(
        midas.target,
        await registry.actionId("midas.buy-ticket"),
        dappIds.get("Midas Games")!,
      );
    expect(await usdc.balanceOf(alice.address)).to.equal(before);
    expect(await midas.ticketCount(1)).to.equal(0);
  });

  it("cannot report for another dApp: a stand-in authorised for the wrong dApp is refused", async () => {
    const { registry, dappIds, midas, alice } = await loadFixture(dappsFixture);
    await registry.removeReporter(dappIds.get("Midas Games")!, midas.target);
    await registry.addReporter(dappIds.get("League.Tech")!, midas.target);
    await expect(midas.connect(alice).buyTicket()).to.be.revertedWithCustomError(
      registry,
      "NotReporterOfDApp",
    );
  });

  it("stop while the registry is paused", async () => {
    const { registry, hummus, usdc, alice } = await loadFixture(dappsFixture);
    await registry.pause();
    await expect(hummus.connect(alice).deposit(usdc.target, USD(1))).to.be.revertedWithCustomError(
      registry,
      "EnforcedPause",
    );
  });
});
