import hre from "hardhat";
const names = (process.env.TASKS ?? "").split(",");
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
for (const name of names) {
  const t = hre.tasks[name];
  if (!t) { console.log(`NO TASK ${name}`); continue; }
  const rows = Object.values(t.paramDefinitions).map((p) => [
    `\`--${kebab(p.name)}\``,
    p.isFlag ? "flag" : p.isOptional ? "optional" : "required",
    p.defaultValue !== undefined && !p.isFlag ? `\`${String(p.defaultValue)}\`` : "",
    (p.description ?? "").replace(/\|/g, "\\|"),
  ]);
  const head = ["parameter", "", "default", "meaning"];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i])).join(" | ")} |`;
  console.log(`@@@ ${name}`);
  console.log(line(head));
  console.log(`| ${w.map((n) => "-".repeat(n)).join(" | ")} |`);
  for (const r of rows) console.log(line(r));
}
