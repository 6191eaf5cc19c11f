import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { dappsFixture, expectOneRecord, USD } from "./dapps.fixture";

describe("MockMidasLottery (Midas Games)", () => {
  it("sells a ticket into the round's pot and reports midas.buy-ticket", async () => {
    const { midas, registry, usdc, alice } = await loadFixture(dappsFixture);
    const tx = await midas.connect(alice).buyTicket();
    await expect(tx).to.emit(midas, "TicketBought").withArgs(1, alice.address, 0);
    await expect(tx).to.changeTokenBalances(usdc, [alice, midas], [-USD(10), USD(10)]);
    await expectOneRecord(registry, midas, tx, alice.address, "midas.buy-ticket");
    expect(await midas.potOf(1)).to.equal(USD(10));
    expect(await midas.ticketCount(1)).to.equal(1);
    expect(await midas.ticketOwner(1, 0)).to.equal(alice.address);
  });

  it("draws a round: the whole pot goes to a ticket holder and the next round opens", async () => {
    const { midas, usdc, alice, bob, admin } = await loadFixture(dappsFixture);
    await midas.connect(alice).buyTicket();
    await midas.connect(bob).buyTicket();
    await midas.connect(bob).buyTicket();
    const before = [await usdc.balanceOf(alice.address), await usdc.balanceOf(bob.address)];
    const tx = await midas.connect(admin).draw();
    const receipt = (await tx.wait())!;
    const drawn = receipt.logs
      .map((l) => midas.interface.parseLog(l))
      .find((e) => e?.name === "Drawn")!;
    const winner = drawn.args.winner as string;
    expect(drawn.args.round).to.equal(1);
    expect(drawn.args.pot).to.equal(USD(30));
    expect(winner).to.equal(await midas.ticketOwner(1, drawn.args.ticket));
    const after = [await usdc.balanceOf(alice.address), await usdc.balanceOf(bob.address)];
    const gains = [after[0] - before[0], after[1] - before[1]];
    expect(gains).to.deep.equal(winner === alice.address ? [USD(30), 0n] : [0n, USD(30)]);
    expect(await usdc.balanceOf(midas.target)).to.equal(0);
    expect(await midas.round()).to.equal(2);
    expect(await midas.potOf(1)).to.equal(0);
  });

  it("refuses to draw an empty round, a non-owner's draw and a zero ticket price", async () => {
    const { midas, registry, usdc, alice, admin } = await loadFixture(dappsFixture);
    await expect(midas.connect(admin).draw())
      .to.be.revertedWithCustomError(midas, "NoTickets")
      .withArgs(1);
    await expect(midas.connect(alice).draw())
      .to.be.revertedWithCustomError(midas, "OwnableUnauthorizedAccount")
      .withArgs(alice.address);
    const factory = await ethers.getContractFactory("MockMidasLottery");
    await expect(
      factory.deploy(registry.target, usdc.target, 0, admin.address),
    ).to.be.revertedWithCustomError(midas, "ZeroTicketPrice");
  });

  it("cannot sell a ticket to someone who cannot pay", async () => {
    const { midas, usdc } = await loadFixture(dappsFixture);
    const [, , , , poor] = await ethers.getSigners();
    await usdc.connect(poor).approve(midas.target, ethers.MaxUint256);
    await expect(midas.connect(poor).buyTicket()).to.be.revertedWithCustomError(
      usdc,
      "ERC20InsufficientBalance",
    );
  });
});
