/**
 * rewards:fund: transfer reward tokens to the distributor through `fund` (approving it first).
 * `--epoch n` sends exactly what epoch n's entitlements still lack (src/season/funding.ts);
 * `--token --amount` sends a given amount. `--mint` first mints the missing part to the sender
 * when it holds the token's MINTER_ROLE, or grants itself the role first when it is the token's
 * admin (testnets: season:deploy makes the deployer the admin of every token). Every check, for every token, is made before
 * anything is sent.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { TestnetToken } from "../../typechain-types";
import { tokenRecord } from "../../deploy/tokens";
import { formatTable } from "../../src/format/table";
import { parseTokenAmount } from "../../src/season/funding";
import { distributorAt } from "./distributor";
import { check, TaskError } from "./errors";
import { isoTime } from "../../src/format/time";
import { chainNow, sendTx, signerFor } from "./cli";
import { closedEpoch, tokenInfo, type TokenInfo } from "./season-ops";
import { loadDeployedSeason, type DeployedSeason } from "./season";
import { epochFunding, printNext } from "./progress";

export interface FundArgs {
  season: string;
  epoch?: number;
  token?: string;
  amount?: string;
  mint: boolean;
  from?: string;
}

export interface Funded {
  token: string;
  symbol: string;
  amount: bigint;
}

const MINTER_ROLE_NAME = "MINTER_ROLE";

/** A --token argument: a symbol of the season file, or the address of an ERC-20 with code. */
async function tokenArg(
  hre: HardhatRuntimeEnvironment,
  deployed: DeployedSeason,
  text: string,
): Promise<string> {
  if (hre.ethers.isAddress(text)) {
    const address = hre.ethers.getAddress(text);
    if ((await hre.ethers.provider.getCode(address)) === "0x")
      throw new TaskError(`--token ${text} has no code on network '${hre.network.name}'`);
    return address;
  }
  if (/^0x/i.test(text)) throw new TaskError(`--token '${text}' is not an address`);
  if (!deployed.file.symbols.includes(text))
    throw new TaskError(
      `--token '${text}' is neither an address nor a token symbol of ${deployed.file.source} (${deployed.file.symbols.join(", ")})`,
    );
  const address = deployed.address(tokenRecord(text));
  if (!address)
    throw new TaskError(`token ${text} is not deployed on network '${hre.network.name}'`);
  return address;
}

export async function fundRewards(
  hre: HardhatRuntimeEnvironment,
  args: FundArgs,
): Promise<Funded[]> {
  const byEpoch = args.epoch !== undefined;
  const byAmount = args.token !== undefined || args.amount !== undefined;
  if (byEpoch === byAmount)
    throw new TaskError(
      "give either --epoch n (fund what the epoch needs) or --token and --amount (fund a given amount)",
    );
  if (byAmount && (args.token === undefined || args.amount === undefined))
    throw new TaskError("--token and --amount go together");
  const deployed = await loadDeployedSeason(hre, args.season);
  const signer = await signerFor(hre, args.from);
  const distributor = await distributorAt(hre, signer.address, deployed);
  const deadline = await distributor.claimDeadline();
  if ((await chainNow(hre)) >= deadline)
    throw new TaskError(
      `the distributor's claim deadline ${isoTime(deadline)} has passed: funding is closed`,
    );

  // 1. What to send.
  const plan: { info: TokenInfo; amount: bigint }[] = [];
  if (byEpoch) {
    const { epoch, summary } = closedEpoch(hre, deployed, args.epoch);
    const needs = await epochFunding(hre, deployed, distributor, summary);
    for (const need of needs) {
      const info = await tokenInfo(hre, deployed, need.token);
      if (need.shortfall === 0n) {
        console.log(
          `${info.symbol}: the distributor holds ${info.format(need.balance)}, enough for epoch ${epoch} ` +
            `(${info.format(need.cumulative)} entitled, ${info.format(need.claimed)} claimed)`,
        );
        continue;
      }
      plan.push({ info, amount: need.shortfall });
    }
  } else {
    const address = await tokenArg(hre, deployed, args.token!);
    const info = await tokenInfo(hre, deployed, address);
    const amount = check("--amount", () => parseTokenAmount(args.amount!, info.decimals));
    plan.push({ info, amount });
  }

  // 2. Can the sender pay (or mint) all of it?
  const steps: {
    info: TokenInfo;
    token: TestnetToken;
    amount: bigint;
    mint: bigint;
    grant: boolean;
  }[] = [];
  for (const { info, amount } of plan) {
    const token = await hre.ethers.getContractAt("TestnetToken", info.address, signer);
    const balance = await token.balanceOf(signer.address);
    const missing = balance >= amount ? 0n : amount - balance;
    let grant = false;
    if (missing > 0n) {
      if (!args.mint)
        throw new TaskError(
          `${signer.address} holds ${info.format(balance)}, ${info.format(amount)} are needed: get ${info.format(missing)} more, or pass --mint on a testnet`,
        );
      const [minter, admin] = await Promise.all([
        token.hasRole(hre.ethers.id(MINTER_ROLE_NAME), signer.address).catch(() => false),
        token.hasRole(hre.ethers.ZeroHash, signer.address).catch(() => false),
      ]);
      if (!minter && !admin)
        throw new TaskError(
          `--mint: ${signer.address} neither holds ${info.symbol}'s ${MINTER_ROLE_NAME} nor can grant it (not the admin of ${info.address})`,
        );
      grant = !minter;
    }
    steps.push({ info, token, amount, mint: missing, grant });
  }

  // 3. Send.
  const funded: Funded[] = [];
  const rows: string[][] = [];
  for (const s of steps) {
    if (s.grant)
      await sendTx(`granting ${signer.address} ${s.info.symbol}'s ${MINTER_ROLE_NAME}`, () =>
        s.token.grantRole(hre.ethers.id(MINTER_ROLE_NAME), signer.address),
      );
    if (s.mint > 0n)
      await sendTx(`minting ${s.info.format(s.mint)}`, () => s.token.mint(signer.address, s.mint));
    const allowance = await s.token.allowance(signer.address, distributor.target);
    if (allowance < s.amount)
      await sendTx(`approving ${s.info.format(s.amount)}`, () =>
        s.token.approve(distributor.target, s.amount),
      );
    const receipt = await sendTx(`funding ${s.info.format(s.amount)}`, () =>
      distributor.fund(s.info.address, s.amount),
    );
    const after = await s.token.balanceOf(distributor.target);
    rows.push([
      s.info.symbol,
      s.info.amount(s.amount),
      s.mint > 0n ? s.info.amount(s.mint) : "",
      s.info.amount(after),
      receipt.hash,
    ]);
    funded.push({ token: s.info.address, symbol: s.info.symbol, amount: s.amount });
  }
  if (rows.length > 0) {
    console.log(`funded the distributor at ${distributor.target}:`);
    console.log(formatTable(["token", "funded", "minted first", "balance now", "tx"], rows));
  } else {
    console.log("nothing to fund");
  }
  await printNext(hre, deployed);
  return funded;
}
