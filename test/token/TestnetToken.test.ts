import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";

async function deployTokens() {
  const [admin, minter, alice, bob] = await ethers.getSigners();
  const usdc = await ethers.deployContract("TestnetToken", [
    "Testnet USD Coin",
    "tUSDC",
    6,
    admin.address,
  ]);
  const wbtc = await ethers.deployContract("TestnetToken", [
    "Testnet Wrapped BTC",
    "tWBTC",
    8,
    admin.address,
  ]);
  const weth = await ethers.deployContract("TestnetToken", [
    "Testnet Wrapped Ether",
    "tWETH",
    18,
    admin.address,
  ]);
  await usdc.grantRole(await usdc.MINTER_ROLE(), minter.address);
  return { usdc, wbtc, weth, admin, minter, alice, bob };
}

describe("TestnetToken", () => {
  it("has the decimals chosen at deployment", async () => {
    const { usdc, wbtc, weth } = await loadFixture(deployTokens);
    expect(await usdc.decimals()).to.equal(6n);
    expect(await wbtc.decimals()).to.equal(8n);
    expect(await weth.decimals()).to.equal(18n);
    expect(await usdc.symbol()).to.equal("tUSDC");
  });

  it("rejects a zero admin and decimals above 18", async () => {
    const { usdc, admin } = await loadFixture(deployTokens);
    const factory = await ethers.getContractFactory("TestnetToken");
    await expect(factory.deploy("X", "X", 18, ethers.ZeroAddress)).to.be.revertedWithCustomError(
      usdc,
      "TestnetTokenZeroAdmin",
    );
    await expect(factory.deploy("X", "X", 19, admin.address))
      .to.be.revertedWithCustomError(usdc, "TestnetTokenInvalidDecimals")
      .withArgs(19);
  });

  it("mints only for holders of MINTER_ROLE", async () => {
    const { usdc, minter, alice } = await loadFixture(deployTokens);
    await expect(usdc.connect(minter).mint(alice.address, 5_000_000n))
      .to.emit(usdc, "Transfer")
      .withArgs(ethers.ZeroAddress, alice.address, 5_000_000n);
    expect(await usdc.balanceOf(alice.address)).to.equal(5_000_000n);
    await expect(usdc.connect(alice).mint(alice.address, 1n))
      .to.be.revertedWithCustomError(usdc, "AccessControlUnauthorizedAccount")
      .withArgs(alice.address, await usdc.MINTER_ROLE());
  });

  it("lets the admin revoke a minter", async () => {
    const { usdc, minter, alice } = await loadFixture(deployTokens);
    await usdc.revokeRole(await usdc.MINTER_ROLE(), minter.address);
    await expect(usdc.connect(minter).mint(alice.address, 1n)).to.be.revertedWithCustomError(
      usdc,
      "AccessControlUnauthorizedAccount",
    );
  });

  it("accepts an EIP-2612 permit and refuses its replay", async () => {
    const { usdc, minter, alice, bob } = await loadFixture(deployTokens);
    await usdc.connect(minter).mint(alice.address, 100n);
    const deadline = (await time.latest()) + 3600;
    const { chainId } = await ethers.provider.getNetwork();
    const domain = {
      name: "Testnet USD Coin",
      version: "1",
      chainId,
      verifyingContract: await usdc.getAddress(),
    };
    const types = {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    };
    const message = { owner: alice.address, spender: bob.address, value: 60n, nonce: 0n, deadline };
    const sig = ethers.Signature.from(await alice.signTypedData(domain, types, message));
    await usdc.connect(bob).permit(alice.address, bob.address, 60n, deadline, sig.v, sig.r, sig.s);
    expect(await usdc.allowance(alice.address, bob.address)).to.equal(60n);
    await usdc.connect(bob).transferFrom(alice.address, bob.address, 60n);
    expect(await usdc.balanceOf(bob.address)).to.equal(60n);
    await expect(
      usdc.connect(bob).permit(alice.address, bob.address, 60n, deadline, sig.v, sig.r, sig.s),
    ).to.be.revertedWithCustomError(usdc, "ERC2612InvalidSigner");
  });
});
