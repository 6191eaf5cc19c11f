import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { keccak256 } from "ethers";
import type { AuditReport } from "../../src/audit/audit-epoch";
import { expectRefusal, expectTaskError, runTask } from "../helpers/tasks";
import { cumulativeOf, fund, seasonFixture, useSeasonDirs, type Season } from "./season.fixture";

type Dump = { tree: string[]; values: { value: [string, string, string]; treeIndex: number }[] };

describe("epoch:verify (the auditor)", function () {
  this.timeout(300_000);
  const dirs = useSeasonDirs();
  const season = seasonFixture(dirs);
  const fixture = () => loadFixture(season);
  let work: string;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "auditor-"));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  const treeFile = (s: Season, n: number) => path.join(s.epochDir(n), "tree.json");
  const verify = (args: Record<string, unknown>) =>
    runTask<AuditReport>("epoch:verify", { season: dirs.seasonFile, work, ...args });

  /** Runs a verify expected to fail; returns the TaskError message and the report it wrote. */
  async function verifyFails(
    args: Record<string, unknown>,
  ): Promise<{ message: string; report: AuditReport }> {
    const message = await expectTaskError(
      () => verify(args),
      /^epoch \d+ does not verify: \d+ differences?: /,
    );
    const file = /\(report: (.+)\)$/.exec(message)![1];
    return { message, report: JSON.parse(fs.readFileSync(file, "utf8")) as AuditReport };
  }

  /** The operator publishes epoch 2's honest root, after funding what it needs. */
  async function publishHonest(s: Season): Promise<void> {
    const token = String(s.reward.target);
    await fund(s, cumulativeOf(s.epoch2, token) - cumulativeOf(s.epoch1, token));
    await (await s.distributor.publishRoot(2, s.epoch2.root, s.epoch2.dataHash)).wait();
  }

  /** A consistent tree of epoch 2's leaves after `change`, written to `work`. */
  function forgedTree(s: Season, change: (values: [string, string, string][]) => void) {
    const dump = JSON.parse(fs.readFileSync(treeFile(s, 2), "utf8")) as Dump;
    const values = dump.values.map((v) => [...v.value] as [string, string, string]);
    change(values);
    const tree = StandardMerkleTree.of(values, ["address", "address", "uint256"]);
    const bytes = Buffer.from(JSON.stringify(tree.dump()));
    const file = path.join(work, "forged-tree.json");
    fs.writeFileSync(file, bytes);
    return { file, root: tree.root, dataHash: keccak256(bytes) };
  }

  it("verifies an honest pending epoch from the chain alone, byte for byte, and writes its report", async () => {
    const s = await fixture();
    await publishHonest(s);
    const { value: report, out } = await verify({ epoch: 2, dump: treeFile(s, 2) });
    expect(report.ok).to.equal(true);
    expect(report.differences).to.deep.equal([]);
    expect(report.checks.map((c) => c.result)).to.deep.equal(Array(8).fill("ok"));
    expect(report.onChain.status).to.equal("pending");
    expect(report.recomputed.root).to.equal(s.epoch2.root);
    expect(report.dump.proofsChecked).to.equal(s.epoch2.leaves);
    expect(report.totals[0].symbol).to.equal("tREWARD");
    expect(BigInt(report.totals[0].claimed)).to.be.greaterThan(0n); // epoch 1's claim counts
    // The auditor's own recomputation is the operator's folder, byte for byte (but proofs.json:
    // the auditor checks every proof of the published dump instead).
    expect(fs.existsSync(path.join(work, "epoch-2", "proofs.json"))).to.equal(false);
    for (const f of ["tree.json", "scores.csv", "allocations.csv", "summary.json"]) {
      const mine = fs.readFileSync(path.join(work, "epoch-2", f));
      expect(mine.equals(fs.readFileSync(path.join(s.epochDir(2), f))), f).to.equal(true);
    }
    const file = path.join(work, "verify-epoch-2.json");
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).to.deep.equal(report);
    expect(out).to.match(/VERIFIED: epoch 2 recomputes to the published root/);
    expect(out).to.include(`report written to ${file}`);
  });

  it("reads the dump from an http URL, defaults to the latest published epoch, and resumes its export in --work", async () => {
    const s = await fixture();
    await publishHonest(s);
    const bytes = fs.readFileSync(treeFile(s, 2));
    const server = http.createServer((req, res) => {
      if (req.url === "/epoch-2/tree.json") res.end(bytes);
      else {
        res.writeHead(404, "Not Found");
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const first = await verify({ dump: `${url}/epoch-2/tree.json` });
      expect(first.value.epoch).to.equal(2);
      expect(first.value.ok).to.equal(true);
      expect(first.value.dump.source).to.equal(`${url}/epoch-2/tree.json`);
      const events = fs.statSync(path.join(work, "events.ndjson")).size;
      const again = await verify({
        dump: `${url}/epoch-2/tree.json`,
        report: path.join(work, "r.json"),
      });
      expect(again.value).to.deep.equal(first.value);
      expect(fs.statSync(path.join(work, "events.ndjson")).size).to.equal(events);
      await expectRefusal(
        () => verify({ dump: `${url}/nowhere.json` }),
        new RegExp(`^dump ${url}/nowhere.json: the server answered HTTP 404 Not Found$`),
      );
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("verifies an accepted epoch too (epoch 1)", async () => {
    const s = await fixture();
    const { value } = await verify({ epoch: 1, dump: treeFile(s, 1) });
    expect(value.ok).to.equal(true);
    expect(value.onChain.status).to.equal("accepted");
    expect(value.checks.find((c) => c.name === "monotonic")!.result).to.equal("skip");
  });

  it("names a dump that does not match the chain (the previous epoch's dump served as epoch 2's)", async () => {
    const s = await fixture();
    await publishHonest(s);
    const { message, report } = await verifyFails({ epoch: 2, dump: treeFile(s, 1) });
    expect(Object.keys(report.differenceCounts)).to.include.members([
      "data-hash",
      "dump-root-vs-chain",
    ]);
    expect(message).to.include(
      `keccak256 of the dump is ${keccak256(fs.readFileSync(treeFile(s, 1)))} but the dataHash published on chain is ${s.epoch2.dataHash}`,
    );
    expect(message).to.include(
      `the dump's root ${s.epoch1.root} differs from the root ${s.epoch2.root} published on chain`,
    );
    expect(report.checks.find((c) => c.name === "recomputed-root")!.result).to.equal("ok");
  });

  it("names a hand-edited dump: hash, the edited leaf, its proof", async () => {
    const s = await fixture();
    await publishHonest(s);
    const text = fs.readFileSync(treeFile(s, 2), "utf8");
    const dump = JSON.parse(text) as Dump;
    const [account, token, amount] = dump.values[0].value;
    const edited = path.join(work, "edited.json");
    fs.writeFileSync(
      edited,
      text.replace(
        `"${account}","${token}","${amount}"`,
        `"${account}","${token}","${BigInt(amount) + 1n}"`,
      ),
    );
    const { report } = await verifyFails({ epoch: 2, dump: edited });
    expect(report.differenceCounts).to.include({
      "data-hash": 1,
      "leaf-amount": 1,
      "proof-fails": 1,
    });
    expect(report.differences.find((d) => d.code === "leaf-amount")).to.include({
      account,
      token,
      published: String(BigInt(amount) + 1n),
      expected: amount,
    });
  });

  it("names a forged tree the operator published: the recomputed root differs, and which account got more", async () => {
    const s = await fixture();
    const attacker = s.participants[5].address.toLowerCase();
    const forged = forgedTree(s, (values) => {
      const mine = values.find((v) => v[0] === attacker)!;
      mine[2] = (BigInt(mine[2]) * 10n).toString();
    });
    await fund(s, 10n ** 30n);
    await (await s.distributor.publishRoot(2, forged.root, forged.dataHash)).wait();
    const { message, report } = await verifyFails({ epoch: 2, dump: forged.file });
    expect(report.differenceCounts).to.deep.equal({
      "recomputed-root-vs-chain": 1,
      "leaf-amount": 1,
    });
    expect(message).to.include(
      `the root recomputed from the chain, ${s.epoch2.root}, differs from the root ${forged.root} published on chain`,
    );
    expect(message).to.match(
      new RegExp(
        `account ${attacker} token tREWARD \\(0x[0-9a-f]{40}\\): the dump says \\d+, recomputed \\d+`,
      ),
    );
    expect(report.checks.find((c) => c.name === "dump-proofs")!.result).to.equal("ok");
  });

  it("names a cumulative amount that decreased from epoch 1", async () => {
    const s = await fixture();
    const victim = s.participants[2].address.toLowerCase();
    const forged = forgedTree(s, (values) => {
      values.find((v) => v[0] === victim)![2] = "1";
    });
    await fund(s, 10n ** 30n);
    await (await s.distributor.publishRoot(2, forged.root, forged.dataHash)).wait();
    const { report } = await verifyFails({ epoch: 2, dump: forged.file });
    const decrease = report.differences.find((d) => d.code === "cumulative-decreased");
    expect(decrease).to.include({ account: victim, published: "1" });
    expect(decrease!.message).to.match(
      /cumulative decreased from \d+ \(epoch 1, recomputed\) to 1 \(the dump\)$/,
    );
  });

  it("names totals the distributor cannot pay (epoch 2 published but not funded)", async () => {
    const s = await fixture();
    await (await s.distributor.publishRoot(2, s.epoch2.root, s.epoch2.dataHash)).wait();
    const { report } = await verifyFails({ epoch: 2, dump: treeFile(s, 2) });
    expect(report.differenceCounts).to.deep.equal({ "totals-exceed-balance": 1 });
    const token = String(s.reward.target).toLowerCase();
    const need = cumulativeOf(s.epoch2, token) - cumulativeOf(s.epoch1, token);
    expect(report.differences[0].message).to.match(new RegExp(`, ${need} short$`));
  });

  it("names an epoch never published, and a revoked root", async () => {
    const s = await fixture();
    const unpublished = await verifyFails({ epoch: 2, dump: treeFile(s, 2) });
    expect(unpublished.report.differenceCounts).to.include({ "not-published": 1 });
    expect(unpublished.report.onChain.status).to.equal("unpublished");
    await publishHonest(s);
    await (await s.distributor.connect(s.guardian).revokePendingRoot()).wait();
    const revoked = await verifyFails({ epoch: 2, dump: treeFile(s, 2) });
    expect(revoked.report.differenceCounts).to.deep.equal({ revoked: 1 });
  });

  describe("refusals (one line, nothing sent, no report)", () => {
    it("refuses an epoch that has not ended, one not in the season, and no published epoch without --epoch", async () => {
      const s = await fixture();
      await expectRefusal(
        () => verify({ epoch: 3, dump: treeFile(s, 2) }),
        /^epoch 3 ends at .* but the chain's confirmed head \(block \d+\) is at .*: verify once the epoch has ended$/,
      );
      await expectRefusal(
        () => verify({ epoch: 9, dump: treeFile(s, 2) }),
        /epoch 9 is not in the season \(it has epochs 1 to 3\)$/,
      );
      await expectRefusal(
        () => verify({ epoch: 0, dump: treeFile(s, 2) }),
        /--epoch must be a positive integer, got 0/,
      );
      expect(fs.readdirSync(work)).to.deep.equal([]);
    });

    it("refuses a missing dump file and the operator's folder as --work", async () => {
      const s = await fixture();
      await expectRefusal(
        () => verify({ epoch: 1, dump: path.join(work, "nope.json") }),
        /^dump .*nope\.json: cannot read \(ENOENT\)$/,
      );
      await expectRefusal(
        () => verify({ epoch: 1, dump: treeFile(s, 1), work: dirs.operator }),
        /is the operator's epochs folder: an auditor uses a folder of its own$/,
      );
    });

    it("refuses with no --epoch when nothing was ever published", async () => {
      await fixture();
      // the same season deployed afresh: its distributor has no publication
      const fresh = path.join(work, "deployments");
      process.env.DEPLOYMENTS_DIR = fresh;
      await runTask("season:deploy", { season: dirs.seasonFile });
      await expectRefusal(
        () => verify({ dump: path.join(work, "x.json") }),
        /^no epoch was ever published to the distributor at 0x[0-9a-fA-F]{40}: pass --epoch$/,
      );
    });
  });
});
