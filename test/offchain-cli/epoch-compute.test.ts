import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import hre from "hardhat";
import { expectTaskError } from "../helpers/tasks";

const EXAMPLE = path.join(__dirname, "../../examples/season-1");

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "epoch-task-"));
}

describe("epoch:compute task", () => {
  it("computes the example epoch offline, like the committed outputs", async () => {
    const out = path.join(tmp(), "epoch-1");
    const summary = await hre.run("epoch:compute", {
      season: path.join(EXAMPLE, "season.json"),
      events: path.join(EXAMPLE, "events.ndjson"),
      epoch: 1,
      out,
      quiet: true,
    });
    const expected = JSON.parse(
      fs.readFileSync(path.join(EXAMPLE, "out/epoch-1/summary.json"), "utf8"),
    );
    expect(summary).to.deep.equal(expected);
    for (const f of fs.readdirSync(path.join(EXAMPLE, "out/epoch-1"))) {
      expect(
        fs
          .readFileSync(path.join(out, f))
          .equals(fs.readFileSync(path.join(EXAMPLE, "out/epoch-1", f))),
        f,
      ).to.be.true;
    }
  });

  it("refuses a bad events file with a one-line plugin error naming the line, writing nothing", async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "events.ndjson"), '{"kind":"mint"}\n');
    const out = path.join(dir, "out");
    const message = await expectTaskError(
      () =>
        hre.run("epoch:compute", {
          season: path.join(EXAMPLE, "season.json"),
          events: path.join(dir, "events.ndjson"),
          epoch: 1,
          out,
          quiet: true,
        }),
      / line 1: account: is required$/,
    );
    expect(message).to.equal(`${path.join(dir, "events.ndjson")} line 1: account: is required`);
    expect(fs.existsSync(out)).to.equal(false);
  });

  it("refuses an epoch below 1", async () => {
    await expectTaskError(
      () =>
        hre.run("epoch:compute", {
          season: path.join(EXAMPLE, "season.json"),
          events: path.join(EXAMPLE, "events.ndjson"),
          epoch: 0,
          out: path.join(tmp(), "out"),
          quiet: true,
        }),
      /^--epoch must be a positive integer \(got 0\)$/,
    );
  });
});
