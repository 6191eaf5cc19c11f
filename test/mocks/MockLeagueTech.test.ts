import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { dappsFixture, expectNoRecord, expectOneRecord, USD } from "./dapps.fixture";

describe("MockLeagueTech (League.Tech)", () => {
  describe("keys", () => {
    it("sells keys along the linear curve and reports league.trade-keys", async () => {
      const { league, registry, usdc, alice, carol } = await loadFixture(dappsFixture);
      // keys 1..3 cost 1 + 2 + 3 steps
      expect(await league.buyCost(0, 3)).to.equal(USD(6));
      const tx = await league.connect(alice).buyKeys(carol.address, 3, USD(6));
      await expect(tx)
        .to.emit(league, "KeysTraded")
        .withArgs(alice.address, carol.address, true, 3, USD(6), 3);
      await expect(tx).to.changeTokenBalances(usdc, [alice, league], [-USD(6), USD(6)]);
      await expectOneRecord(registry, league, tx, alice.address, "league.trade-keys");
      expect(await league.keySupply(carol.address)).to.equal(3);
      expect(await league.keysOf(carol.address, alice.address)).to.equal(3);
      expect(await league.keyPrice(carol.address)).to.equal(USD(3));
    });

    it("buys keys back along the curve, so the reserve always covers every holder", async () => {
      const { league, registry, usdc, alice, bob, carol } = await loadFixture(dappsFixture);
      await league.connect(alice).buyKeys(carol.address, 2, USD(3)); // keys 1, 2
      await league.connect(bob).buyKeys(carol.address, 3, USD(12)); // keys 3, 4, 5
      expect(await usdc.balanceOf(league.target)).to.equal(USD(15));
      const tx = await league.connect(alice).sellKeys(carol.address, 2, USD(9)); // keys 5, 4
      await expect(tx)
        .to.emit(league, "KeysTraded")
        .withArgs(alice.address, carol.address, false, 2, USD(9), 3);
      await expect(tx).to.changeTokenBalances(usdc, [alice, league], [USD(9), -USD(9)]);
      await expectOneRecord(registry, league, tx, alice.address, "league.trade-keys");
      await league.connect(bob).sellKeys(carol.address, 3, USD(6));
      expect(await usdc.balanceOf(league.target)).to.equal(0);
    });

    it("refuses bad key trades", async () => {
      const { league, alice, carol } = await loadFixture(dappsFixture);
      const l = league.connect(alice);
      await expect(l.buyKeys(ethers.ZeroAddress, 1, USD(1))).to.be.revertedWithCustomError(
        league,
        "ZeroSubject",
      );
      await expect(l.buyKeys(carol.address, 0, 0)).to.be.revertedWithCustomError(
        league,
        "ZeroAmount",
      );
      await expect(l.buyKeys(carol.address, 2, USD(2)))
        .to.be.revertedWithCustomError(league, "SlippageExceeded")
        .withArgs(USD(3), USD(2));
      await expect(l.sellKeys(carol.address, 0, 0)).to.be.revertedWithCustomError(
        league,
        "ZeroAmount",
      );
      await expect(l.sellKeys(carol.address, 1, 0))
        .to.be.revertedWithCustomError(league, "InsufficientKeys")
        .withArgs(carol.address, 0, 1);
      await l.buyKeys(carol.address, 2, USD(3));
      await expect(l.sellKeys(carol.address, 1, USD(3))).to.be.revertedWithCustomError(
        league,
        "SlippageExceeded",
      );
    });
  });

  describe("shorts", () => {
    /** Carol's keys at supply 10 (price 10 steps); the short pool holds 100 tUSDC. */
    async function shortFixture() {
      const f = await dappsFixture();
      await f.league.connect(f.bob).buyKeys(f.carol.address, 10, USD(55));
      await f.league.fundShortPool(USD(100));
      return f;
    }

    it("opens a fully collateralised short and reports league.open-short", async () => {
      const { league, registry, usdc, alice, carol } = await loadFixture(shortFixture);
      const tx = await league.connect(alice).openShort(carol.address, 4);
      await expect(tx)
        .to.emit(league, "ShortOpened")
        .withArgs(1, alice.address, carol.address, 4, USD(10), USD(40));
      await expect(tx).to.changeTokenBalances(usdc, [alice, league], [-USD(40), USD(40)]);
      await expectOneRecord(registry, league, tx, alice.address, "league.open-short");
    });

    it("pays a falling price's gain from the short pool and keeps a rising price's loss in it", async () => {
      const { league, registry, usdc, alice, bob, carol } = await loadFixture(shortFixture);
      await league.connect(alice).openShort(carol.address, 4); // entry 10, collateral 40
      await league.connect(bob).sellKeys(carol.address, 3, 0); // price 7
      const win = await league.connect(alice).closeShort(1);
      await expect(win).to.emit(league, "ShortClosed").withArgs(1, USD(7), USD(52));
      await expect(win).to.changeTokenBalance(usdc, alice, USD(52));
      await expectNoRecord(registry, win);
      expect(await league.shortPool()).to.equal(USD(88));

      await league.connect(alice).openShort(carol.address, 2); // entry 7, collateral 14
      await league.connect(bob).buyKeys(carol.address, 20, USD(1_000)); // price 27: loss capped at collateral
      await expect(league.connect(alice).closeShort(2))
        .to.emit(league, "ShortClosed")
        .withArgs(2, USD(27), 0);
      expect(await league.shortPool()).to.equal(USD(102));
    });

    it("refuses bad shorts", async () => {
      const { league, alice, bob, carol } = await loadFixture(shortFixture);
      const l = league.connect(alice);
      await expect(l.fundShortPool(0)).to.be.revertedWithCustomError(league, "ZeroAmount");
      await expect(l.openShort(carol.address, 0)).to.be.revertedWithCustomError(
        league,
        "ZeroAmount",
      );
      await expect(l.openShort(carol.address, 11))
        .to.be.revertedWithCustomError(league, "InsufficientSupply")
        .withArgs(carol.address, 10, 11);
      await expect(l.closeShort(1))
        .to.be.revertedWithCustomError(league, "UnknownShort")
        .withArgs(1);
      await l.openShort(carol.address, 10);
      await expect(league.connect(bob).closeShort(1))
        .to.be.revertedWithCustomError(league, "NotShortOwner")
        .withArgs(1, bob.address);
      await league.connect(bob).buyKeys(carol.address, 1, USD(11)); // price 11: short #1 loses 10
      await l.closeShort(1);
      await expect(l.closeShort(1))
        .to.be.revertedWithCustomError(league, "ShortAlreadyClosed")
        .withArgs(1);
      await l.openShort(carol.address, 1); // #2
      await expect(l.closeShort(2)).to.emit(league, "ShortClosed");
    });

    it("cannot pay a gain the short pool does not hold", async () => {
      const { league, alice, bob, carol } = await loadFixture(dappsFixture);
      await league.connect(bob).buyKeys(carol.address, 10, USD(55));
      await league.connect(alice).openShort(carol.address, 5); // entry 10
      await league.connect(bob).sellKeys(carol.address, 5, 0); // price 5: gain 25, pool empty
      await expect(league.connect(alice).closeShort(1))
        .to.be.revertedWithCustomError(league, "InsufficientShortPool")
        .withArgs(0, USD(25));
    });
  });

  describe("leagues", () => {
    it("are created with a seeded pot and report league.create-league", async () => {
      const { league, registry, usdc, alice } = await loadFixture(dappsFixture);
      const tx = await league.connect(alice).createLeague("Friday five-a-side", USD(50));
      await expect(tx)
        .to.emit(league, "LeagueCreated")
        .withArgs(1, alice.address, "Friday five-a-side", USD(50));
      await expect(tx).to.changeTokenBalances(usdc, [alice, league], [-USD(50), USD(50)]);
      await expectOneRecord(registry, league, tx, alice.address, "league.create-league");
    });

    it("take bets on either side, reporting league.bet, and pay the winners pro rata", async () => {
      const { league, registry, usdc, alice, bob, carol } = await loadFixture(dappsFixture);
      await league.connect(alice).createLeague("Derby", USD(30));
      const tx = await league.connect(bob).bet(1, 0, USD(60));
      await expect(tx).to.emit(league, "BetPlaced").withArgs(1, bob.address, 0, USD(60));
      await expectOneRecord(registry, league, tx, bob.address, "league.bet");
      await league.connect(carol).bet(1, 0, USD(30));
      await league.connect(alice).bet(1, 1, USD(90));
      expect(await league.betsOf(1, bob.address)).to.deep.equal([USD(60), 0n]);
      await expect(league.connect(alice).settle(1, 0))
        .to.emit(league, "LeagueSettled")
        .withArgs(1, 0);
      // pot 210, winning stake 90: Bob gets 140, Carol 70
      await expect(league.connect(bob).claim(1)).to.changeTokenBalance(usdc, bob, USD(140));
      await expect(league.connect(carol).claim(1))
        .to.emit(league, "WinningsClaimed")
        .withArgs(1, carol.address, USD(70));
      await expect(league.connect(bob).claim(1))
        .to.be.revertedWithCustomError(league, "NothingToClaim")
        .withArgs(1, bob.address);
      await expect(league.connect(alice).claim(1)).to.be.revertedWithCustomError(
        league,
        "NothingToClaim",
      );
      expect(await usdc.balanceOf(league.target)).to.equal(0);
    });

    it("give the creator the pot when nobody backed the winning side", async () => {
      const { league, usdc, alice, bob } = await loadFixture(dappsFixture);
      await league.connect(alice).createLeague("Derby", USD(30));
      await league.connect(bob).bet(1, 1, USD(20));
      await league.connect(alice).settle(1, 0);
      await expect(league.connect(bob).claim(1)).to.be.revertedWithCustomError(
        league,
        "NothingToClaim",
      );
      await expect(league.connect(alice).claim(1)).to.changeTokenBalance(usdc, alice, USD(50));
      await expect(league.connect(alice).claim(1)).to.be.revertedWithCustomError(
        league,
        "NothingToClaim",
      );
      const l = await league.getLeague(1);
      expect([l.creator, l.settled, l.winningSide, l.seed]).to.deep.equal([
        alice.address,
        true,
        0n,
        0n,
      ]);
    });

    it("refuse bad input", async () => {
      const { league, alice, bob } = await loadFixture(dappsFixture);
      const l = league.connect(alice);
      await expect(l.createLeague("", USD(1)))
        .to.be.revertedWithCustomError(league, "InvalidLeagueName")
        .withArgs("");
      await expect(l.createLeague("x".repeat(65), USD(1))).to.be.revertedWithCustomError(
        league,
        "InvalidLeagueName",
      );
      await expect(l.createLeague("X", 0)).to.be.revertedWithCustomError(league, "ZeroAmount");
      await expect(l.bet(1, 0, 1))
        .to.be.revertedWithCustomError(league, "UnknownLeague")
        .withArgs(1);
      await expect(league.getLeague(1)).to.be.revertedWithCustomError(league, "UnknownLeague");
      await l.createLeague("X", USD(1));
      await expect(l.bet(1, 2, 1))
        .to.be.revertedWithCustomError(league, "InvalidSide")
        .withArgs(2);
      await expect(l.bet(1, 0, 0)).to.be.revertedWithCustomError(league, "ZeroAmount");
      await expect(l.claim(1))
        .to.be.revertedWithCustomError(league, "LeagueNotSettled")
        .withArgs(1);
      await expect(league.connect(bob).settle(1, 0))
        .to.be.revertedWithCustomError(league, "NotLeagueCreator")
        .withArgs(1, bob.address);
      await expect(l.settle(1, 2)).to.be.revertedWithCustomError(league, "InvalidSide").withArgs(2);
      await l.settle(1, 1);
      await expect(l.settle(1, 1))
        .to.be.revertedWithCustomError(league, "LeagueAlreadySettled")
        .withArgs(1);
      await expect(l.bet(1, 0, 1))
        .to.be.revertedWithCustomError(league, "LeagueAlreadySettled")
        .withArgs(1);
    });

    it("refuse a zero key price step at deployment", async () => {
      const { league, registry, usdc } = await loadFixture(dappsFixture);
      const factory = await ethers.getContractFactory("MockLeagueTech");
      await expect(factory.deploy(registry.target, usdc.target, 0)).to.be.revertedWithCustomError(
        league,
        "ZeroAmount",
      );
    });
  });
});
