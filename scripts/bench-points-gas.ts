/**
 * Gas per record of the PointsRegistry: one record alone, and batches of 10, 100 and 500 in both
 * batch forms (ABI-encoded `recordBatch`, packed `recordPacked`). Figures are transaction totals
 * (21,000 base and calldata included) divided by the number of records, measured on the in-process
 * Hardhat network; accounts and refs are deterministic, so the figures are too.
 *
 *   npm run bench:points        (= hardhat run scripts/bench-points-gas.ts)
 */
import { ethers } from "hardhat";
import type { PointsRegistry } from "../typechain-types";
import { packRecords, type PointsRecord } from "../src/points/batch";

const SIZES = [10, 100, 500] as const;
const BUDGET = 4_000n;

/** `n` records of distinct accounts and refs, alternating between two actions of one dApp. */
function records(n: number, salt: string): PointsRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    account: ethers.getAddress(ethers.dataSlice(ethers.id(`${salt}-account-${i}`), 12)),
    action: 1 + (i % 2),
    ref: ethers.id(`${salt}-ref-${i}`),
  }));
}

async function gasOf(
  tx: Promise<{ wait: () => Promise<{ gasUsed: bigint } | null> }>,
): Promise<bigint> {
  return (await (await tx).wait())!.gasUsed;
}

async function main(): Promise<void> {
  const [admin, reporter] = await ethers.getSigners();
  const registry = (await ethers.deployContract("PointsRegistry", [
    admin.address,
    admin.address,
  ])) as unknown as PointsRegistry;
  await (await registry.registerDApp("Netswap")).wait();
  await (await registry.registerAction(1, "netswap.swap", 300_000_000n, 24)).wait();
  await (await registry.registerAction(1, "netswap.add-liquidity", 500_000_000n, 24)).wait();
  await (await registry.addReporter(1, reporter.address)).wait();
  const r = registry.connect(reporter);

  const rows: { form: string; records: number; gas: bigint }[] = [];
  const [one] = records(1, "single");
  rows.push({
    form: "record",
    records: 1,
    gas: await gasOf(r.record(one.account, one.action, one.ref)),
  });
  for (const n of SIZES) {
    rows.push({
      form: "recordBatch",
      records: n,
      gas: await gasOf(r.recordBatch(records(n, `abi-${n}`))),
    });
    rows.push({
      form: "recordPacked",
      records: n,
      gas: await gasOf(r.recordPacked(packRecords(records(n, `packed-${n}`)))),
    });
  }

  const header = ["form", "records", "tx gas", "gas / record", `≤ ${BUDGET} at 100`];
  const body = rows.map((row) => {
    const per = row.gas / BigInt(row.records);
    return [
      row.form,
      String(row.records),
      row.gas.toLocaleString("en-US"),
      per.toLocaleString("en-US"),
      row.records === 100 ? (per <= BUDGET ? "yes" : "NO") : "",
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  console.log(line(header));
  console.log(
    `| ${widths.map((w, i) => (i === 0 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`,
  );
  for (const b of body) console.log(line(b));
  const over = rows.filter((row) => row.records === 100 && row.gas / 100n > BUDGET);
  if (over.length > 0) {
    console.error(`over budget: ${over.map((o) => o.form).join(", ")}`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
