/**
 * mint:* tasks: deploy the tiered mint (operators), claim and check it (participants), sign
 * vouchers (the registrar). Each task parses its arguments, checks everything it can before
 * sending a transaction (one-line TaskError otherwise), calls deploy/ or src/, and prints.
 */
import fs from "node:fs";
import { getAddress, isAddress, type Interface, type Signer } from "ethers";
import { task } from "hardhat/config";
import { noAccountMessage } from "../src/networks/live";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { TieredMint } from "../typechain-types";
import { deployMint, MINT_RECORD, MINTER_ROLE, type MintDeployment } from "../deploy/mint";
import { claimRefusal } from "../src/mint/claimability";
import { MINT_MODES, parseMintConfig, type MintConfig, type MintMode } from "../src/mint/config";
import { formatTable } from "../src/format/table";
import { formatDollars } from "../src/mint/format";
import { SEASON1_MINT_CONFIG } from "../src/mint/season1";
import { renderStatus, statusToJson, type MintStatus } from "../src/mint/status";
import {
  formatVoucherFile,
  parseAccountList,
  formatVoucherBatch,
  voucherForAccount,
  VOUCHER_BATCH_KIND,
  type VoucherBatch,
  voucherDomain,
  voucherRefusal,
  VOUCHER_KIND,
  VOUCHER_TYPES,
  type VoucherFile,
} from "../src/mint/voucher";
import { requireDeployed } from "./lib/deployments";
import { check, TaskError } from "./lib/errors";
import {
  DURATION_FORMS,
  isoTime,
  MOMENT_FORMS,
  parseDuration,
  parseMoment,
} from "../src/format/time";
import { parseJson } from "../src/json-file";

const DEPLOY_HINT = { alone: "mint:deploy" };

/* HELPERS */

/** `value` as a checksummed address, or a TaskError naming the option. */
function parseAddress(option: string, value: string): string {
  if (!isAddress(value)) throw new TaskError(`${option}: '${value}' is not an address`);
  return getAddress(value);
}

/** `value` as a point in time (the tasks' one time parser), or a TaskError naming the option. */
async function parseTime(
  hre: HardhatRuntimeEnvironment,
  option: string,
  value: string,
): Promise<bigint> {
  const latest = await hre.ethers.provider.getBlock("latest");
  return check(option, () => parseMoment(String(value), BigInt(latest!.timestamp)));
}

/** The network account `address` (default: the first), or a TaskError. */
async function accountSigner(
  hre: HardhatRuntimeEnvironment,
  option: string,
  address?: string,
): Promise<Signer> {
  const signers = await hre.ethers.getSigners();
  if (address === undefined) {
    if (signers.length === 0) throw new TaskError(noAccountMessage(hre.network.name, "send from"));
    return signers[0];
  }
  const wanted = parseAddress(option, address);
  const signer = signers.find((s) => s.address === wanted);
  if (!signer)
    throw new TaskError(`${option}: ${wanted} is not an account of network '${hre.network.name}'`);
  return signer;
}

/** The deployed mint, or a TaskError saying it is not deployed on this network. */
async function deployedMint(hre: HardhatRuntimeEnvironment): Promise<TieredMint> {
  const entry = await requireDeployed(hre, MINT_RECORD, DEPLOY_HINT);
  return hre.ethers.getContractAt("TieredMint", entry.address);
}

/** The earliest timestamp the next block can have. */
async function nextTimestamp(hre: HardhatRuntimeEnvironment): Promise<bigint> {
  const latest = await hre.ethers.provider.getBlock("latest");
  return BigInt(latest!.timestamp) + 1n;
}

/** A revert as one line: the decoded custom error when one of `interfaces` knows it. */
export function describeRevert(e: unknown, interfaces: readonly Interface[]): string {
  const data = (e as { data?: unknown }).data;
  if (typeof data === "string" && data.startsWith("0x")) {
    for (const iface of interfaces) {
      const parsed = iface.parseError(data);
      if (parsed) return `${parsed.name}(${parsed.args.map(String).join(", ")})`;
    }
  }
  return (e instanceof Error ? e.message : String(e)).split("\n")[0];
}

/** Reads a file for `option`, or a TaskError. */
function readFileFor(option: string, file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new TaskError(
      `${option}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
}

/** Everything mint:status shows, read from the chain. */
async function readStatus(
  hre: HardhatRuntimeEnvironment,
  mint: TieredMint,
  account?: string,
): Promise<MintStatus> {
  const mintAddress = await mint.getAddress();
  const [mode, registrar, openingTime, paused, closed, claimCount, tiers, basket, latest, network] =
    await Promise.all([
      mint.mode(),
      mint.registrar(),
      mint.openingTime(),
      mint.paused(),
      mint.closed(),
      mint.claimCount(),
      mint.tiers(),
      mint.basket(),
      hre.ethers.provider.getBlock("latest"),
      hre.ethers.provider.getNetwork(),
    ]);
  const tokens = await Promise.all(
    basket.map((b) => hre.ethers.getContractAt("TestnetToken", b.token)),
  );
  const tokenStatus = await Promise.all(
    basket.map(async (b, i) => ({
      symbol: await tokens[i].symbol(),
      address: b.token,
      decimals: Number(b.decimals),
      weightBps: Number(b.weightBps),
      price: b.price,
      minterRole: await tokens[i].hasRole(MINTER_ROLE, mintAddress),
    })),
  );
  let accountStatus: MintStatus["account"];
  if (account !== undefined) {
    const [[ordinal, dollars], balances] = await Promise.all([
      mint.claims(account),
      Promise.all(tokens.map((t) => t.balanceOf(account))),
    ]);
    accountStatus = { address: account, ordinal, dollars, balances };
  }
  return {
    network: hre.network.name,
    chainId: network.chainId,
    mint: mintAddress,
    mode: MINT_MODES[Number(mode)],
    registrar,
    openingTime,
    chainTime: BigInt(latest!.timestamp),
    paused,
    closed,
    claimCount,
    tiers: tiers.map((t) => ({ lastOrdinal: t.lastOrdinal, dollars: t.dollars })),
    basket: tokenStatus,
    account: accountStatus,
  };
}

/* TASKS */

interface DeployArgs {
  mintConfig?: string;
  mode?: string;
  registrar?: string;
  openingTime?: string;
}

task(
  "mint:deploy",
  "Deploys the basket tokens and the tiered mint (Season 1's by default), idempotently",
)
  .addOptionalParam(
    "mintConfig",
    "JSON mint configuration file (default: Season 1's table and basket)",
  )
  .addOptionalParam("mode", "open | voucher (overrides the configuration)")
  .addOptionalParam("registrar", "the voucher signer's address (voucher mode)")
  .addOptionalParam("openingTime", `when claims open (default: at deployment): ${MOMENT_FORMS}`)
  .setAction(async (args: DeployArgs, hre): Promise<MintDeployment> => {
    let config: MintConfig = SEASON1_MINT_CONFIG;
    if (args.mintConfig !== undefined) {
      const raw = check("", () =>
        parseJson(
          readFileFor("--mint-config", args.mintConfig!),
          `--mint-config: ${args.mintConfig}`,
        ),
      );
      config = check("", () => parseMintConfig(raw, args.mintConfig));
    }
    if (args.mode !== undefined) {
      if (!(MINT_MODES as readonly string[]).includes(args.mode)) {
        throw new TaskError(`--mode: '${args.mode}' is not one of ${MINT_MODES.join(", ")}`);
      }
      config = { ...config, mode: args.mode as MintMode };
      if (config.mode === "open") config = { ...config, registrar: undefined };
    }
    if (args.registrar !== undefined)
      config = { ...config, registrar: parseAddress("--registrar", args.registrar) };
    if (args.openingTime !== undefined) {
      config = {
        ...config,
        openingTime: await parseTime(hre, "--opening-time", args.openingTime),
      };
    }

    console.log(`mint:deploy on '${hre.network.name}'`);
    const result = await deployMint(hre, config, (line) => console.log(`  ${line}`));
    console.log(
      formatTable(
        ["contract", "address"],
        [[MINT_RECORD, result.mint], ...result.tokens.map((t) => [t.symbol, t.address])],
      ),
    );
    console.log(
      `claims open at ${new Date(Number(result.openingTime) * 1000).toISOString()} (${result.openingTime})`,
    );
    return result;
  });

interface ClaimArgs {
  voucher?: string;
  from?: string;
}

export interface ClaimResult {
  account: string;
  ordinal: bigint;
  tier: bigint;
  dollars: bigint;
  amounts: bigint[];
  txHash: string;
}

task(
  "mint:claim",
  "Claims the tiered mint's basket for an account (with --voucher in voucher mode)",
)
  .addOptionalParam("voucher", "the voucher file signed by the registrar (voucher mode)")
  .addOptionalParam("from", "the claiming account (default: the network's first account)")
  .setAction(async (args: ClaimArgs, hre): Promise<ClaimResult> => {
    const signer = await accountSigner(hre, "--from", args.from);
    const account = await signer.getAddress();
    const voucher: VoucherFile | undefined =
      args.voucher === undefined ? undefined : parseVoucherFileFor(args.voucher, account);
    const mint = (await deployedMint(hre)).connect(signer);
    const mintAddress = await mint.getAddress();
    const status = await readStatus(hre, mint, account);
    const now = status.chainTime + 1n; // the earliest timestamp the claim's block can have

    const refusal = claimRefusal({
      mode: status.mode,
      withVoucher: voucher !== undefined,
      paused: status.paused,
      closed: status.closed,
      openingTime: status.openingTime,
      now,
      ordinal: status.account!.ordinal,
      tokensWithoutMinterRole: status.basket.filter((t) => !t.minterRole).map((t) => t.symbol),
    });
    if (refusal) throw new TaskError(`cannot claim for ${account}: ${refusal}`);
    if (voucher) {
      const bad = voucherRefusal(voucher, {
        chainId: status.chainId,
        mint: mintAddress,
        claimer: account,
        now,
        registrar: status.registrar,
      });
      if (bad) throw new TaskError(`${args.voucher}: ${bad}`);
    }

    // simulate first (a last check, decoded into one line), then send
    const voucherArgs =
      voucher &&
      ([{ account: voucher.account, deadline: voucher.deadline }, voucher.signature] as const);
    const tokenInterface = (await hre.ethers.getContractFactory("TestnetToken")).interface;
    try {
      await (voucherArgs
        ? mint.claimWithVoucher.staticCall(...voucherArgs)
        : mint.claim.staticCall());
    } catch (e) {
      throw new TaskError(
        `cannot claim for ${account}: the mint refuses: ${describeRevert(e, [mint.interface, tokenInterface])}`,
      );
    }

    console.log(`claiming for ${account} on '${hre.network.name}'…`);
    const tx = await (voucherArgs ? mint.claimWithVoucher(...voucherArgs) : mint.claim());
    const receipt = await tx.wait();
    const claimed = receipt!.logs
      .map((log) => mint.interface.parseLog(log))
      .find((parsed) => parsed?.name === "Claimed");
    const [, ordinal, tier, dollars, amounts] = claimed!.args as unknown as [
      string,
      bigint,
      bigint,
      bigint,
      bigint[],
    ];
    console.log(
      `claimed: ordinal ${ordinal}, tier ${tier + 1n}, ${formatDollars(dollars)} (tx ${receipt!.hash})`,
    );
    console.log(
      formatTable(
        ["token", "amount"],
        status.basket.map((t, i) => [t.symbol, hre.ethers.formatUnits(amounts[i], t.decimals)]),
      ),
    );
    // Tiers are numbered from 1 in everything people read (the contract's index + 1).
    return {
      account,
      ordinal,
      tier: tier + 1n,
      dollars,
      amounts: [...amounts],
      txHash: receipt!.hash,
    };
  });

/** Reads and parses a voucher file, or a TaskError naming it. */
function parseVoucherFileFor(file: string, account: string): VoucherFile {
  const text = readFileFor("--voucher", file);
  return check("", () => voucherForAccount(text, file, account));
}

interface StatusArgs {
  account?: string;
  json: boolean;
}

task(
  "mint:status",
  "Shows the tiered mint: tier table, claims so far, basket, and an account's claim",
)
  .addOptionalParam(
    "account",
    "whose claim and balances to show (default: the network's first account)",
  )
  .addFlag("json", "print JSON instead of tables")
  .setAction(async (args: StatusArgs, hre): Promise<MintStatus> => {
    const account =
      args.account === undefined
        ? (await hre.ethers.getSigners())[0]?.address
        : parseAddress("--account", args.account);
    const mint = await deployedMint(hre);
    const status = await readStatus(hre, mint, account);
    console.log(args.json ? statusToJson(status) : renderStatus(status));
    return status;
  });

/** `--accounts`: a file of addresses, or a comma-separated list of them. */
function accountListArg(text: string): string[] {
  if (fs.existsSync(text)) {
    const content = readFileFor("--accounts", text);
    return check("--accounts", () => parseAccountList(content, text));
  }
  if (/^0x/i.test(text.trim()))
    return check("--accounts", () => parseAccountList(text.split(",").join("\n"), "the list"));
  throw new TaskError(`--accounts: no file '${text}' (and it is not a list of addresses)`);
}

/** The registrar's signer (--registrar, default the mint's); refused unless the mint takes vouchers and it is the mint's registrar. */
async function registrarSigner(
  hre: HardhatRuntimeEnvironment,
  args: VoucherArgs,
  mode: bigint,
  registrar: string,
) {
  if (MINT_MODES[Number(mode)] !== "voucher")
    throw new TaskError("the mint is open to all: it takes no vouchers");
  const signer = await accountSigner(hre, "--registrar", args.registrar ?? registrar);
  if ((await signer.getAddress()) !== registrar)
    throw new TaskError(
      `--registrar: ${await signer.getAddress()} is not the mint's registrar ${registrar}`,
    );
  return signer;
}

/** The vouchers' deadline: --deadline, or the next block's time plus --valid-for; refused when past. */
async function voucherDeadline(
  hre: HardhatRuntimeEnvironment,
  args: VoucherArgs,
  validFor: bigint,
): Promise<bigint> {
  const now = await nextTimestamp(hre);
  const deadline =
    args.deadline === undefined
      ? now + validFor
      : await parseTime(hre, "--deadline", args.deadline);
  if (deadline < now)
    throw new TaskError(`--deadline: ${deadline} is already past (chain time ${now})`);
  return deadline;
}

/** mint:voucher --accounts: one batch file for a whole allow-list (see src/mint/voucher.ts). */
async function signVoucherBatch(
  hre: HardhatRuntimeEnvironment,
  args: VoucherArgs,
): Promise<VoucherBatch> {
  const accounts = accountListArg(args.accounts!);
  const validFor = check("--valid-for", () => parseDuration(String(args.validFor)));
  const mint = await deployedMint(hre);
  const [mode, registrar, network] = await Promise.all([
    mint.mode(),
    mint.registrar(),
    hre.ethers.provider.getNetwork(),
  ]);
  const signer = await registrarSigner(hre, args, mode, registrar);
  const deadline = await voucherDeadline(hre, args, validFor);
  const mintAddress = await mint.getAddress();
  const domain = voucherDomain(network.chainId, mintAddress);
  const vouchers: Record<string, string> = {};
  let claimed = 0;
  for (let i = 0; i < accounts.length; i++) {
    const account = accounts[i];
    const [ordinal] = await mint.claims(account);
    if (ordinal !== 0n) {
      claimed++;
      continue;
    }
    vouchers[account.toLowerCase()] = await signer.signTypedData(domain, VOUCHER_TYPES, {
      account,
      deadline,
    });
    if ((i + 1) % 500 === 0) process.stderr.write(`signed ${i + 1} of ${accounts.length}\n`);
  }
  const batch: VoucherBatch = {
    kind: VOUCHER_BATCH_KIND,
    chainId: Number(network.chainId),
    mint: mintAddress,
    registrar,
    deadline: Number(deadline),
    vouchers,
  };
  const text = formatVoucherBatch(batch);
  if (args.out === undefined) process.stdout.write(text);
  else {
    try {
      fs.writeFileSync(args.out, text);
    } catch (e) {
      throw new TaskError(
        `--out: cannot write ${args.out} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
    }
    console.log(
      `${Object.keys(vouchers).length} vouchers, valid until ${isoTime(deadline)}: ${args.out}` +
        (claimed > 0 ? ` (${claimed} listed accounts have already claimed: no voucher)` : ""),
    );
  }
  return batch;
}

interface VoucherArgs {
  account?: string;
  accounts?: string;
  deadline?: string;
  validFor: string;
  registrar?: string;
  out?: string;
}

task(
  "mint:voucher",
  "Signs claim vouchers as the mint's registrar (voucher mode): one account, or a whole list into one file",
)
  .addOptionalParam("account", "the account the voucher is for")
  .addOptionalParam(
    "accounts",
    "instead of --account: a file of addresses (one a line, or a CSV whose first column is the address) or a comma-separated list; writes one batch file",
  )
  .addOptionalParam(
    "deadline",
    `when the voucher expires (default: now + --valid-for): ${MOMENT_FORMS}`,
  )
  .addOptionalParam(
    "validFor",
    `how long the voucher stays valid when no --deadline is given: ${DURATION_FORMS}`,
    "7d",
  )
  .addOptionalParam(
    "registrar",
    "the registrar's account (default: the mint's registrar, if it is a network account)",
  )
  .addOptionalParam("out", "the file to write (default: print the voucher)")
  .setAction(async (args: VoucherArgs, hre): Promise<VoucherFile | VoucherBatch> => {
    if ((args.account === undefined) === (args.accounts === undefined))
      throw new TaskError("give either --account (one voucher) or --accounts (a batch file)");
    if (args.accounts !== undefined) return signVoucherBatch(hre, args);
    const account = parseAddress("--account", args.account!);
    const validFor = check("--valid-for", () => parseDuration(String(args.validFor)));
    const mint = await deployedMint(hre);
    const [mode, registrar, [ordinal], network] = await Promise.all([
      mint.mode(),
      mint.registrar(),
      mint.claims(account),
      hre.ethers.provider.getNetwork(),
    ]);
    const signer = await registrarSigner(hre, args, mode, registrar);
    if (ordinal !== 0n) throw new TaskError(`${account} has already claimed (ordinal ${ordinal})`);
    const deadline = await voucherDeadline(hre, args, validFor);

    const mintAddress = await mint.getAddress();
    const signature = await signer.signTypedData(
      voucherDomain(network.chainId, mintAddress),
      VOUCHER_TYPES,
      {
        account,
        deadline,
      },
    );
    const voucher: VoucherFile = {
      kind: VOUCHER_KIND,
      chainId: Number(network.chainId),
      mint: mintAddress,
      account,
      deadline: Number(deadline),
      signature,
    };
    if (args.out === undefined) {
      process.stdout.write(formatVoucherFile(voucher));
    } else {
      try {
        fs.writeFileSync(args.out, formatVoucherFile(voucher));
      } catch (e) {
        throw new TaskError(
          `--out: cannot write ${args.out} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
        );
      }
      console.log(
        `voucher for ${account}, valid until ${new Date(Number(deadline) * 1000).toISOString()}: ${args.out}`,
      );
    }
    return voucher;
  });
