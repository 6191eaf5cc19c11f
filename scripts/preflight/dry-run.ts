/**
 * The dry run of `season:preflight`: deploys the season file PREFLIGHT_SEASON on the in-process
 * Hardhat network (the same build and hardfork) into a scratch deployments folder, and prints the
 * gas every transaction used, summed: `PREFLIGHT_GAS <gas> <transactions>`. Run by the preflight
 * as `npx hardhat run scripts/preflight/dry-run.ts --network hardhat`.
 */
import hre from "hardhat";

async function main(): Promise<void> {
  const season = process.env.PREFLIGHT_SEASON;
  if (!season) throw new Error("PREFLIGHT_SEASON is not set");
  if (hre.network.name !== "hardhat")
    throw new Error("the dry run runs on the hardhat network only");
  await hre.run("season:deploy", { season });
  const provider = hre.ethers.provider;
  const head = await provider.getBlockNumber();
  let gas = 0n;
  let transactions = 0;
  for (let n = 1; n <= head; n++) {
    const block = await provider.getBlock(n);
    for (const hash of block?.transactions ?? []) {
      const receipt = await provider.getTransactionReceipt(hash);
      gas += receipt?.gasUsed ?? 0n;
      transactions++;
    }
  }
  console.log(`PREFLIGHT_GAS ${gas} ${transactions}`);
}

main().catch((e: unknown) => {
  console.error((e instanceof Error ? e.message : String(e)).split("\n")[0]);
  process.exitCode = 1;
});
