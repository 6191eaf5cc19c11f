/**
 * The documentation against the code: every task defined in tasks/ is registered in Hardhat and
 * has an entry in docs/tasks.md, and every relative link of README.md and docs/*.md resolves (the
 * file, and the heading when the link names one).
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import hre from "hardhat";

const ROOT = path.join(__dirname, "..", "..");

/** The task names defined in the files of tasks/ (`task("name"`, possibly across lines). */
function definedTasks(): string[] {
  const dir = path.join(ROOT, "tasks");
  const names = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    for (const m of text.matchAll(/\btask\(\s*"([^"]+)"/g)) names.add(m[1]);
  }
  return [...names].sort();
}

/** Markdown without its fenced code blocks (links there are examples, not links). */
function withoutCode(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "``");
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor of a markdown file (a repeated heading gets -1, -2, … as on GitHub). */
function anchorsOf(file: string): Set<string> {
  const text = fs.readFileSync(file, "utf8").replace(/^```[\s\S]*?^```/gm, "");
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of text.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

function docFiles(): string[] {
  const docs = path.join(ROOT, "docs");
  return [
    path.join(ROOT, "README.md"),
    ...fs
      .readdirSync(docs)
      .filter((f) => f.endsWith(".md"))
      .map((f) => path.join(docs, f)),
  ];
}

describe("documentation", function () {
  it("finds the project's tasks in tasks/ and each is registered in Hardhat", function () {
    const names = definedTasks();
    expect(names.length).to.be.greaterThan(30);
    const missing = names.filter((n) => !(n in hre.tasks));
    expect(missing, "defined in tasks/ but not registered").to.deep.equal([]);
  });

  it("documents every task of tasks/ in docs/tasks.md with a heading and an example", function () {
    const text = fs.readFileSync(path.join(ROOT, "docs", "tasks.md"), "utf8");
    const undocumented: string[] = [];
    for (const name of definedTasks()) {
      const heading = new RegExp(`^### \`${name.replace(/[:]/g, "\\:")}\`$`, "m").exec(text);
      if (!heading) {
        undocumented.push(name);
        continue;
      }
      // The entry runs to the next heading and holds an example of the task.
      const rest = text.slice(heading.index + heading[0].length);
      const entry = rest.slice(0, rest.search(/^##/m) === -1 ? undefined : rest.search(/^##/m));
      if (!entry.includes(`npx hardhat ${name} `) && !entry.includes(`npx hardhat ${name}\n`))
        undocumented.push(`${name} (no example)`);
    }
    expect(undocumented, "tasks without an entry in docs/tasks.md").to.deep.equal([]);
  });

  it("documents every parameter of every task of tasks/ in its docs/tasks.md entry", function () {
    const text = fs.readFileSync(path.join(ROOT, "docs", "tasks.md"), "utf8");
    const missing: string[] = [];
    for (const name of definedTasks()) {
      const start = text.indexOf(`### \`${name}\``);
      if (start < 0) continue; // reported by the test above
      const after = text.slice(start + 4);
      const next = after.search(/^##/m);
      const entry = next === -1 ? after : after.slice(0, next);
      for (const p of Object.values(hre.tasks[name]?.paramDefinitions ?? {})) {
        const flag = `--${p.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
        if (!entry.includes(`\`${flag}\``)) missing.push(`${name} ${flag}`);
      }
    }
    expect(missing, "parameters missing from docs/tasks.md").to.deep.equal([]);
  });

  it("resolves every relative link of README.md and docs/*.md, files and anchors", function () {
    const broken: string[] = [];
    for (const file of docFiles()) {
      const text = withoutCode(fs.readFileSync(file, "utf8"));
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/i.test(target)) continue; // http(s):, mailto:
        const [rel, anchor] = target.split("#", 2);
        const resolved = rel === "" ? file : path.resolve(path.dirname(file), rel);
        const where = `${path.relative(ROOT, file)}: (${target})`;
        if (!resolved.startsWith(ROOT + path.sep)) {
          broken.push(`${where} leaves the repository`);
          continue;
        }
        if (!fs.existsSync(resolved)) {
          broken.push(`${where} no such file`);
          continue;
        }
        if (anchor !== undefined && resolved.endsWith(".md") && !anchorsOf(resolved).has(anchor))
          broken.push(`${where} no such heading`);
      }
    }
    expect(broken).to.deep.equal([]);
  });

  it("keeps README.md a front door of at most 250 lines", function () {
    const lines = fs.readFileSync(path.join(ROOT, "README.md"), "utf8").split("\n").length;
    expect(lines).to.be.at.most(250);
  });

  it("speaks of the project only: no issue numbers, reviews or re-measuring", function () {
    const found: string[] = [];
    for (const file of docFiles()) {
      const text = fs.readFileSync(file, "utf8");
      for (const re of [
        /\bissue #?\d+/i,
        /\bre-measure/i,
        /\bthe review(er)?s?\b/i,
        /\bthe issue\b/i,
      ])
        if (re.test(text)) found.push(`${path.relative(ROOT, file)}: ${re}`);
    }
    expect(found).to.deep.equal([]);
  });
});
