/**
 * site:build's refusals: one line each, nothing written. (The whole build, on a season with a
 * closed epoch, runs in test/app/app.test.ts; the data shaping is tested in src/site/.)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import hre from "hardhat";
import { expectTaskError } from "../helpers/tasks";

describe("site:build refusals", () => {
  let dir = "";
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "site-task-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const args = (extra: Record<string, unknown>) => ({
    season: path.join(dir, "season.json"),
    out: path.join(dir, "site"),
    nativeSymbol: "ETH",
    pageSize: 100,
    quiet: true,
    ...extra,
  });

  it("needs a public RPC URL on an in-process network", async () => {
    await expectTaskError(
      () => hre.run("site:build", args({})),
      /runs in-process: give the page a public JSON-RPC URL with --rpc/,
    );
    expect(fs.existsSync(path.join(dir, "site"))).to.equal(false);
  });

  it("refuses a URL that is not http(s), a bad page size and a missing vouchers folder", async () => {
    await expectTaskError(
      () => hre.run("site:build", args({ rpc: "ftp://example.org" })),
      /--rpc 'ftp:\/\/example.org' is not an http\(s\) URL/,
    );
    await expectTaskError(
      () => hre.run("site:build", args({ rpc: "http://127.0.0.1:8545", explorer: "nope" })),
      /--explorer 'nope' is not an http\(s\) URL/,
    );
    await expectTaskError(
      () => hre.run("site:build", args({ rpc: "http://127.0.0.1:8545", pageSize: 0 })),
      /--page-size must be an integer from 1 to 5000, got 0/,
    );
    await expectTaskError(
      () =>
        hre.run(
          "site:build",
          args({ rpc: "http://127.0.0.1:8545", vouchers: path.join(dir, "none") }),
        ),
      /--vouchers .* is not a folder/,
    );
    fs.mkdirSync(path.join(dir, "vouchers"));
    fs.writeFileSync(path.join(dir, "vouchers", "a.json"), "{}");
    await expectTaskError(
      () =>
        hre.run(
          "site:build",
          args({ rpc: "http://127.0.0.1:8545", vouchers: path.join(dir, "vouchers") }),
        ),
      /--vouchers: .*a\.json: not a voucher file/,
    );
    expect(fs.existsSync(path.join(dir, "site"))).to.equal(false);
  });
});
