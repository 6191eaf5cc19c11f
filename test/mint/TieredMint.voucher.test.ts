import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import type { Signer } from "ethers";
import type { TieredMint } from "../../typechain-types";
import { quote } from "../../src/mint/quote";
import { SEASON1_BASKET, SEASON1_TIERS } from "../../src/mint/season1";
import { voucherDomain, VOUCHER_TYPES } from "../../src/mint/voucher";
import { season1VoucherFixture } from "./TieredMint.fixture";
import { underCoverage } from "../helpers/coverage";

const VOUCHER = 1n;

interface Domain {
  chainId?: bigint;
  verifyingContract?: string;
}

/** `signer`'s EIP-712 signature of Voucher(account, deadline) for `mint` (or another domain). */
async function signVoucher(
  signer: Signer,
  mint: TieredMint,
  account: string,
  deadline: bigint,
  domain: Domain = {},
): Promise<string> {
  const { chainId } = await ethers.provider.getNetwork();
  const d = voucherDomain(
    domain.chainId ?? chainId,
    domain.verifyingContract ?? (await mint.getAddress()),
  );
  return signer.signTypedData(d, VOUCHER_TYPES, { account, deadline });
}

async function inAnHour(): Promise<bigint> {
  return BigInt(await time.latest()) + 3_600n;
}

describe("TieredMint vouchers", () => {
  it("lets the voucher's account claim once, up to and including the deadline", async () => {
    const { mint, registrar, alice } = await loadFixture(season1VoucherFixture);
    const deadline = await inAnHour();
    const sig = await signVoucher(registrar, mint, alice.address, deadline);
    const want = quote(1n, SEASON1_TIERS, SEASON1_BASKET);
    await time.setNextBlockTimestamp(deadline);
    await expect(mint.connect(alice).claimWithVoucher({ account: alice.address, deadline }, sig))
      .to.emit(mint, "Claimed")
      .withArgs(alice.address, 1, 0, 10_000, want.amounts);
    expect((await mint.claims(alice.address)).dollars).to.equal(10_000n);
  });

  it("computes the digest the off-chain library signs", async () => {
    const { mint, alice } = await loadFixture(season1VoucherFixture);
    const { chainId } = await ethers.provider.getNetwork();
    const voucher = { account: alice.address, deadline: 123n };
    expect(await mint.voucherDigest(voucher)).to.equal(
      ethers.TypedDataEncoder.hash(
        voucherDomain(chainId, await mint.getAddress()),
        VOUCHER_TYPES,
        voucher,
      ),
    );
    expect(await mint.VOUCHER_TYPEHASH()).to.equal(
      ethers.id("Voucher(address account,uint256 deadline)"),
    );
  });

  it("refuses a voucher signed by anyone but the registrar", async () => {
    const { mint, registrar, alice } = await loadFixture(season1VoucherFixture);
    const deadline = await inAnHour();
    const sig = await signVoucher(alice, mint, alice.address, deadline);
    await expect(mint.connect(alice).claimWithVoucher({ account: alice.address, deadline }, sig))
      .to.be.revertedWithCustomError(mint, "MintVoucherWrongSigner")
      .withArgs(alice.address, registrar.address);
  });

  it("refuses an expired voucher", async () => {
    const { mint, registrar, alice } = await loadFixture(season1VoucherFixture);
    const deadline = await inAnHour();
    const sig = await signVoucher(registrar, mint, alice.address, deadline);
    await time.setNextBlockTimestamp(deadline + 1n);
    await expect(mint.connect(alice).claimWithVoucher({ account: alice.address, deadline }, sig))
      .to.be.revertedWithCustomError(mint, "MintVoucherExpired")
      .withArgs(deadline, deadline + 1n);
  });

  it("refuses another account's voucher (copied from the mempool)", async () => {
    const { mint, registrar, alice, bob } = await loadFixture(season1VoucherFixture);
    const deadline = await inAnHour();
    const sig = await signVoucher(registrar, mint, alice.address, deadline);
    await expect(mint.connect(bob).claimWithVoucher({ account: alice.address, deadline }, sig))
      .to.be.revertedWithCustomError(mint, "MintVoucherWrongAccount")
      .withArgs(alice.address, bob.address);
    // rewriting the account to the thief's breaks the signature
    await expect(mint.connect(bob).claimWithVoucher({ account: bob.address, deadline }, sig))
      .to.be.revertedWithCustomError(mint, "MintVoucherWrongSigner")
      .withArgs(anyValue, registrar.address);
  });

  it("refuses a voucher with an extended deadline", async () => {
    const { mint, registrar, alice } = await loadFixture(season1VoucherFixture);
    const deadline = await inAnHour();
    const sig = await signVoucher(registrar, mint, alice.address, deadline);
    await expect(
      mint
        .connect(alice)
        .claimWithVoucher({ account: alice.address, deadline: deadline + 86_400n }, sig),
    ).to.be.revertedWithCustomError(mint, "MintVoucherWrongSigner");
  });

  it("refuses a voucher for another contract or another chain", async () => {
    const { mint, registrar, alice } = await loadFixture(season1VoucherFixture);
    const deadline = await inAnHour();
    const otherContract = await signVoucher(registrar, mint, alice.address, deadline, {
      verifyingContract: registrar.address,
    });
    const otherChain = await signVoucher(registrar, mint, alice.address, deadline, { chainId: 1n });
    for (const sig of [otherContract, otherChain]) {
      await expect(mint.connect(alice).claimWithVoucher({ account: alice.address, deadline }, sig))
        .to.be.revertedWithCustomError(mint, "MintVoucherWrongSigner")
        .withArgs((signer: string) => signer !== registrar.address, registrar.address);
    }
  });

  it("refuses a replayed voucher (one claim per account)", async () => {
    const { mint, registrar, alice } = await loadFixture(season1VoucherFixture);
    const deadline = await inAnHour();
    const sig = await signVoucher(registrar, mint, alice.address, deadline);
    await mint.connect(alice).claimWithVoucher({ account: alice.address, deadline }, sig);
    await expect(mint.connect(alice).claimWithVoucher({ account: alice.address, deadline }, sig))
      .to.be.revertedWithCustomError(mint, "MintAlreadyClaimed")
      .withArgs(alice.address, 1);
  });

  it("refuses malformed and malleated signatures", async () => {
    const { mint, registrar, alice } = await loadFixture(season1VoucherFixture);
    const deadline = await inAnHour();
    const sig = ethers.Signature.from(await signVoucher(registrar, mint, alice.address, deadline));
    const voucher = { account: alice.address, deadline };
    // A malformed or malleated signature recovers to no signer (OZ's ECDSA.tryRecover).
    await expect(mint.connect(alice).claimWithVoucher(voucher, sig.serialized.slice(0, 130)))
      .to.be.revertedWithCustomError(mint, "MintVoucherWrongSigner")
      .withArgs(ethers.ZeroAddress, registrar.address);
    // (r, n - s) with the other v is the same signature, malleated; OZ's ECDSA refuses high s
    const highS = ethers.toBeHex(ethers.N - BigInt(sig.s), 32);
    const malleated = ethers.concat([sig.r, highS, sig.v === 27 ? "0x1c" : "0x1b"]);
    await expect(mint.connect(alice).claimWithVoucher(voucher, malleated))
      .to.be.revertedWithCustomError(mint, "MintVoucherWrongSigner")
      .withArgs(ethers.ZeroAddress, registrar.address);
  });

  it("refuses a claim without a voucher", async () => {
    const { mint, alice } = await loadFixture(season1VoucherFixture);
    await expect(mint.connect(alice).claim())
      .to.be.revertedWithCustomError(mint, "MintWrongMode")
      .withArgs(VOUCHER);
  });

  it("checks the mint's state before the voucher", async () => {
    const { mint, registrar, alice } = await loadFixture(season1VoucherFixture);
    const deadline = await inAnHour();
    const sig = await signVoucher(registrar, mint, alice.address, deadline);
    await mint.close();
    await expect(
      mint.connect(alice).claimWithVoucher({ account: alice.address, deadline }, sig),
    ).to.be.revertedWithCustomError(mint, "MintIsClosed");
  });

  it("claims with a voucher within budget (5-token basket)", async function () {
    // solidity-coverage instruments the bytecode: budgets hold for the real build only
    if (underCoverage()) {
      this.skip();
    }
    const { mint, registrar, alice, bob } = await loadFixture(season1VoucherFixture);
    const deadline = await inAnHour();
    const used: bigint[] = [];
    for (const claimer of [alice, bob]) {
      const sig = await signVoucher(registrar, mint, claimer.address, deadline);
      const tx = await mint
        .connect(claimer)
        .claimWithVoucher({ account: claimer.address, deadline }, sig);
      used.push((await tx.wait())!.gasUsed);
    }
    // first claim ever (token supplies go from zero), then a typical one
    expect(used[0]).to.be.lessThan(352_000n);
    expect(used[1]).to.be.lessThan(266_000n);
  });

  describe("registrar rotation", () => {
    it("is the admin's, refuses zero, and retires the previous registrar's vouchers", async () => {
      const { mint, registrar, alice, bob, carol } = await loadFixture(season1VoucherFixture);
      const deadline = await inAnHour();
      const old = await signVoucher(registrar, mint, alice.address, deadline);
      await expect(mint.connect(alice).setRegistrar(alice.address))
        .to.be.revertedWithCustomError(mint, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, await mint.DEFAULT_ADMIN_ROLE());
      await expect(mint.setRegistrar(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(mint, "MintInvalidRegistrar")
        .withArgs(VOUCHER, ethers.ZeroAddress);
      await expect(mint.setRegistrar(carol.address))
        .to.emit(mint, "RegistrarSet")
        .withArgs(registrar.address, carol.address);
      expect(await mint.registrar()).to.equal(carol.address);
      await expect(mint.connect(alice).claimWithVoucher({ account: alice.address, deadline }, old))
        .to.be.revertedWithCustomError(mint, "MintVoucherWrongSigner")
        .withArgs(registrar.address, carol.address);
      const fresh = await signVoucher(carol, mint, bob.address, deadline);
      await expect(
        mint.connect(bob).claimWithVoucher({ account: bob.address, deadline }, fresh),
      ).to.emit(mint, "Claimed");
    });
  });
});
