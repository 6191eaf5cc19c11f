/**
 * The season's operator tasks that span every contract:
 *   season:init    write a Season 1 season file (epochs from the chain's clock)
 *   season:deploy  deploy and configure everything a season file asks for (idempotent)
 *   season:export  export the season's chain events to events.ndjson (resumable)
 */
import fs from "node:fs";
import path from "node:path";
import { task, types } from "hardhat/config";
import { ZeroAddress } from "ethers";
import { catalogFromSeason } from "../src/points/catalog";
import { formatTable } from "../src/format/table";
import { openModeWarning } from "../src/season/open-mode";
import { season1Actions, season1SeasonFile, season1Tiers } from "../src/season/season1-template";
import { checkRelayRulesForSeason, relayRulesFileSchema } from "../src/export/relay-rules";
import { readJsonFile, validateJson } from "../src/json-file";
import { deployMint } from "../deploy/mint";
import * as points from "../deploy/points";
import { deployRewardDistributor } from "../deploy/rewards";
import { deployTokens } from "../deploy/tokens";
import { isLiveNetwork, noAccountMessage } from "../src/networks/live";
import { check, TaskError } from "./lib/errors";
import { preflight, printDeploymentEstimate } from "./lib/preflight";
import { DURATION_FORMS, MOMENT_FORMS, parseDuration, parseMoment } from "../src/format/time";
import { addressArg, chainNow, signerFor, withLogReadParams } from "./lib/cli";
import { loadDeployedSeason, readSeasonFile } from "./lib/season";
import { eventsFileOf } from "./lib/epochs";
import { runSeasonExport } from "./lib/export";
import { loadDeployments, isLive } from "./lib/deployments";
import { printNext } from "./lib/progress";

/** The one-line warning for a season whose distributor has no guardian. */
const NO_GUARDIAN_WARNING =
  "warning: no guardian: only the owner can revoke a wrong root or pause claims";

task("season:init", "Write a Season 1 season file whose epochs start at the chain's current time")
  .addParam("out", "Where to write the season file")
  .addOptionalParam(
    "start",
    `When the season starts (default: the chain's latest block): ${MOMENT_FORMS}`,
  )
  .addOptionalParam("epochSeconds", `How long each epoch lasts: ${DURATION_FORMS}`, "7d")
  .addOptionalParam("epochs", "Number of epochs", 4, types.int)
  .addOptionalParam(
    "timelock",
    `How long a published root waits before it can be accepted: ${DURATION_FORMS}`,
    "1d",
  )
  .addOptionalParam(
    "tierDivisor",
    "Divide the proposal's tier caps by this (a small season reaches every tier)",
    1,
    types.int,
  )
  .addOptionalParam(
    "dapps",
    "'mocks' to deploy the local dApp stand-ins, 'none' for a real testnet",
    "mocks",
  )
  .addOptionalParam("guardian", "The auditor's address (may revoke roots, pause claims)")
  .addOptionalParam(
    "mintMode",
    "'voucher' (the default: claims need the registrar's voucher) or 'open' (anyone's EOA claims; warned about)",
    "voucher",
  )
  .addOptionalParam(
    "registrar",
    "The voucher signer's address, an EOA or an ERC-1271 account (default: the account running this task)",
  )
  .addOptionalParam(
    "relay",
    "With --dapps none: a relay rules file of real dApps (e.g. examples/relay-rules/netswap-v2.json); the operator becomes their dApps' reporter",
  )
  .addOptionalParam(
    "exclude",
    "Comma-separated accounts whose events are not the season's (default: the account running this task, the operator; 'none' for none)",
  )
  .addFlag("force", "Overwrite an existing file")
  .setAction(
    async (
      args: {
        out: string;
        start?: string | number;
        epochSeconds: string | number;
        epochs: number;
        timelock: string | number;
        tierDivisor: number;
        dapps: string;
        guardian?: string;
        mintMode: string;
        registrar?: string;
        relay?: string;
        exclude?: string;
        force: boolean;
      },
      hre,
    ) => {
      if (fs.existsSync(args.out) && !args.force)
        throw new TaskError(`${args.out} exists: pass --force to overwrite it`);
      if (args.mintMode !== "voucher" && args.mintMode !== "open")
        throw new TaskError(`--mint-mode must be 'voucher' or 'open', not '${args.mintMode}'`);
      if (args.mintMode === "open" && args.registrar !== undefined)
        throw new TaskError("--registrar is for voucher mode: drop it, or use --mint-mode voucher");
      if (args.dapps !== "mocks" && args.dapps !== "none")
        throw new TaskError(`--dapps must be 'mocks' or 'none', not '${args.dapps}'`);
      const epochSeconds = Number(
        check("--epoch-seconds", () => parseDuration(String(args.epochSeconds))),
      );
      const timelock = Number(check("--timelock", () => parseDuration(String(args.timelock))));
      for (const [flag, value] of [
        ["epoch-seconds", epochSeconds],
        ["epochs", args.epochs],
        ["tier-divisor", args.tierDivisor],
      ] as const) {
        if (!Number.isInteger(value) || value < 1)
          throw new TaskError(`--${flag} must be a positive integer, got ${value}`);
      }
      if (args.relay !== undefined && args.dapps !== "none")
        throw new TaskError(
          `--relay is for --dapps none: with mocks the season relays the local Netswap stand-in`,
        );
      const actions = season1Actions();
      const relay =
        args.relay === undefined
          ? undefined
          : check(args.relay, () =>
              checkRelayRulesForSeason(
                check("", () =>
                  validateJson(readJsonFile(args.relay!), relayRulesFileSchema, args.relay!),
                ).rules,
                actions,
              ),
            );
      const relayer = relay ? (await signerFor(hre)).address : undefined;
      const guardian =
        args.guardian === undefined ? undefined : addressArg(hre, "guardian", args.guardian);
      const exclude =
        args.exclude === undefined
          ? [(await signerFor(hre)).address]
          : args.exclude === "none"
            ? []
            : args.exclude.split(",").map((a) => addressArg(hre, "exclude", a.trim()));
      const registrar =
        args.mintMode === "open"
          ? undefined
          : args.registrar === undefined
            ? (await signerFor(hre)).address
            : addressArg(hre, "registrar", args.registrar);
      const now = await chainNow(hre);
      const start =
        args.start === undefined
          ? Number(now)
          : Number(check("--start", () => parseMoment(String(args.start), now)));
      const tiers = season1Tiers(BigInt(args.tierDivisor));
      const caps = tiers
        .map((t) => t.lastOrdinal)
        .filter((c) => c !== "open")
        .map(Number);
      if (caps.some((c, i) => c < 1 || (i > 0 && c <= caps[i - 1]))) {
        throw new TaskError(
          `--tier-divisor ${args.tierDivisor} collapses the tier caps (${caps.join(", ")}): use a smaller divisor`,
        );
      }
      const season = season1SeasonFile({
        start,
        epochSeconds,
        epochs: args.epochs,
        timelock,
        dapps: args.dapps,
        tiers,
        guardian,
        exclude,
        mintMode: args.mintMode,
        registrar,
        relay: relay?.rules,
        reporters: relay ? Object.fromEntries(relay.dapps.map((d) => [d, [relayer!]])) : undefined,
      });
      fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
      fs.writeFileSync(args.out, `${JSON.stringify(season, null, 2)}\n`);
      readSeasonFile(args.out); // what we wrote must load
      console.log(
        `wrote ${args.out}: ${args.epochs} epochs of ${epochSeconds} s from ${new Date(start * 1000).toISOString()}, ` +
          (registrar ? `voucher mint (registrar ${registrar})` : "open mint"),
      );
      const warning = openModeWarning(season);
      if (warning) console.log(warning);
      if (guardian === undefined)
        process.stderr.write(`${NO_GUARDIAN_WARNING} (pass --guardian <auditor address>)\n`);
      console.log(
        `next: npx hardhat season:deploy --network ${hre.network.name} --season ${args.out}`,
      );
    },
  );

task("season:deploy", "Deploy and configure everything a season file asks for (idempotent)")
  .addParam("season", "The season file (with a `chain` section)")
  .addFlag(
    "allowNoGuardian",
    "On a live network: deploy without a guardian or with a timelock under an hour",
  )
  .setAction(async (args: { season: string; allowNoGuardian: boolean }, hre) => {
    const file = readSeasonFile(args.season);
    const chain = file.chain;
    if (!chain) throw new TaskError(`${args.season} has no 'chain' section: nothing to deploy`);
    const [deployer] = await hre.ethers.getSigners();
    if (!deployer) throw new TaskError(noAccountMessage(hre.network.name, "deploy with"));
    // On a live network nothing is sent before the preflight passes; on a local node the
    // deployment's measured cost is printed first (the in-process network's is not worth a dry run).
    if (isLiveNetwork(hre.network.name)) {
      await preflight(hre, {
        season: args.season,
        allowNoGuardian: args.allowNoGuardian,
        json: false,
        forDeploy: true,
      });
    } else if (hre.network.name !== "hardhat") {
      await printDeploymentEstimate(hre, file, deployer.address, (line) =>
        process.stderr.write(`${line}\n`),
      );
    }
    const log = (line: string) => console.log(line);
    if (!chain.distributor.guardian)
      process.stderr.write(
        `${NO_GUARDIAN_WARNING} (set chain.distributor.guardian in ${args.season})\n`,
      );

    await deployMint(hre, chain.mint, log);
    await deployTokens(hre, chain.tokens, log);
    await points.deployPointsRegistry(hre, {}, log);
    await points.registerCatalog(hre, catalogFromSeason(file.raw), log);
    await points.deployRiddleBoard(hre, {}, log);
    if (chain.dapps === "mocks") {
      const before = await loadDeployments(hre);
      const netswap = before?.contracts[points.DAPP_RECORDS.netswap];
      const fresh = !netswap || !(await isLive(hre, netswap));
      const dapps = await points.deploySeasonDApps(hre, {}, {}, log);
      if (fresh) await points.seedSeasonDApps(hre, dapps, {}, log);
    }
    for (const [dapp, reporters] of Object.entries(chain.reporters)) {
      for (const reporter of reporters) await points.addReporter(hre, dapp, reporter, log);
    }
    const distributor = await deployRewardDistributor(hre, {
      owner: deployer.address,
      guardian: chain.distributor.guardian ?? ZeroAddress,
      publishers: chain.distributor.publishers ?? [deployer.address],
      timelock: BigInt(chain.distributor.timelock),
      claimDeadline: BigInt(chain.distributor.claimDeadline),
    });
    log(
      `${distributor.deployed ? "deployed" : "reused  "} RewardDistributor at ${distributor.address}`,
    );

    const record = await loadDeployments(hre);
    if (!record) throw new TaskError(`nothing was recorded on network '${hre.network.name}'`);
    console.log(`\nSeason '${file.raw.name}' on network '${hre.network.name}':`);
    console.log(
      formatTable(
        ["contract", "address", "block"],
        Object.entries(record.contracts).map(([name, c]) => [name, c.address, c.blockNumber]),
      ),
    );
    await printNext(hre, await loadDeployedSeason(hre, args.season));
    return record;
  });

withLogReadParams(
  task(
    "season:export",
    "Export the season's chain events to events.ndjson (resumable after a crash or Ctrl-C)",
  )
    .addParam("season", "The season file")
    .addOptionalParam("out", "The events file (default: epochs/<network>/events.ndjson)"),
)
  .addFlag("quiet", "No progress lines on stderr")
  .setAction(
    async (
      args: {
        season: string;
        out?: string;
        confirmations?: number;
        chunk?: number;
        quiet: boolean;
      },
      hre,
    ) => {
      const deployed = await loadDeployedSeason(hre, args.season);
      const eventsFile = args.out ?? eventsFileOf(hre);
      const run = await runSeasonExport(hre, deployed, {
        eventsFile,
        confirmations: args.confirmations,
        chunkBlocks: args.chunk,
        quiet: args.quiet,
      });
      const state = run.stopped
        ? "stopped early (run again to resume)"
        : `complete up to block ${run.lastBlock} (${new Date(run.lastBlockTime * 1000).toISOString()})`;
      console.log(`${eventsFile}: ${run.lines} events, ${state}`);
      return run;
    },
  );

task(
  "season:status",
  "One screen for a deployed season: roles, mint, riddles, epochs, rewards, and the next command",
)
  .addParam("season", "The season file")
  .addFlag("json", "Print JSON (amounts in base units) instead of tables")
  .setAction(async (args: { season: string; json: boolean }, hre) => {
    const { readSeasonStatus } = await import("./lib/season-status");
    const { renderSeasonStatus, seasonStatusJson } = await import("../src/season/status");
    const status = await readSeasonStatus(hre, await loadDeployedSeason(hre, args.season));
    console.log(args.json ? seasonStatusJson(status) : renderSeasonStatus(status));
    return status;
  });
