/**
 * site:build  the participant app as a static folder: index.html, app.js and data/ (the season's
 *             public facts, and per closed epoch the standings and proofs sharded by address)
 */
import fs from "node:fs";
import path from "node:path";
import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { EpochSummary } from "../src/engine/epoch";
import { parseVoucherFile, type VoucherFile } from "../src/mint/voucher";
import { builtEpoch, writeEpochSite } from "../src/site/build-epoch";
import { siteRiddle, siteTiers, voucherShards } from "../src/site/manifest";
import type { SiteEpoch, SiteManifest, SiteToken } from "../src/site/types";
import { formatTable } from "../src/format/table";
import { groupDigits } from "../src/format/number";
import type { TieredMint, RiddleBoard } from "../typechain-types";
import { MINT_RECORD } from "../deploy/mint";
import { REGISTRY_RECORD, RIDDLE_BOARD_RECORD } from "../deploy/points";
import { REWARD_DISTRIBUTOR } from "../deploy/rewards";
import { check, TaskError, withContext } from "./lib/errors";
import { epochDir, eventsFileOf, latestClosedEpoch, readEpochSummary } from "./lib/epochs";
import { exportSourcesOf, epochsDir, loadDeployedSeason } from "./lib/season";
import { tokenInfo } from "./lib/season-ops";
import { bundleApp } from "./lib/site-bundle";

interface SiteArgs {
  season: string;
  out: string;
  rpc?: string;
  explorer?: string;
  chainName?: string;
  nativeSymbol: string;
  vouchers?: string;
  pageSize: number;
  quiet: boolean;
}

function rpcUrlOf(hre: HardhatRuntimeEnvironment, given: string | undefined): string {
  const url = given ?? ("url" in hre.network.config ? hre.network.config.url : undefined);
  if (url === undefined)
    throw new TaskError(
      `network '${hre.network.name}' runs in-process: give the page a public JSON-RPC URL with --rpc`,
    );
  if (!/^https?:\/\/[^\s]+$/.test(url)) throw new TaskError(`--rpc '${url}' is not an http(s) URL`);
  return url;
}

function readVouchers(dir: string): VoucherFile[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new TaskError(`--vouchers ${dir} is not a folder`);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) =>
      check("--vouchers", () =>
        parseVoucherFile(fs.readFileSync(path.join(dir, f), "utf8"), path.join(dir, f)),
      ),
    );
}

task("site:build", "Write the participant app as a static folder (HTML, one JS bundle, JSON data)")
  .addParam("season", "the season file", undefined, types.string)
  .addParam(
    "out",
    "the folder to write (re-running adds the epochs closed since)",
    undefined,
    types.string,
  )
  .addOptionalParam("rpc", "a public JSON-RPC URL the page reads with (default: the network's url)")
  .addOptionalParam(
    "explorer",
    "the chain's block explorer, e.g. https://sepolia-explorer.metisdevops.link",
  )
  .addOptionalParam(
    "chainName",
    "the chain's name shown and given to wallets (default: the network's name)",
  )
  .addOptionalParam("nativeSymbol", "the chain's gas token symbol", "ETH")
  .addOptionalParam("vouchers", "a folder of mint:voucher files to publish (voucher mode)")
  .addOptionalParam("pageSize", "leaderboard rows per page", 100, types.int)
  .addFlag("quiet", "no progress lines")
  .setAction(async (args: SiteArgs, hre) => {
    if (!Number.isSafeInteger(args.pageSize) || args.pageSize < 1 || args.pageSize > 5_000)
      throw new TaskError(`--page-size must be an integer from 1 to 5000, got ${args.pageSize}`);
    const rpcUrl = rpcUrlOf(hre, args.rpc);
    if (args.explorer !== undefined && !/^https?:\/\/[^\s]+$/.test(args.explorer))
      throw new TaskError(`--explorer '${args.explorer}' is not an http(s) URL`);
    const vouchers = args.vouchers === undefined ? [] : readVouchers(args.vouchers);
    const deployed = await loadDeployedSeason(hre, args.season);
    const say = (m: string) => {
      if (!args.quiet) console.error(m);
    };
    const address = (name: string) => {
      const a = deployed.address(name);
      if (!a) throw new TaskError(`${name} is not deployed on network '${hre.network.name}'`);
      return a;
    };
    const mint = (await hre.ethers.getContractAt(
      "TieredMint",
      address(MINT_RECORD),
    )) as unknown as TieredMint;
    const board = (await hre.ethers.getContractAt(
      "RiddleBoard",
      address(RIDDLE_BOARD_RECORD),
    )) as unknown as RiddleBoard;
    const { startBlock } = exportSourcesOf(deployed);
    const chainId = Number(deployed.chainId);
    const mintAddress = address(MINT_RECORD);
    const shards = check("--vouchers", () => voucherShards(vouchers, chainId, mintAddress));

    const [tiers, basket, mode, published] = await withContext(
      `reading the season's contracts on '${hre.network.name}'`,
      async () =>
        Promise.all([
          mint.tiers(),
          mint.basket(),
          mint.mode(),
          board.queryFilter(board.filters.RiddlePublished(), startBlock),
        ]),
    );
    const basketTokens = await Promise.all(
      basket.map(async (b) => {
        const info = await tokenInfo(hre, deployed, b.token);
        return {
          address: info.address,
          symbol: info.symbol,
          decimals: Number(b.decimals),
          weightBps: Number(b.weightBps),
          price: b.price.toString(),
        };
      }),
    );
    const rewardAddresses = [
      ...new Set(
        deployed.season.rewards.epochs.flatMap((e) =>
          Object.keys(e.pools).map((t) => t.toLowerCase()),
        ),
      ),
    ].sort();
    const rewardTokens: SiteToken[] = await Promise.all(
      rewardAddresses.map(async (t) => {
        const info = await tokenInfo(hre, deployed, t);
        return { address: info.address, symbol: info.symbol, decimals: info.decimals };
      }),
    );

    // Epochs: the ones already in the site with the same root stay; new or re-closed ones are built.
    const out = path.resolve(args.out);
    const root = epochsDir(hre);
    const eventsFile = eventsFileOf(hre);
    const latest = latestClosedEpoch(root) ?? 0;
    const epochs: SiteEpoch[] = [];
    const rows: (string | number)[][] = [];
    for (let n = 1; n <= latest; n++) {
      const dir = epochDir(hre, n, root);
      if (!fs.existsSync(path.join(dir, "summary.json"))) continue;
      const summary: EpochSummary = readEpochSummary(dir);
      const target = path.join(out, "data", "epochs", String(n));
      const existing = builtEpoch(target);
      if (existing && existing.root === summary.root) {
        epochs.push(existing);
        rows.push([n, "kept", groupDigits(BigInt(existing.participants)), "", ""]);
        continue;
      }
      const started = Date.now();
      const built = await withContext(`epoch ${n} (${dir})`, () =>
        writeEpochSite({
          dir,
          eventsFile,
          season: deployed.season,
          summary,
          out: target,
          pageSize: args.pageSize,
          progress: say,
        }),
      );
      epochs.push(built.epoch);
      rows.push([
        n,
        `built in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        groupDigits(BigInt(built.epoch.participants)),
        `${groupDigits(BigInt(built.files))} files, ${(built.bytes / 2 ** 20).toFixed(1)} MiB`,
        `${(built.largestShard / 1024).toFixed(0)} KiB`,
      ]);
    }

    const voucherDir = path.join(out, "data", "vouchers");
    fs.rmSync(voucherDir, { recursive: true, force: true });
    if (shards.length > 0) {
      fs.mkdirSync(voucherDir, { recursive: true });
      for (const s of shards)
        fs.writeFileSync(path.join(voucherDir, `${s.prefix}.json`), JSON.stringify(s));
    }
    const manifest: SiteManifest = {
      version: 1,
      season: deployed.season.name,
      chain: {
        chainId,
        name: args.chainName ?? hre.network.name,
        rpcUrl,
        explorer: (args.explorer ?? "").replace(/\/+$/, ""),
        nativeSymbol: args.nativeSymbol,
      },
      contracts: {
        mint: mintAddress,
        registry: address(REGISTRY_RECORD),
        riddles: address(RIDDLE_BOARD_RECORD),
        distributor: address(REWARD_DISTRIBUTOR),
      },
      startBlock,
      mint: {
        mode: Number(mode) === 0 ? "open" : "voucher",
        tiers: siteTiers(tiers.map((t) => ({ lastOrdinal: t.lastOrdinal, dollars: t.dollars }))),
        basket: basketTokens,
      },
      rewardTokens,
      schedule: deployed.season.rewards.epochs.map((e) => ({ epoch: e.epoch, endTime: e.endTime })),
      riddles: published.map((e) => siteRiddle(e.args)),
      epochs,
      voucherDigits: shards.length > 0 ? 2 : null,
      builtAt: Math.floor(Date.now() / 1000),
    };
    const bundle = await withContext("bundling app/", () => bundleApp(hre.config.paths.root, out));
    fs.mkdirSync(path.join(out, "data"), { recursive: true });
    fs.writeFileSync(
      path.join(out, "data", "season.json"),
      `${JSON.stringify(manifest, null, 2)}\n`,
    );

    console.log(
      `wrote ${args.out}: '${manifest.season}' on ${manifest.chain.name} (chain ${chainId}), app.js ${(bundle / 1024).toFixed(0)} KiB, ${manifest.riddles.length} riddles, ${vouchers.length} vouchers`,
    );
    if (rows.length > 0)
      console.log(formatTable(["epoch", "shards", "participants", "size", "largest shard"], rows));
    else
      console.log(
        "no closed epoch yet: the page shows joins and riddles; re-run after epoch:close",
      );
    console.log(
      `next: upload ${args.out} to any static host (files only), or serve it here: npx tsx scripts/app/serve.ts ${args.out}`,
    );
    return manifest;
  });
