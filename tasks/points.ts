/**
 * Operator tasks of the points registry: deploy (registry, riddle board, catalog, the season
 * dApps' stand-ins), show and extend the catalog, retire actions, manage reporters, pause.
 */
import fs from "node:fs";
import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import {
  addReporter,
  deployPointsRegistry,
  deployRiddleBoard,
  deploySeasonDApps,
  isRegistryLive,
  planCatalog,
  registerCatalog,
  registryAt,
  requireOperator,
  seedSeasonDApps,
  type Log,
} from "../deploy/points";
import { catalogFromSeason, SEASON1_CATALOG, type CatalogAction } from "../src/points/catalog";
import { formatPoints, pointsToUnits } from "../src/engine/units";
import { check, TaskError } from "./lib/errors";
import { readJsonFile } from "../src/json-file";
import { formatTable } from "../src/format/table";
import { addressArg, sendTx, signerFor, toJson } from "./lib/cli";

const print: Log = (line) => console.log(line);

/** The catalog named by `--catalog`: "default" (Season 1), "none", or a season file's path. */
function readCatalog(spec: string): readonly CatalogAction[] {
  if (spec === "default") return SEASON1_CATALOG;
  if (spec === "none") return [];
  if (!fs.existsSync(spec)) {
    throw new TaskError(
      `--catalog '${spec}' is neither 'default', 'none' nor an existing season file`,
    );
  }
  const json = check("--catalog", () => readJsonFile(spec));
  return check(spec, () => catalogFromSeason(json));
}

/** The registry connected to `from` (default: the first account), which must be an operator. */
async function operatorRegistry(hre: HardhatRuntimeEnvironment, from?: string) {
  const signer = await signerFor(hre, from);
  const registry = await registryAt(hre, signer);
  await requireOperator(registry, signer.address, "PointsRegistry");
  return registry;
}

task("points:deploy", "Deploys the points registry and the riddle board, and registers the catalog")
  .addOptionalParam(
    "catalog",
    "'default' (the Season 1 catalog), 'none', or a season file whose actions to register",
    "default",
  )
  .addFlag("dapps", "also deploy the five season dApps' local stand-ins (and authorise them)")
  .addFlag("seed", "with --dapps: mint tokens and add liquidity to the stand-ins")
  .setAction(async (args: { catalog: string; dapps: boolean; seed: boolean }, hre) => {
    const catalog = readCatalog(args.catalog);
    if (args.seed && !args.dapps) throw new TaskError("--seed needs --dapps");
    // a catalog that conflicts with a live registry is refused before anything is deployed; the
    // live registry is then reused and the board deployment leaves it alone, so the plan holds
    const plan =
      catalog.length > 0 && (await isRegistryLive(hre))
        ? await planCatalog(hre, catalog)
        : undefined;
    await deployPointsRegistry(hre, {}, print);
    await deployRiddleBoard(hre, {}, print);
    if (catalog.length > 0) await registerCatalog(hre, catalog, print, plan);
    if (args.dapps) {
      const dapps = await deploySeasonDApps(hre, {}, {}, print);
      if (args.seed) await seedSeasonDApps(hre, dapps, {}, print);
    }
  });

task("points:catalog", "Prints the registry's catalog of actions")
  .addFlag("json", "print JSON instead of a table")
  .setAction(async (args: { json: boolean }, hre) => {
    const registry = await registryAt(hre);
    const rows: {
      id: number;
      key: string;
      dapp: string;
      points: string;
      maxRepeats: number;
      retired: boolean;
    }[] = [];
    const count = Number(await registry.actionCount());
    for (let id = 1; id <= count; id++) {
      const a = await registry.getAction(id);
      rows.push({
        id,
        key: await registry.actionKey(id),
        dapp: await registry.dappName(a.dapp),
        points: formatPoints(a.basePoints),
        maxRepeats: Number(a.maxRepeats),
        retired: a.retired,
      });
    }
    if (args.json) {
      console.log(
        toJson({ registry: registry.target, paused: await registry.paused(), actions: rows }),
      );
      return;
    }
    console.log(`PointsRegistry ${registry.target}${(await registry.paused()) ? " (paused)" : ""}`);
    console.log(
      formatTable(
        ["id", "key", "dApp", "points", "maxRepeats", "status"],
        rows.map((r) => [
          r.id,
          r.key,
          r.dapp,
          r.points,
          r.maxRepeats === 0 ? "none" : r.maxRepeats,
          r.retired ? "retired" : "active",
        ]),
      ),
    );
  });

task("points:catalog:register", "Registers the actions of a season file (or the default catalog)")
  .addOptionalParam("catalog", "'default' (the Season 1 catalog) or a season file", "default")
  .setAction(async (args: { catalog: string }, hre) => {
    const catalog = readCatalog(args.catalog);
    if (catalog.length === 0) throw new TaskError("--catalog none registers nothing");
    const { added } = await registerCatalog(hre, catalog, print);
    if (added.length === 0) console.log("the registry already holds every action of the catalog");
    return { added: [...added] };
  });

task("points:action:add", "Registers an action (and its dApp when new)")
  .addParam("key", "the catalog key, as in the season file (e.g. netswap.swap)")
  .addParam("dapp", "the dApp's display name (e.g. Netswap)")
  .addParam("points", "the base points (decimal, at most 6 fraction digits)")
  .addOptionalParam(
    "maxRepeats",
    "completions per participant that score (0 = no cap)",
    0,
    types.int,
  )
  .setAction(
    async (args: { key: string; dapp: string; points: string; maxRepeats: number }, hre) => {
      const basePoints = check("--points", () => pointsToUnits(args.points.trim()));
      const { added } = await registerCatalog(
        hre,
        [{ key: args.key, dapp: args.dapp, basePoints, maxRepeats: args.maxRepeats }],
        print,
      );
      if (added.length === 0)
        console.log(`action '${args.key}' is already registered with these values`);
      return { key: args.key, added: [...added] };
    },
  );

task("points:action:retire", "Retires an action: it can no longer be recorded")
  .addParam("key", "the action's catalog key")
  .setAction(async (args: { key: string }, hre) => {
    const registry = await operatorRegistry(hre);
    const id = await registry.actionId(args.key);
    if (id === 0n)
      throw new TaskError(`no action '${args.key}' in the registry at ${registry.target}`);
    if ((await registry.getAction(id)).retired) {
      throw new TaskError(`action '${args.key}' (#${id}) is already retired`);
    }
    const receipt = await sendTx(`retiring '${args.key}'`, () => registry.retireAction(id));
    console.log(`retired action #${id} ${args.key}`);
    return { key: args.key, action: Number(id), txHash: receipt.hash };
  });

task("points:reporter:add", "Authorises an address to record a dApp's actions")
  .addParam("dapp", "the dApp's display name")
  .addParam("reporter", "the reporter's address (a dApp contract, an adapter or a relayer)")
  .setAction(async (args: { dapp: string; reporter: string }, hre) => {
    const reporter = addressArg(hre, "reporter", args.reporter);
    await operatorRegistry(hre);
    const added = await addReporter(hre, args.dapp, reporter, print);
    return { dapp: args.dapp, reporter, added };
  });

task("points:reporter:remove", "Withdraws an address's authorisation to record a dApp's actions")
  .addParam("dapp", "the dApp's display name")
  .addParam("reporter", "the reporter's address")
  .setAction(async (args: { dapp: string; reporter: string }, hre) => {
    const reporter = addressArg(hre, "reporter", args.reporter);
    const registry = await operatorRegistry(hre);
    const id = await registry.dappId(args.dapp);
    if (id === 0n)
      throw new TaskError(`no dApp named '${args.dapp}' in the registry at ${registry.target}`);
    if (!(await registry.isReporter(id, reporter))) {
      throw new TaskError(`${reporter} is not a reporter of ${args.dapp}`);
    }
    const receipt = await sendTx(`removing reporter ${reporter}`, () =>
      registry.removeReporter(id, reporter),
    );
    console.log(`${reporter} no longer reports for ${args.dapp}`);
    return { dapp: args.dapp, reporter, txHash: receipt.hash };
  });

task("points:pause", "Stops every record until points:unpause").setAction(async (_args, hre) => {
  const registry = await operatorRegistry(hre);
  if (await registry.paused())
    throw new TaskError(`the registry at ${registry.target} is already paused`);
  const receipt = await sendTx("pausing", () => registry.pause());
  console.log(`paused the registry at ${registry.target}`);
  return { registry: String(registry.target), paused: true, txHash: receipt.hash };
});

task("points:unpause", "Lets records through again").setAction(async (_args, hre) => {
  const registry = await operatorRegistry(hre);
  if (!(await registry.paused()))
    throw new TaskError(`the registry at ${registry.target} is not paused`);
  const receipt = await sendTx("unpausing", () => registry.unpause());
  console.log(`unpaused the registry at ${registry.target}`);
  return { registry: String(registry.target), paused: false, txHash: receipt.hash };
});
