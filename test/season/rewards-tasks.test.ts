import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { EpochSummary } from "../../src/engine/epoch";
import type { ClaimResult } from "../../tasks/lib/rewards-claim";
import type { Funded } from "../../tasks/lib/rewards-fund";
import { expectRefusal, runQuietly } from "../helpers/tasks";
import {
  SEASON_FILE,
  closeEpoch,
  epochTwoActivity,
  publishAndAccept,
  seasonFixture,
  useSeasonDirs,
  type SeasonFixture,
} from "./ops.fixture";

const season = SEASON_FILE;
const claim = (account: string, extra: Record<string, unknown> = {}) =>
  runQuietly<ClaimResult>("rewards:claim", { season, account, ...extra });
const fund = (args: Record<string, unknown>) =>
  runQuietly<Funded[]>("rewards:fund", {
    season,
    mint: false,
    ...args,
  });

describe("reward tasks", () => {
  const dirs = useSeasonDirs();
  const folder = (n: number, f: string) => path.join(dirs.epochs(), `epoch-${n}`, f);
  /** allocations.csv of epoch n: cumulative amount by lowercase account. */
  const cumulativeOf = (n: number): Map<string, bigint> =>
    new Map(
      fs
        .readFileSync(folder(n, "allocations.csv"), "utf8")
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split(","))
        .map(([account, , , cumulative]) => [account, BigInt(cumulative)]),
    );
  const reward = (f: SeasonFixture) => ethers.getContractAt("TestnetToken", f.reward);
  const distributorOf = (f: SeasonFixture) =>
    ethers.getContractAt("RewardDistributor", f.distributor);

  /** Closes epoch n, publishes it, waits out the timelock and accepts it. */
  async function closeAndAccept(n: number): Promise<EpochSummary> {
    const summary = await closeEpoch(n);
    await publishAndAccept(n);
    return summary;
  }

  describe("rewards:fund", () => {
    it("--epoch funds exactly Σ cumulative, then nothing more", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      const summary = await closeEpoch(1);
      const cumulative = BigInt(summary.tokens[f.reward.toLowerCase()].cumulative);
      const funded = await fund({ epoch: 1, mint: true });
      expect(funded).to.deep.equal([{ token: f.reward, symbol: "tREWARD", amount: cumulative }]);
      expect(await (await reward(f)).balanceOf(f.distributor)).to.equal(cumulative);
      const before = await ethers.provider.getBlockNumber();
      expect(await fund({ epoch: 1, mint: true })).to.deep.equal([]);
      expect(await ethers.provider.getBlockNumber()).to.equal(before);
    });

    it("--epoch after claims funds what the next epoch lacks beyond balance + claimed", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      await closeAndAccept(1);
      await fund({ epoch: 1, mint: true });
      const first = await claim(f.a1.address);
      const claimed = first.paid[0].amount;
      await epochTwoActivity(f);
      await time.increaseTo(f.ends[1]);
      const two = await closeEpoch(2);
      const cumulative2 = BigInt(two.tokens[f.reward.toLowerCase()].cumulative);
      const balance = await (await reward(f)).balanceOf(f.distributor);
      const [funded] = await fund({ epoch: 2, mint: true });
      expect(funded.amount).to.equal(cumulative2 - claimed - balance);
      expect(await (await reward(f)).balanceOf(f.distributor)).to.equal(cumulative2 - claimed);
    });

    it("--token --amount funds whole tokens, minting first with --mint", async () => {
      const f = await loadFixture(seasonFixture);
      const token = await reward(f);
      expect(await fund({ token: "tREWARD", amount: "2.5", mint: true })).to.deep.equal([
        { token: f.reward, symbol: "tREWARD", amount: 2_500_000_000_000_000_000n },
      ]);
      // the address works too, and what the sender holds is used before minting
      await (await token.mint(f.operator.address, 10n ** 18n)).wait();
      await fund({ token: f.reward.toLowerCase(), amount: "1", mint: false });
      expect(await token.balanceOf(f.distributor)).to.equal(3_500_000_000_000_000_000n);
      expect(await token.balanceOf(f.operator.address)).to.equal(0n);
    });

    it("refuses bad arguments and a sender that cannot pay, before sending anything", async () => {
      const f = await loadFixture(seasonFixture);
      await expectRefusal(
        "rewards:fund",
        { season },
        /give either --epoch n .* or --token and --amount/,
      );
      await expectRefusal(
        "rewards:fund",
        { season, epoch: 1, token: "tREWARD", amount: "1" },
        /give either --epoch n/,
      );
      await expectRefusal(
        "rewards:fund",
        { season, token: "tREWARD" },
        /--token and --amount go together/,
      );
      await expectRefusal(
        "rewards:fund",
        { season, token: "tNOPE", amount: "1" },
        /--token 'tNOPE' is neither an address nor a token symbol of .*season\.json \(tUSDC, .*tREWARD\)/,
      );
      await expectRefusal(
        "rewards:fund",
        { season, token: "0x12", amount: "1" },
        /--token '0x12' is not an address/,
      );
      await expectRefusal(
        "rewards:fund",
        { season, token: f.outsider.address, amount: "1" },
        /--token 0x[0-9a-fA-F]{40} has no code on network 'hardhat'/,
      );
      for (const [amount, why] of [
        ["-1", /not an amount of whole tokens/],
        ["1e3", /not an amount of whole tokens/],
        ["0", /is zero/],
        ["0.0000000000000000001", /more than the token's 18 decimals/],
      ] as const)
        await expectRefusal("rewards:fund", { season, token: "tREWARD", amount }, why);
      await expectRefusal(
        "rewards:fund",
        { season, token: "tREWARD", amount: "5" },
        /0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 holds 0 tREWARD, 5 tREWARD are needed: get 5 tREWARD more, or pass --mint on a testnet/,
      );
      await expectRefusal(
        "rewards:fund",
        { season, token: "tREWARD", amount: "5", mint: true, from: f.outsider.address },
        /--mint: 0x[0-9a-fA-F]{40} neither holds tREWARD's MINTER_ROLE nor can grant it/,
      );
      await expectRefusal("rewards:fund", { season, epoch: 1 }, /no epoch-1|epoch 1 is not closed/);
      await expectRefusal(
        "rewards:fund",
        { season, epoch: 1, from: "nope" },
        /--from 'nope' is not an address/,
      );
    });
  });

  describe("rewards:proof", () => {
    it("prints the account's leaves and proofs from proofs.json; they verify against the root", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      const summary = await closeEpoch(1);
      const out = await runQuietly<{
        epoch: number;
        root: string;
        account: string;
        claims: { token: string; amount: string; proof: string[] }[];
      }>("rewards:proof", { season, account: f.a3.address });
      const proofs = JSON.parse(fs.readFileSync(folder(1, "proofs.json"), "utf8"));
      const a3 = f.a3.address.toLowerCase();
      expect(out).to.deep.equal({
        epoch: 1,
        root: summary.root,
        account: a3,
        claims: proofs.accounts[a3],
      });
      expect(out.claims[0].amount).to.equal(cumulativeOf(1).get(a3)!.toString());
      const ok = StandardMerkleTree.verify(
        summary.root,
        ["address", "address", "uint256"],
        [a3, out.claims[0].token, out.claims[0].amount],
        out.claims[0].proof,
      );
      expect(ok).to.equal(true);
    });

    it("refuses an account without a leaf, a bad address and an epoch not closed", async () => {
      const f = await loadFixture(seasonFixture);
      await expectRefusal("rewards:proof", { season, account: f.a1.address }, /no closed epoch in/);
      await time.increaseTo(f.ends[0]);
      await closeEpoch(1);
      await expectRefusal(
        "rewards:proof",
        { season, account: f.outsider.address },
        new RegExp(`${f.outsider.address} has no reward leaf in epoch 1`),
      );
      await expectRefusal(
        "rewards:proof",
        { season, account: "0xnope" },
        /--account '0xnope' is not an address/,
      );
      await expectRefusal(
        "rewards:proof",
        { season, account: f.a1.address.toLowerCase().replace("0x7", "0X7") },
        /is not an address/,
      );
      await expectRefusal(
        "rewards:proof",
        { season, account: f.a1.address, epoch: 2 },
        /epoch 2 is not closed/,
      );
    });
  });

  describe("rewards:claim", () => {
    it("refuses before any root, while the root is pending (claiming before acceptance) and unfunded", async () => {
      const f = await loadFixture(seasonFixture);
      await expectRefusal(
        "rewards:claim",
        { season, account: f.a1.address },
        /no root has been accepted yet: there is nothing to claim/,
      );
      await time.increaseTo(f.ends[0]);
      await closeEpoch(1);
      const { validAt } = await runQuietly<{ validAt: number }>("epoch:publish", {
        season,
        epoch: 1,
      });
      await expectRefusal(
        "rewards:claim",
        { season, account: f.a1.address },
        /epoch 1's root is published but not accepted yet \(pending until .*\): claims open once it is accepted \(epoch:accept\)/,
      );
      await expectRefusal(
        "rewards:claim",
        { season, account: f.a1.address, epoch: 1 },
        /epoch 1's root is published but not accepted yet/,
      );
      await time.increaseTo(validAt);
      await runQuietly("epoch:accept", { season });
      await expectRefusal(
        "rewards:claim",
        { season, account: f.a1.address },
        /the distributor holds 0 tREWARD, these claims need 272\.72.* tREWARD: it must be funded first \(rewards:fund --epoch 1\)/,
      );
    });

    it("refuses an account without a leaf, bad addresses, a paused distributor, and nothing left", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      await closeAndAccept(1);
      await fund({ epoch: 1, mint: true });
      await expectRefusal(
        "rewards:claim",
        { season, account: `${f.a1.address},${f.outsider.address}` },
        new RegExp(
          `no reward leaf in epoch 1, the accepted epoch, for ${f.outsider.address} \\(no entitlement so far\\)`,
        ),
      );
      await expectRefusal(
        "rewards:claim",
        { season, account: `${f.a1.address},0x00` },
        /--account '0x00' is not an address/,
      );
      await expectRefusal(
        "rewards:claim",
        { season, account: " , " },
        /--account names no account/,
      );
      await expectRefusal(
        "rewards:claim",
        { season, account: f.a1.address, epoch: 2 },
        /epoch 2 is not the accepted epoch \(1\): epoch 2 was never published/,
      );
      await claim(f.a1.address);
      await expectRefusal(
        "rewards:claim",
        { season, account: f.a1.address },
        new RegExp(
          `nothing to claim: ${f.a1.address} already claimed everything epoch 1 entitles them to`,
        ),
      );
      const d = await distributorOf(f);
      await (await d.connect(f.guardian).pause()).wait();
      await expectRefusal(
        "rewards:claim",
        { season, account: f.a2.address },
        /claims are paused on the distributor/,
      );
    });

    it("pays cumulative − claimed: one claim, then a batch that skips what is already claimed", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      await closeAndAccept(1);
      await fund({ epoch: 1, mint: true });
      const token = await reward(f);
      const cumulative = cumulativeOf(1);
      const a3 = f.a3.address;
      const before = await token.balanceOf(a3);
      // anyone may claim for an account: the tokens go to the account
      const one = await claim(a3, { from: f.outsider.address });
      expect(one.paid).to.deep.equal([
        {
          account: a3,
          token: f.reward,
          symbol: "tREWARD",
          amount: cumulative.get(a3.toLowerCase())!,
        },
      ]);
      expect(await token.balanceOf(a3)).to.equal(before + cumulative.get(a3.toLowerCase())!);
      const receipt = await ethers.provider.getTransactionReceipt(one.txHash);
      expect(receipt!.gasUsed).to.equal(one.gasUsed);
      expect(receipt!.from).to.equal(f.outsider.address);

      const batch = await claim([f.a1, f.a3, f.a2].map((s) => s.address).join(","));
      expect(batch.paid.map((p) => [p.account, p.amount])).to.deep.equal([
        [f.a1.address, cumulative.get(f.a1.address.toLowerCase())],
        [f.a2.address, cumulative.get(f.a2.address.toLowerCase())],
      ]);
      expect(batch.skipped).to.deep.equal([
        { account: a3, token: f.reward, cumulative: cumulative.get(a3.toLowerCase()) },
      ]);
      const d = await distributorOf(f);
      for (const s of [f.a1, f.a2, f.a3])
        expect(await d.claimed(s.address, f.reward)).to.equal(
          cumulative.get(s.address.toLowerCase()),
        );
    });

    it("a second epoch's claim pays only the difference; an unclaimed first epoch is paid in full", async () => {
      const f = await loadFixture(seasonFixture);
      await time.increaseTo(f.ends[0]);
      await closeAndAccept(1);
      await fund({ epoch: 1, mint: true });
      await claim(f.a1.address);
      await epochTwoActivity(f);
      await time.increaseTo(f.ends[1]);
      await closeAndAccept(2);
      await fund({ epoch: 2, mint: true });
      const [c1, c2] = [cumulativeOf(1), cumulativeOf(2)];
      const [a1, a4] = [f.a1.address.toLowerCase(), f.a4.address.toLowerCase()];
      expect(c2.get(a1)! > c1.get(a1)!).to.equal(true);
      const result = await claim(`${f.a1.address},${f.a4.address}`);
      expect(result.paid.map((p) => [p.account, p.amount])).to.deep.equal([
        [f.a1.address, c2.get(a1)! - c1.get(a1)!],
        [f.a4.address, c2.get(a4)!],
      ]);
      await expectRefusal(
        "rewards:claim",
        { season, account: f.a1.address, epoch: 1 },
        /epoch 1 is not the accepted epoch \(2\): epoch 1.s root was superseded by epoch 2.s; claims are checked against the accepted root, use --epoch 2/,
      );
      // every leaf claimed in full leaves exactly the unclaimed entitlements in the distributor
      const everyone = [...c2.keys()].map((a) => ethers.getAddress(a));
      await claim(everyone.join(","));
      expect(await (await reward(f)).balanceOf(f.distributor)).to.equal(0n);
    });
  });
});
