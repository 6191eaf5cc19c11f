/**
 * A small local season for the participant app, driven through the operator's tasks on an
 * out-of-process node (`--network localhost`, LOCALHOST_RPC_URL): `npm run app` and the browser
 * test run its steps in a child `hardhat run`. APP_DIR holds everything (season.json,
 * deployments/, epochs/, secrets/, vouchers/, site/); APP_STEP chooses the step:
 *
 *   setup    season:init (voucher mode, day-long epochs, one-hour timelock), season:deploy,
 *            riddle:publish (commits for an hour), mint:voucher for APP_PARTICIPANTS (comma-separated
 *            addresses), mint:claim for APP_JOINERS (node accounts among them), site:build
 *   answer   after the commit window: riddle:reveal (the operator's answer)
 *   close    after epoch 1: epoch:close, epoch:publish, rewards:fund, site:build
 *   accept   after the timelock: epoch:accept
 *   demo     setup, then two participants join and one answers, then close and accept: a season
 *            with standings to look at (what `npm run app` serves)
 */
import fs from "node:fs";
import path from "node:path";
import hre from "hardhat";

const EPOCH_SECONDS = 86_400;
const TIMELOCK = 3_600;
const RIDDLE_ANSWER = "the moon";
const RIDDLE_QUESTION = "What has phases but never gets tired?";

const dir = process.env.APP_DIR;
const step = process.env.APP_STEP;
const quiet = process.env.APP_QUIET === "1";

function file(...parts: string[]): string {
  return path.join(dir!, ...parts);
}

async function advanceTo(time: number): Promise<void> {
  const latest = await hre.ethers.provider.getBlock("latest");
  if (latest && latest.timestamp >= time) return;
  await hre.network.provider.send("evm_setNextBlockTimestamp", [time]);
  await hre.network.provider.send("evm_mine", []);
}

const season = () => JSON.parse(fs.readFileSync(file("season.json"), "utf8"));

async function run(name: string, args: Record<string, unknown>): Promise<unknown> {
  if (!quiet) console.log(`> ${name}`);
  return hre.run(name, args);
}

async function siteBuild(): Promise<void> {
  await run("site:build", {
    season: file("season.json"),
    out: file("site"),
    rpc: process.env.LOCALHOST_RPC_URL,
    chainName: "Local season",
    vouchers: file("vouchers"),
    quiet: true,
  });
}

async function setup(): Promise<void> {
  const [operator] = await hre.ethers.getSigners();
  await run("season:init", {
    out: file("season.json"),
    epochSeconds: String(EPOCH_SECONDS),
    epochs: 2,
    timelock: String(TIMELOCK),
    tierDivisor: 100,
    mintMode: "voucher",
    registrar: operator.address,
    force: true,
  });
  await run("season:deploy", { season: file("season.json") });
  await run("riddle:publish", {
    key: "riddle-01",
    answer: RIDDLE_ANSWER,
    kind: "fixed",
    points: "500",
    commitUntil: "+1h",
    revealUntil: "+20h",
    question: RIDDLE_QUESTION,
  });
  fs.mkdirSync(file("vouchers"), { recursive: true });
  for (const account of (process.env.APP_PARTICIPANTS ?? "").split(",").filter(Boolean))
    await run("mint:voucher", { account, out: file("vouchers", `${account.toLowerCase()}.json`) });
  // Participants who join from the operator's terminal (a node account with its voucher).
  for (const account of (process.env.APP_JOINERS ?? "").split(",").filter(Boolean))
    await run("mint:claim", {
      voucher: file("vouchers", `${account.toLowerCase()}.json`),
      from: account,
    });
  await siteBuild();
}

async function answer(): Promise<void> {
  const board = await hre.ethers.getContractAt("RiddleBoard", (await deployed("RiddleBoard"))!);
  const r = await board.getRiddle(1);
  await advanceTo(Number(r.commitDeadline) + 1);
  await run("riddle:reveal", { key: "riddle-01" });
}

async function deployed(name: string): Promise<string | undefined> {
  const record = JSON.parse(fs.readFileSync(file("deployments", "localhost.json"), "utf8"));
  return record.contracts[name]?.address;
}

async function close(): Promise<void> {
  const end = season().rewards.epochs[0].endTime as number;
  await advanceTo(end + 1);
  await run("epoch:close", { season: file("season.json"), epoch: 1, quiet: true });
  await run("epoch:publish", { season: file("season.json"), epoch: 1 });
  await run("rewards:fund", { season: file("season.json"), epoch: 1, mint: true });
  await siteBuild();
}

async function accept(): Promise<void> {
  const distributor = await hre.ethers.getContractAt(
    "RewardDistributor",
    (await deployed("RewardDistributor"))!,
  );
  const pending = await distributor.pendingRoot();
  await advanceTo(Number(pending.validAt) + 1);
  await run("epoch:accept", { season: file("season.json") });
}

/** Two participants join with their vouchers and one answers the riddle, as the page would. */
async function demo(): Promise<void> {
  const signers = await hre.ethers.getSigners();
  process.env.APP_PARTICIPANTS = signers
    .slice(1, 3)
    .map((s) => s.address)
    .join(",");
  process.env.APP_JOINERS = process.env.APP_PARTICIPANTS;
  await setup();
  await run("riddle:answer", { key: "riddle-01", answer: RIDDLE_ANSWER, from: signers[1].address });
  await answer();
  await run("riddle:answer", { key: "riddle-01", from: signers[1].address });
  await close();
  await accept();
}

async function main(): Promise<void> {
  if (!dir) throw new Error("APP_DIR is not set");
  if (hre.network.name !== "localhost")
    throw new Error(
      `run on --network localhost (an out-of-process node), not '${hre.network.name}'`,
    );
  fs.mkdirSync(dir, { recursive: true });
  process.env.DEPLOYMENTS_DIR = file("deployments");
  process.env.EPOCHS_DIR = file("epochs");
  process.env.RIDDLE_SECRETS_DIR = file("secrets");
  const steps: Record<string, () => Promise<void>> = { setup, answer, close, accept, demo };
  const fn = step ? steps[step] : undefined;
  if (!fn) throw new Error(`APP_STEP must be one of ${Object.keys(steps).join(", ")}`);
  await fn();
}

main().catch((e: unknown) => {
  console.error(`local season (${step}): ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
