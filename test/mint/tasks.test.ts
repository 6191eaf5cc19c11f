import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { MINT_RECORD, type MintDeployment } from "../../deploy/mint";
import { tokenRecord } from "../../deploy/tokens";
import { mintConfigToJson } from "../../src/mint/config";
import { SEASON1_BASKET, SEASON1_TIERS } from "../../src/mint/season1";
import type { MintStatus } from "../../src/mint/status";
import {
  formatVoucherFile,
  parseVoucherFile,
  voucherDomain,
  voucherSigner,
  VOUCHER_KIND,
  VOUCHER_TYPES,
  type VoucherBatch,
  type VoucherFile,
} from "../../src/mint/voucher";
import { describeRevert, type ClaimResult } from "../../tasks/mint";
import { COMPACT_TIERS } from "./TieredMint.fixture";
import { saveEnv } from "../helpers/env";
import { deploymentRecordText, expectRefusal, runTask } from "../helpers/tasks";

function recordFile(): string {
  return path.join(process.env.DEPLOYMENTS_DIR!, "hardhat.json");
}

function editRecord(
  edit: (record: { chainId: number; contracts: Record<string, { address: string }> }) => void,
) {
  const record = JSON.parse(deploymentRecordText()!);
  edit(record);
  fs.writeFileSync(recordFile(), JSON.stringify(record));
}

function tmpFile(name: string): string {
  return path.join(process.env.DEPLOYMENTS_DIR!, name);
}

async function deploy(args: Record<string, unknown> = {}): Promise<MintDeployment> {
  return (await runTask<MintDeployment>("mint:deploy", args)).value;
}

async function deployedMint(d: MintDeployment) {
  return ethers.getContractAt("TieredMint", d.mint);
}

describe("mint tasks", () => {
  const restoreEnv = saveEnv(["DEPLOYMENTS_DIR"]);
  beforeEach(() => {
    process.env.DEPLOYMENTS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "mint-tasks-"));
  });
  after(restoreEnv);

  describe("mint:deploy", () => {
    it("deploys the Season 1 basket and mint, records them and grants MINTER_ROLE", async () => {
      const { value: result, out: output } = await runTask<MintDeployment>("mint:deploy");
      expect(result.deployed).to.deep.equal([
        ...SEASON1_BASKET.map((t) => tokenRecord(t.symbol)),
        MINT_RECORD,
      ]);
      expect(result.granted).to.deep.equal(SEASON1_BASKET.map((t) => t.symbol));
      const record = JSON.parse(deploymentRecordText()!);
      expect(record.contracts[MINT_RECORD].address).to.equal(result.mint);
      expect(record.contracts[MINT_RECORD].meta.tiers[4]).to.deep.equal({
        lastOrdinal: "open",
        dollars: "200",
      });
      const mint = await deployedMint(result);
      expect((await mint.tiers()).map((t) => t.dollars)).to.deep.equal(
        SEASON1_TIERS.map((t) => t.dollars),
      );
      for (const [i, t] of result.tokens.entries()) {
        expect(record.contracts[tokenRecord(t.symbol)].address).to.equal(t.address);
        const token = await ethers.getContractAt("TestnetToken", t.address);
        expect(await token.symbol()).to.equal(SEASON1_BASKET[i].symbol);
        expect(await token.decimals()).to.equal(BigInt(SEASON1_BASKET[i].decimals));
        expect(await token.hasRole(await token.MINTER_ROLE(), result.mint)).to.equal(true);
      }
      expect(output).to.match(/^TieredMint +0x[0-9a-fA-F]{40}$/m);
    });

    it("is idempotent: a second run reuses everything and sends nothing", async () => {
      const first = await deploy();
      const block = await ethers.provider.getBlockNumber();
      const record = deploymentRecordText();
      const second = await deploy();
      expect(second.deployed).to.deep.equal([]);
      expect(second.granted).to.deep.equal([]);
      expect(second.reused).to.have.length(6);
      expect(second.mint).to.equal(first.mint);
      expect(await ethers.provider.getBlockNumber()).to.equal(block);
      expect(deploymentRecordText()).to.equal(record);
    });

    it("redeploys what is recorded but has no code, reusing the rest", async () => {
      const first = await deploy();
      editRecord((r) => (r.contracts[MINT_RECORD].address = ethers.Wallet.createRandom().address));
      const second = await deploy();
      expect(second.deployed).to.deep.equal([MINT_RECORD]);
      expect(second.granted).to.deep.equal(SEASON1_BASKET.map((t) => t.symbol));
      expect(second.tokens).to.deep.equal(first.tokens);
      expect(second.mint).not.to.equal(first.mint);
    });

    it("refuses a live mint that does not match the configuration", async () => {
      await deploy();
      const [, registrar] = await ethers.getSigners();
      await expectRefusal(
        "mint:deploy",
        { mode: "voucher", registrar: registrar.address },
        /^TieredMint at 0x\w+ is in open mode, not voucher: remove it from .*hardhat\.json to deploy a new one/,
      );
      await expectRefusal(
        "mint:deploy",
        { openingTime: "1" },
        /TieredMint at 0x\w+ opens at \d+, not 1:/,
      );
      const compact = {
        ...mintConfigToJson({ mode: "open", tiers: COMPACT_TIERS, basket: SEASON1_BASKET }),
      };
      fs.writeFileSync(tmpFile("compact.json"), JSON.stringify(compact));
      await expectRefusal(
        "mint:deploy",
        { mintConfig: tmpFile("compact.json") },
        /has another tier table/,
      );
      editRecord(
        (r) => (r.contracts[tokenRecord("tUSDT")].address = ethers.Wallet.createRandom().address),
      );
      await expectRefusal("mint:deploy", {}, /TieredMint at 0x\w+ pays another basket/);
    });

    it("refuses a recorded token that is not the configured one", async () => {
      const first = await deploy();
      editRecord((r) => (r.contracts[tokenRecord("tUSDC")].address = first.tokens[2].address));
      await expectRefusal(
        "mint:deploy",
        {},
        /^TestnetToken:tUSDC at 0x\w+ is tWETH with 18 decimals, not tUSDC with 6: remove it/,
      );
    });

    it("refuses to reuse a token it cannot grant MINTER_ROLE on", async () => {
      const [, , alice] = await ethers.getSigners();
      await deploy();
      const foreign = await ethers.deployContract("TestnetToken", [
        "Testnet USD Coin",
        "tUSDC",
        6,
        alice.address,
      ]);
      editRecord((r) => {
        r.contracts[tokenRecord("tUSDC")].address = foreign.target as string;
        delete r.contracts[MINT_RECORD];
      });
      await expectRefusal(
        "mint:deploy",
        {},
        /cannot grant the mint MINTER_ROLE on tUSDC \(0x\w+\): it is not the token's admin/,
      );
    });

    it("deploys the configuration of --mint-config", async () => {
      const json = mintConfigToJson({
        mode: "open",
        openingTime: 5n,
        tiers: COMPACT_TIERS,
        basket: [{ ...SEASON1_BASKET[0], weightBps: 10_000 }],
      });
      fs.writeFileSync(tmpFile("mint.json"), JSON.stringify(json));
      const d = await deploy({ mintConfig: tmpFile("mint.json") });
      const mint = await deployedMint(d);
      expect(d.tokens.map((t) => t.symbol)).to.deep.equal(["tUSDC"]);
      expect(await mint.openingTime()).to.equal(5n);
      expect((await mint.tiers()).map((t) => t.lastOrdinal)).to.deep.equal(
        COMPACT_TIERS.map((t) => t.lastOrdinal),
      );
    });

    it("refuses bad arguments and configuration files with one line, before deploying", async () => {
      fs.writeFileSync(tmpFile("broken.json"), "{");
      fs.writeFileSync(
        tmpFile("bad.json"),
        JSON.stringify({ mode: "open", tiers: [], basket: [] }),
      );
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ mode: "closed" }, /^--mode: 'closed' is not one of open, voucher$/],
        [{ mode: "voucher" }, /^invalid mint configuration: voucher mode needs a registrar/],
        [{ registrar: "0x1234" }, /^--registrar: '0x1234' is not an address$/],
        [{ registrar: ethers.Wallet.createRandom().address }, /open mode takes no registrar/],
        [
          { openingTime: "tomorrow" },
          /^--opening-time: 'tomorrow' is not a time \(unix seconds, an ISO date/,
        ],
        [
          { mintConfig: tmpFile("missing.json") },
          /^--mint-config: cannot read .*missing\.json \(ENOENT\)$/,
        ],
        [{ mintConfig: tmpFile("broken.json") }, /^--mint-config: .*broken\.json: not valid JSON/],
        [
          { mintConfig: tmpFile("bad.json") },
          /bad\.json: the tier table needs 1 to 16 rows, not 0$/,
        ],
      ];
      for (const [args, pattern] of cases) await expectRefusal("mint:deploy", args, pattern);
      expect(deploymentRecordText()).to.equal(undefined);
    });

    it("refuses a deployment record written for another chain", async () => {
      await deploy();
      editRecord((r) => (r.chainId = 1));
      await expectRefusal(
        "mint:deploy",
        {},
        /hardhat\.json was written for chain 1 but network 'hardhat' is chain 31337$/,
      );
      await expectRefusal("mint:status", {}, /was written for chain 1/);
    });
  });

  describe("mint:claim", () => {
    it("claims the caller's basket and reports it", async () => {
      const d = await deploy();
      const [, , alice] = await ethers.getSigners();
      const mint = await deployedMint(d);
      const next = (await mint.claimCount()) + 1n;
      const { value: result, out: output } = await runTask<ClaimResult>("mint:claim", {
        from: alice.address,
      });
      expect(result.account).to.equal(alice.address);
      expect(result.ordinal).to.equal(next);
      expect(result.dollars).to.equal(10_000n);
      const [, , amounts] = await mint.quote(next);
      expect(result.amounts).to.deep.equal([...amounts]);
      const weth = await ethers.getContractAt("TestnetToken", d.tokens[2].address);
      expect(await weth.balanceOf(alice.address)).to.equal(amounts[2]);
      expect(result.tier).to.equal(1n);
      expect(output).to.include(`claimed: ordinal ${next}, tier 1, $10,000`);
      expect(output).to.match(/^tWBTC +0\.025$/m);
    });

    it("refuses when the mint is not deployed on the network", async () => {
      await expectRefusal(
        "mint:claim",
        {},
        /^TieredMint is not deployed on the in-process 'hardhat' network, which forgets everything/,
      );
      fs.writeFileSync(
        recordFile(),
        JSON.stringify({
          network: "hardhat",
          chainId: 31337,
          contracts: {
            [MINT_RECORD]: { address: ethers.Wallet.createRandom().address, blockNumber: 1 },
          },
        }),
      );
      await expectRefusal(
        "mint:claim",
        {},
        /^TieredMint is not deployed on the in-process 'hardhat' network/,
      );
    });

    it("refuses a bad or unknown --from", async () => {
      await deploy();
      await expectRefusal("mint:claim", { from: "alice" }, /^--from: 'alice' is not an address$/);
      const stranger = ethers.Wallet.createRandom().address;
      await expectRefusal(
        "mint:claim",
        { from: stranger },
        new RegExp(`^--from: ${stranger} is not an account of network 'hardhat'$`),
      );
    });

    it("refuses a second claim, a paused, a closed and a not yet open mint", async () => {
      const [admin, , alice, bob] = await ethers.getSigners();
      const opening = BigInt(await time.latest()) + 3_600n;
      const d = await deploy({ openingTime: opening.toString() });
      const mint = await deployedMint(d);
      await expectRefusal(
        "mint:claim",
        { from: alice.address },
        /^cannot claim for 0x\w+: the mint opens at .* \(\d+; chain time \d+\)$/,
      );
      await time.increaseTo(opening);
      await runTask("mint:claim", { from: alice.address });
      await expectRefusal(
        "mint:claim",
        { from: alice.address },
        /: this account has already claimed \(ordinal \d+\)$/,
      );
      await mint.connect(admin).pause();
      await expectRefusal("mint:claim", { from: bob.address }, /: the mint is paused$/);
      await mint.connect(admin).unpause();
      await mint.connect(admin).close();
      await expectRefusal("mint:claim", { from: bob.address }, /: the mint is closed$/);
    });

    it("refuses when the mint lacks MINTER_ROLE on a basket token", async () => {
      const d = await deploy();
      const wbtc = await ethers.getContractAt("TestnetToken", d.tokens[3].address);
      await wbtc.revokeRole(await wbtc.MINTER_ROLE(), d.mint);
      await expectRefusal(
        "mint:claim",
        {},
        /the mint lacks MINTER_ROLE on tWBTC: the token admin must grant it/,
      );
    });

    it("refuses a voucher on an open mint", async () => {
      const d = await deploy();
      const [, registrar, alice] = await ethers.getSigners();
      const { chainId } = await ethers.provider.getNetwork();
      const deadline = 2_000_000_000;
      const signature = await registrar.signTypedData(
        voucherDomain(chainId, d.mint),
        VOUCHER_TYPES,
        {
          account: alice.address,
          deadline,
        },
      );
      const file = tmpFile("v.json");
      fs.writeFileSync(
        file,
        formatVoucherFile({
          kind: VOUCHER_KIND,
          chainId: 31337,
          mint: d.mint,
          account: alice.address,
          deadline,
          signature,
        }),
      );
      await expectRefusal(
        "mint:claim",
        { from: alice.address, voucher: file },
        /: the mint is open to all: claim without --voucher$/,
      );
    });
  });

  describe("vouchers (mint:voucher, mint:claim --voucher)", () => {
    async function voucherMint() {
      const [admin, registrar, alice, bob] = await ethers.getSigners();
      const d = await deploy({ mode: "voucher", registrar: registrar.address });
      return { d, admin, registrar, alice, bob };
    }

    async function issue(account: string, extra: Record<string, unknown> = {}): Promise<string> {
      const out = tmpFile(`voucher-${account}-${Math.random()}.json`);
      await runTask("mint:voucher", { account, out, ...extra });
      return out;
    }

    it("signs a voucher file that mint:claim accepts", async () => {
      const { d, registrar, alice } = await voucherMint();
      const file = await issue(alice.address);
      const voucher = parseVoucherFile(fs.readFileSync(file, "utf8"), file);
      expect(voucher).to.include({ chainId: 31337, mint: d.mint, account: alice.address });
      expect(voucherSigner(voucher)).to.equal(registrar.address);
      expect(BigInt(voucher.deadline) - BigInt(await time.latest())).to.equal(604_801n);
      const { value: result } = await runTask<ClaimResult>("mint:claim", {
        from: alice.address,
        voucher: file,
      });
      expect(result.ordinal).to.equal(1n);
    });

    it("signs a whole allow-list into one batch file, which mint:claim reads per account", async () => {
      const { d, admin, registrar, alice, bob } = await voucherMint();
      const list = tmpFile(`allow-${Math.random()}.csv`);
      // A CSV with a header, a comment, a duplicate in another letter case, and the admin who
      // then claims before the batch is signed (no voucher for an account that has claimed).
      const carol = (await ethers.getSigners())[5];
      fs.writeFileSync(
        list,
        `address,handle\n${alice.address},alice\n# bob next\n${bob.address.toLowerCase()},bob\n${alice.address.toLowerCase()},dup\n${carol.address},carol\n`,
      );
      await runTask("mint:claim", {
        from: carol.address,
        voucher: await issue(carol.address),
      });
      const out = tmpFile(`batch-${Math.random()}.json`);
      const { value: batch, out: printed } = await runTask<VoucherBatch>("mint:voucher", {
        accounts: list,
        deadline: "+2d",
        out,
      });
      expect(printed).to.match(
        /^2 vouchers, valid until .*\(1 listed accounts have already claimed/m,
      );
      expect(batch).to.include({
        kind: "tiered-mint-vouchers",
        mint: d.mint,
        registrar: registrar.address,
      });
      expect(Object.keys(batch.vouchers)).to.deep.equal(
        [alice.address.toLowerCase(), bob.address.toLowerCase()].sort(),
      );
      expect(BigInt(batch.deadline) - BigInt(await time.latest())).to.equal(172_800n);
      expect(JSON.parse(fs.readFileSync(out, "utf8"))).to.deep.equal(
        JSON.parse(JSON.stringify(batch)),
      );
      for (const who of [bob, alice]) {
        const { value } = await runTask<ClaimResult>("mint:claim", {
          from: who.address,
          voucher: out,
        });
        expect(value.account).to.equal(who.address);
      }
      await expectRefusal(
        "mint:claim",
        { from: admin.address, voucher: out },
        new RegExp(`no voucher for ${admin.address} in this batch$`),
      );
      await expectRefusal(
        "mint:voucher",
        { accounts: `${alice.address},0x12`, out },
        /^--accounts: the list line 2: '0x12' is not an address$/,
      );
      await expectRefusal(
        "mint:voucher",
        { account: alice.address, accounts: list },
        /^give either --account \(one voucher\) or --accounts \(a batch file\)$/,
      );
      await expectRefusal(
        "mint:voucher",
        { accounts: "missing.csv" },
        /^--accounts: no file 'missing\.csv'/,
      );
    });

    it("prints the voucher when no --out is given, with the requested deadline", async () => {
      const { alice } = await voucherMint();
      const deadline = BigInt(await time.latest()) + 100n;
      const { value: result, out: output } = await runTask<VoucherFile>("mint:voucher", {
        account: alice.address,
        deadline: deadline.toString(),
      });
      expect(result.deadline).to.equal(Number(deadline));
      expect(parseVoucherFile(output, "stdout")).to.deep.equal(result);
    });

    it("refuses to claim in voucher mode without a voucher", async () => {
      await voucherMint();
      await expectRefusal(
        "mint:claim",
        {},
        /: the mint requires a voucher from its registrar: pass --voucher <file>$/,
      );
    });

    it("refuses missing, malformed and mismatched voucher files", async () => {
      const { d, registrar, alice, bob } = await voucherMint();
      const file = await issue(alice.address);
      const good = parseVoucherFile(fs.readFileSync(file, "utf8"), file);
      const write = (name: string, text: string) => {
        fs.writeFileSync(tmpFile(name), text);
        return tmpFile(name);
      };
      const signed = async (
        signer: typeof registrar,
        domain: { chainId: bigint; mint: string },
        account: string,
        deadline: number,
      ) =>
        write(
          `${Math.random()}.json`,
          formatVoucherFile({
            ...good,
            chainId: Number(domain.chainId),
            mint: domain.mint,
            account,
            deadline,
            signature: await signer.signTypedData(
              voucherDomain(domain.chainId, domain.mint),
              VOUCHER_TYPES,
              { account, deadline },
            ),
          }),
        );
      const here = { chainId: 31337n, mint: d.mint };
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ voucher: tmpFile("nope.json") }, /^--voucher: cannot read .*nope\.json \(ENOENT\)$/],
        [{ voucher: write("broken.json", "{") }, /broken\.json: not valid JSON/],
        [
          { voucher: write("schema.json", JSON.stringify({ ...good, signature: "0x" })) },
          /schema\.json: not a voucher file: signature: must be/,
        ],
        [
          { voucher: file, from: bob.address },
          new RegExp(`: the voucher is for ${alice.address}, not for ${bob.address}$`),
        ],
        [
          { voucher: await signed(alice, here, alice.address, good.deadline) },
          new RegExp(
            `the voucher is signed by ${alice.address}, not by the mint's registrar ${registrar.address}$`,
          ),
        ],
        [
          { voucher: await signed(registrar, here, alice.address, 1) },
          /: the voucher expired at 1970-01-01T00:00:01.000Z \(deadline 1, chain time \d+\)$/,
        ],
        [
          {
            voucher: await signed(
              registrar,
              { ...here, chainId: 1n },
              alice.address,
              good.deadline,
            ),
          },
          /the voucher is for chain 1, but this network is chain 31337$/,
        ],
        [
          {
            voucher: await signed(
              registrar,
              { ...here, mint: bob.address },
              alice.address,
              good.deadline,
            ),
          },
          /the voucher is for the mint at 0x\w+, but the mint deployed here is 0x\w+$/,
        ],
      ];
      for (const [args, pattern] of cases)
        await expectRefusal("mint:claim", { from: alice.address, ...args }, pattern);
      await runTask("mint:claim", { from: alice.address, voucher: file });
      await expectRefusal(
        "mint:claim",
        { from: alice.address, voucher: file },
        /this account has already claimed \(ordinal 1\)$/,
      );
    });

    it("mint:voucher refuses bad input, an open mint, a foreign registrar and claimed accounts", async () => {
      const { d, admin, alice, bob } = await voucherMint();
      await expectRefusal(
        "mint:voucher",
        { account: "bob" },
        /^--account: 'bob' is not an address$/,
      );
      await expectRefusal(
        "mint:voucher",
        { account: alice.address, deadline: "soon" },
        /^--deadline: 'soon' is not a time \(unix seconds/,
      );
      await expectRefusal(
        "mint:voucher",
        { account: alice.address, validFor: "-1" },
        /^--valid-for: '-1' is not a duration \(seconds, or 90s/,
      );
      await expectRefusal(
        "mint:voucher",
        { account: alice.address, deadline: "1" },
        /^--deadline: 1 is already past \(chain time \d+\)$/,
      );
      await expectRefusal(
        "mint:voucher",
        { account: alice.address, registrar: bob.address },
        new RegExp(`^--registrar: ${bob.address} is not the mint's registrar`),
      );
      await expectRefusal(
        "mint:voucher",
        { account: alice.address, out: tmpFile("no/such/dir/v.json") },
        /^--out: cannot write .* \(ENOENT\)$/,
      );
      await runTask("mint:claim", { from: alice.address, voucher: await issue(alice.address) });
      await expectRefusal(
        "mint:voucher",
        { account: alice.address },
        /has already claimed \(ordinal 1\)$/,
      );
      const stranger = ethers.Wallet.createRandom().address;
      await (await deployedMint(d)).connect(admin).setRegistrar(stranger);
      await expectRefusal(
        "mint:voucher",
        { account: bob.address },
        new RegExp(`^--registrar: ${stranger} is not an account of network 'hardhat'$`),
      );
    });

    it("mint:voucher refuses an open mint", async () => {
      const [, , alice] = await ethers.getSigners();
      await deploy();
      await expectRefusal(
        "mint:voucher",
        { account: alice.address },
        /^the mint is open to all: it takes no vouchers$/,
      );
    });
  });

  describe("mint:status", () => {
    it("shows the tier table, claims so far and the account's claim and balances", async () => {
      const d = await deploy();
      const [, , alice] = await ethers.getSigners();
      await runTask("mint:claim", { from: alice.address });
      const { value: result, out: output } = await runTask<MintStatus>("mint:status", {
        account: alice.address,
      });
      expect(result.claimCount).to.equal(1n);
      expect(result.account).to.deep.include({
        address: alice.address,
        ordinal: 1n,
        dollars: 10_000n,
      });
      expect(result.basket.every((t) => t.minterRole)).to.equal(true);
      expect(output).to.include(`TieredMint ${d.mint} on 'hardhat' (chain 31337)`);
      expect(output).to.include("state: open · mode: open");
      // Tiers are numbered from 1, as people count (the contract's index + 1).
      expect(output).to.match(/^ {3}1 {2}1–100 {9}\$10,000 {8}1$/m);
      expect(output).to.include(`account ${alice.address}: ordinal 1, tier 1, $10,000`);
      const { out: json } = await runTask("mint:status", { account: alice.address, json: true });
      const parsed = JSON.parse(json);
      expect(parsed.account.ordinal).to.equal("1");
      expect(parsed.state).to.equal("open");
    });

    it("refuses a bad --account and a missing deployment", async () => {
      await expectRefusal(
        "mint:status",
        {},
        /TieredMint is not deployed on the in-process 'hardhat' network/,
      );
      await deploy();
      await expectRefusal(
        "mint:status",
        { account: "0xzz" },
        /^--account: '0xzz' is not an address$/,
      );
    });
  });

  describe("describeRevert", () => {
    it("decodes a custom error from the revert data, else keeps the first line of the message", async () => {
      const mint = await ethers.getContractFactory("TieredMint");
      const data = mint.interface.encodeErrorResult("MintNotOpen", [5, 4]);
      expect(describeRevert(Object.assign(new Error("x"), { data }), [mint.interface])).to.equal(
        "MintNotOpen(5, 4)",
      );
      expect(describeRevert(new Error("boom\nstack"), [mint.interface])).to.equal("boom");
      expect(describeRevert("plain", [])).to.equal("plain");
    });
  });
});
