/**
 * `npm run demo`: a whole community testing season on the in-process Hardhat network, in one
 * command. Deploys a Season 1 with compact tiers, simulates 1,000 participants (DEMO_PARTICIPANTS)
 * minting, acting in the five dApps and answering riddles over two day-long epochs, closes,
 * publishes, funds, audits and accepts both epochs, claims a sample of rewards, and prints the
 * season report, also written to reports/demo/index.html (DEMO_OUT) with its JSON.
 *
 * Environment: DEMO_PARTICIPANTS (default 1000), DEMO_SEED (default season-1), DEMO_OUT
 * (default reports/demo). Exit status 1 when the season does not verify.
 */
import hre from "hardhat";
import { demoOptionsFromEnv } from "../src/demo/options";
import { runDemo } from "./demo/run-demo";

async function main(): Promise<void> {
  let options;
  try {
    options = demoOptionsFromEnv(process.env, hre.config.paths.root);
  } catch (e) {
    console.error(`demo: ${(e as Error).message}`);
    process.exitCode = 1;
    return;
  }
  const run = await runDemo(hre, options, (line) => process.stdout.write(`${line}\n`));
  if (!run.ok) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(`demo failed: ${e instanceof Error ? e.message : String(e)}`);
  if (process.env.DEMO_DEBUG && e instanceof Error) console.error(e.stack);
  process.exitCode = 1;
});
