import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.join(__dirname, "../..");
const EXAMPLE = path.join(ROOT, "examples/season-1");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "epoch-cli-"));
}

/** Runs the CLI directly (what `npm run epoch --` runs). */
function cli(args: string[]) {
  const r = spawnSync(TSX, [path.join(ROOT, "src/cli/epoch.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function args(
  over: Partial<Record<"season" | "events" | "epoch" | "out", string>>,
  extra: string[] = [],
) {
  const a = {
    season: path.join(EXAMPLE, "season.json"),
    events: path.join(EXAMPLE, "events.ndjson"),
    epoch: "2",
    out: path.join(tmp(), "out"),
    ...over,
  };
  return [...Object.entries(a).flatMap(([k, v]) => [`--${k}`, v]), ...extra];
}

describe("npm run epoch", () => {
  it("computes the example epoch like the committed outputs, with progress on stderr", () => {
    const out = path.join(tmp(), "epoch-2");
    const r = spawnSync("npm", ["run", "--silent", "epoch", "--", ...args({ out })], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^root\s+0x[0-9a-f]{64}$/m);
    expect(r.stdout).toMatch(
      /^anomalies\s+1 records dropped \(a ref already used in their dApp\): see anomalies.json$/m,
    );
    expect(r.stderr).toMatch(/epoch 2: 7 participants ranked/);
    for (const f of fs.readdirSync(path.join(EXAMPLE, "out/epoch-2"))) {
      expect(
        fs
          .readFileSync(path.join(out, f))
          .equals(fs.readFileSync(path.join(EXAMPLE, "out/epoch-2", f))),
        f,
      ).toBe(true);
    }
  });

  it.each([
    [
      "a missing flag",
      (o: string) => args({ out: o }).slice(0, -2),
      2,
      /^error: --out is required$/,
    ],
    [
      "an unknown flag",
      (o: string) => args({ out: o }, ["--network", "x"]),
      2,
      /^error: Unknown option '--network'/,
    ],
    [
      "a bad epoch",
      (o: string) => args({ out: o, epoch: "0" }),
      2,
      /^error: --epoch must be a positive integer \(got '0'\)$/,
    ],
    [
      "an epoch the season lacks",
      (o: string) => args({ out: o, epoch: "3" }),
      1,
      /^error: epoch 3 is not in the season \(it has epochs 1 to 2\)$/,
    ],
    [
      "a missing season file",
      (o: string) => args({ out: o, season: "/nonexistent/season.json" }),
      1,
      /^error: \/nonexistent\/season\.json: cannot read \(ENOENT\)$/,
    ],
    [
      "a missing events file",
      (o: string) => args({ out: o, events: "/nonexistent/e.ndjson" }),
      1,
      /^error: \/nonexistent\/e\.ndjson: no such events file$/,
    ],
  ])("refuses %s with one line, writing nothing", (_, make, status, message) => {
    const out = path.join(tmp(), "out");
    const r = cli([...make(out), "--quiet"]);
    expect(r.status).toBe(status);
    expect(r.stderr.trimEnd().split("\n")[0]).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("refuses a malformed season naming the field, and a bad event naming its line", () => {
    const dir = tmp();
    const season = JSON.parse(fs.readFileSync(path.join(EXAMPLE, "season.json"), "utf8"));
    season.boosts["riddle-02"].numerator = 1;
    fs.writeFileSync(path.join(dir, "season.json"), JSON.stringify(season));
    let r = cli([
      ...args({ season: path.join(dir, "season.json"), out: path.join(dir, "out") }),
      "--quiet",
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `error: ${path.join(dir, "season.json")}: boosts.riddle-02.numerator: must be greater than the denominator (the riddle board refuses a multiplier of 1 or less: InvalidBoostParams)\n`,
    );
    const lines = fs.readFileSync(path.join(EXAMPLE, "events.ndjson"), "utf8").split("\n");
    const at = lines.findIndex((l, i) => i > 4 && l.includes('"kind":"action"'));
    lines[at] = lines[at].replace(/"action":"[^"]+"/, '"action":"netswap.bridge"');
    fs.writeFileSync(path.join(dir, "events.ndjson"), lines.join("\n"));
    r = cli([
      ...args({ events: path.join(dir, "events.ndjson"), out: path.join(dir, "out") }),
      "--quiet",
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `error: ${path.join(dir, "events.ndjson")} line ${at + 1}: unknown action 'netswap.bridge' (not in the season's actions)\n`,
    );
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("refuses an --out that is a file", () => {
    const file = path.join(tmp(), "taken");
    fs.writeFileSync(file, "x");
    const r = cli([...args({ out: file }), "--quiet"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`error: --out ${file} exists and is not a folder\n`);
    expect(fs.readFileSync(file, "utf8")).toBe("x");
  });
});
