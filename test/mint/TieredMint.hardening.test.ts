/**
 * The attacks on the mint, performed and shown to fail: a factory of minion contracts taking the
 * top tier many times in one transaction (open mode refuses contract callers), and a voucher
 * registrar that is a smart account (ERC-1271) approving, refusing or misbehaving.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { SEASON1_BASKET, SEASON1_TIERS } from "../../src/mint/season1";
import { voucherDomain, VOUCHER_TYPES } from "../../src/mint/voucher";
import { deployTieredMint, season1OpenFixture } from "./TieredMint.fixture";

async function walletRegistrarFixture() {
  const [, registrarOwner] = await ethers.getSigners();
  const wallet = await ethers.deployContract("ERC1271Wallet", [registrarOwner.address]);
  const f = await deployTieredMint({
    mode: "voucher",
    registrar: await wallet.getAddress(),
    tiers: SEASON1_TIERS,
    basket: SEASON1_BASKET,
  });
  return { ...f, wallet, registrarOwner };
}

describe("TieredMint: hardening", () => {
  describe("open mode refuses contract callers", () => {
    it("refuses a factory whose 50 minion contracts each claim and forward a basket, in one transaction", async () => {
      const { mint, tokens, alice } = await loadFixture(season1OpenFixture);
      const factory = await ethers.deployContract("MinionFactory");
      const addresses = await Promise.all(tokens.map((t) => t.getAddress()));
      await expect(
        factory.connect(alice).attack(await mint.getAddress(), addresses, 50),
      ).to.be.revertedWithCustomError(mint, "MintCallerNotOrigin");
      expect(await mint.claimCount()).to.equal(0n);
      for (const token of tokens) expect(await token.balanceOf(alice.address)).to.equal(0n);
    });

    it("names the contract and the origin, and still serves the EOA itself", async () => {
      const { mint, alice } = await loadFixture(season1OpenFixture);
      const factory = await ethers.deployContract("MinionFactory");
      await expect(factory.connect(alice).claimOnce(await mint.getAddress()))
        .to.be.revertedWithCustomError(mint, "MintCallerNotOrigin")
        .withArgs(await factory.getAddress(), alice.address);
      await expect(mint.connect(alice).claim()).to.emit(mint, "Claimed");
    });
  });

  describe("an ERC-1271 registrar (a multisig or smart account)", () => {
    async function signed(f: Awaited<ReturnType<typeof walletRegistrarFixture>>, account: string) {
      const deadline = BigInt(await time.latest()) + 3_600n;
      const { chainId } = await ethers.provider.getNetwork();
      const domain = voucherDomain(chainId, await f.mint.getAddress());
      const voucher = { account, deadline };
      return {
        voucher,
        byOwner: await f.registrarOwner.signTypedData(domain, VOUCHER_TYPES, voucher),
        byStranger: await f.bob.signTypedData(domain, VOUCHER_TYPES, voucher),
      };
    }

    it("accepts a voucher its account approves", async () => {
      const f = await loadFixture(walletRegistrarFixture);
      const { voucher, byOwner } = await signed(f, f.alice.address);
      await expect(f.mint.connect(f.alice).claimWithVoucher(voucher, byOwner))
        .to.emit(f.mint, "Claimed")
        .withArgs(f.alice.address, 1n, 0n, 10_000n, (x: unknown) => Array.isArray(x));
    });

    it("refuses a voucher it does not approve, or when it answers wrongly or reverts", async () => {
      const f = await loadFixture(walletRegistrarFixture);
      const wallet = await f.wallet.getAddress();
      const { voucher, byOwner, byStranger } = await signed(f, f.alice.address);
      await expect(f.mint.connect(f.alice).claimWithVoucher(voucher, byStranger))
        .to.be.revertedWithCustomError(f.mint, "MintVoucherWrongSigner")
        .withArgs(f.bob.address, wallet);
      for (const mode of [1, 2, 3]) {
        await f.wallet.setMode(mode);
        await expect(f.mint.connect(f.alice).claimWithVoucher(voucher, byOwner))
          .to.be.revertedWithCustomError(f.mint, "MintVoucherWrongSigner")
          .withArgs(f.registrarOwner.address, wallet);
      }
      expect(await f.mint.claimCount()).to.equal(0n);
    });

    it("can replace an EOA registrar (setRegistrar), after which the EOA's vouchers fail", async () => {
      const f = await loadFixture(walletRegistrarFixture);
      const { voucher, byOwner } = await signed(f, f.alice.address);
      await f.mint.connect(f.admin).setRegistrar(f.registrarOwner.address);
      await expect(f.mint.connect(f.alice).claimWithVoucher(voucher, byOwner)).to.emit(
        f.mint,
        "Claimed",
      );
      await f.mint.connect(f.admin).setRegistrar(await f.wallet.getAddress());
      const second = await signed(f, f.carol.address);
      await expect(
        f.mint.connect(f.carol).claimWithVoucher(second.voucher, second.byStranger),
      ).to.be.revertedWithCustomError(f.mint, "MintVoucherWrongSigner");
    });
  });
});
