/**
 * The participant app in a real browser: headless Chromium (playwright-core, the binary shipped in
 * @sparticuz/chromium: nothing is downloaded) on the static site that site:build writes, with a
 * test wallet injected into the page (EIP-1193, announced through EIP-6963, signing with a local
 * key) talking to an anvil node this test starts and stops. The operator's side runs through the
 * tasks (scripts/app/local-season.ts in a child `hardhat run --network localhost`).
 *
 * The journey: look up an address → connect (a rejected connection first) → wrong chain → switch
 * (the wallet adds the chain) → a voucher for another address is refused → a rejected join → join
 * → commit and reveal a riddle → the operator closes and publishes epoch 1 → the page shows the
 * points and the pending root (the tables as cards at 375 px) → accepted → the person switches to
 * an account without gas funds in the wallet: told so, nothing sent → claim for another address
 * and for oneself → the balances equal the chain's → the leaderboard. Screenshots of each step go
 * to reports/app/.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import chromium from "@sparticuz/chromium";
import { expect } from "chai";
import { Contract, JsonRpcProvider, Wallet } from "ethers";
import { chromium as playwright, type BrowserContext, type Page } from "playwright-core";
import { startAnvil, type AnvilNode } from "../../scripts/lib/anvil";
import { serveStatic, type StaticServer } from "../../scripts/app/serve";
import { parseAllocationsCsv, parseScoresCsv } from "../../src/season/epoch-files";
import { formatPoints } from "../../src/engine/units";
import { formatTokenExact } from "../../src/format/number";
import { underCoverage } from "../helpers/coverage";
import { TestWallet } from "./wallet";

// anvil's default dev accounts 1 and 2 (the well-known test mnemonic).
const PARTICIPANT_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const OTHER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const ROOT = path.resolve(__dirname, "..", "..");
const SHOTS = path.join(ROOT, "reports", "app");

describe("the participant app in Chromium (anvil, a local season)", function () {
  this.timeout(600_000);

  let node: AnvilNode | undefined;
  let server: StaticServer | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let wallet: TestWallet;
  let dir = "";
  let profile = "";
  let chain: JsonRpcProvider;
  const dialogs: string[] = [];

  const operator = (step: string, env: Record<string, string> = {}) =>
    new Promise<void>((resolve, reject) => {
      let output = "";
      const child = spawn(
        path.join(ROOT, "node_modules", ".bin", "hardhat"),
        ["run", "--network", "localhost", path.join("scripts", "app", "local-season.ts")],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            ...env,
            APP_DIR: dir,
            APP_STEP: step,
            LOCALHOST_RPC_URL: node!.url,
          },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      child.stdout.on("data", (d: Buffer) => (output += d.toString()));
      child.stderr.on("data", (d: Buffer) => (output += d.toString()));
      child.once("exit", (code) =>
        code === 0 ? resolve() : reject(new Error(`operator step ${step} failed:\n${output}`)),
      );
    });
  /** The whole page, and with `section` that section alone (small pictures for the docs). */
  const shot = async (name: string, section?: string) => {
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    if (section)
      await page.locator(section).screenshot({ path: path.join(SHOTS, `${name}.section.png`) });
  };
  const text = (selector: string) => page.locator(selector).innerText();
  const waitText = async (selector: string, pattern: RegExp) => {
    await page.waitForFunction(
      `new RegExp(${JSON.stringify(pattern.source)}).test(document.querySelector(${JSON.stringify(selector)})?.textContent ?? "")`,
      undefined,
      { timeout: 60_000 },
    );
    return text(selector);
  };
  const record = () =>
    JSON.parse(fs.readFileSync(path.join(dir, "deployments", "localhost.json"), "utf8"));
  const at = (name: string, abi: string[]) =>
    new Contract(record().contracts[name].address, abi, chain);
  const rewardToken = () => {
    const entry = Object.entries(record().contracts as Record<string, { address: string }>).find(
      ([k]) => /REWARD/.test(k),
    );
    return entry![1].address;
  };
  const open = async () => {
    await page.goto(server!.url);
    await page.waitForSelector("body[data-ready]", { timeout: 60_000 });
  };
  const connect = async () => {
    await page.getByRole("button", { name: "Connect Test Wallet" }).click();
    await waitText("#wallet-status", /Connected: /);
  };

  before(async function () {
    if (underCoverage()) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "app-test-"));
    profile = fs.mkdtempSync(path.join(os.tmpdir(), "app-chromium-"));
    fs.mkdirSync(SHOTS, { recursive: true });
    node = await startAnvil();
    chain = new JsonRpcProvider(node.url, undefined, { staticNetwork: true });
    wallet = new TestWallet(node.url, PARTICIPANT_KEY);
    await operator("setup", {
      APP_PARTICIPANTS: `${wallet.address},${OTHER}`,
      APP_JOINERS: OTHER,
    });
    server = await serveStatic(path.join(dir, "site"));
    context = await playwright.launchPersistentContext(profile, {
      executablePath: await chromium.executablePath(),
      args: [
        ...chromium.args,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
      viewport: { width: 375, height: 812 },
    });
    await wallet.install(context);
    page = await context.newPage();
    wallet.attach(page);
    page.on("dialog", (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
  });

  after(async () => {
    await context?.close();
    await server?.close();
    chain?.destroy();
    await node?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  it("looks up an address without a wallet: not joined, and the tier the next join gets", async () => {
    await open();
    await page.getByLabel("Address", { exact: true }).fill(wallet.address);
    await page.getByRole("button", { name: "Look up" }).click();
    const join = await waitText("#lookup-join", /Not joined yet/);
    // The operator's terminal joined OTHER first: the next join is ordinal 2, tier 2.
    expect(join).to.match(/next join is ordinal #2: tier 2, \$5,000/);
    await shot("01-lookup", "#lookup");
  });

  it("lists the wallets by name; a connection declined in the wallet changes nothing", async () => {
    const names = await page.locator("#wallet-list button").allInnerTexts();
    expect(names.map((n) => n.trim())).to.deep.equal([
      "Connect Test Wallet",
      "Connect Other Wallet",
    ]);
    await page.getByRole("button", { name: "Connect Other Wallet" }).click();
    const status = await waitText("#wallet-status", /declined/);
    expect(status).to.match(/nothing changed/);
    expect(await page.locator("#wallet-status").getAttribute("data-state")).to.equal("rejected");
    await shot("02-rejected-connection");
  });

  it("connects on the wrong chain, refuses to send there, then switches (adding the chain)", async () => {
    await page.getByRole("button", { name: "Connect Test Wallet" }).click();
    const status = await waitText("#wallet-status", /wrong chain/);
    expect(status).to.match(/wrong chain \(1\).*chain 31337/);
    await page.getByRole("button", { name: "Join", exact: true }).click();
    expect(await waitText("#join-status", /Wrong chain/)).to.match(/Switch network/);
    await shot("03-wrong-chain", "#wallet");

    await page.getByRole("button", { name: "Switch network" }).click();
    expect(await waitText("#wallet-status", /Connected: /)).to.contain(wallet.address);
    const methods = wallet.requests.map((r) => r.method);
    const switches = methods.filter((m) => m === "wallet_switchEthereumChain").length;
    expect(switches, "switch, 4902, add, switch").to.equal(2);
    const added = wallet.requests.find((r) => r.method === "wallet_addEthereumChain")!;
    expect(added.params[0]).to.deep.include({ chainId: "0x7a69", rpcUrls: [node!.url] });
    expect(wallet.chainId).to.equal(31337);
    await shot("04-connected");
  });

  it("follows a chain change made in the wallet", async () => {
    await wallet.switchChainFromWallet(5);
    await waitText("#wallet-status", /wrong chain \(5\)/);
    await wallet.switchChainFromWallet(31337);
    await waitText("#wallet-status", /Connected: /);
  });

  it("refuses a voucher for another address before sending anything", async () => {
    const mine = await waitText("#join-preview", /Joining now gets ordinal #2/);
    expect(mine).to.match(/tier 2, \$5,000/);
    const other = fs.readFileSync(
      path.join(dir, "vouchers", `${OTHER.toLowerCase()}.json`),
      "utf8",
    );
    const sent = wallet.requests.filter((r) => r.method === "eth_sendTransaction").length;
    await page.getByLabel(/Voucher/).fill(other);
    await page.getByRole("button", { name: "Join", exact: true }).click();
    const refused = await waitText("#join-status", /cannot be used/);
    expect(refused).to.contain(`the voucher is for ${OTHER}, not for ${wallet.address}`);
    expect(wallet.requests.filter((r) => r.method === "eth_sendTransaction")).to.have.length(sent);
    await shot("05-voucher-for-another-address", "#join");
    await page.getByLabel(/Voucher/).fill("");
  });

  it("a join rejected in the wallet sends nothing; then it joins with the site's voucher", async () => {
    const mint = at("TieredMint", [
      "function claimCount() view returns (uint64)",
      "function claims(address) view returns (uint64, uint64)",
    ]);
    wallet.rejectNext = true;
    await page.getByRole("button", { name: "Join", exact: true }).click();
    const rejected = await waitText("#join-status", /rejected/);
    expect(rejected).to.equal("You rejected the request in your wallet: nothing was sent.");
    expect(await mint.claimCount()).to.equal(1n);
    await shot("06-rejected-join", "#join");

    await page.getByRole("button", { name: "Join", exact: true }).click();
    await waitText("#join-status", /Done: your join confirmed/);
    const [ordinal] = await mint.claims(wallet.address);
    expect(ordinal).to.equal(2n);
    expect(await waitText("#lookup-join", /Joined/)).to.match(/ordinal #2, tier 2 \(\$5,000\)/);
    await shot("07-joined");
  });

  it("commits a riddle answer with a salt kept in the browser, and reveals it once the answer is out", async () => {
    await page.getByLabel("Your answer").fill("  The   MOON ");
    await page.getByRole("button", { name: "Commit answer" }).click();
    await waitText("#riddle-1-status", /Committed\./);
    const secrets = (await page.evaluate(
      `Object.keys(localStorage).filter((k) => k.startsWith("season-riddle:")).map((k) => JSON.parse(localStorage.getItem(k)))`,
    )) as { answer: string; commitment: string }[];
    expect(secrets).to.have.length(1);
    expect(secrets[0].answer).to.equal("the moon");
    const board = at("RiddleBoard", [
      "function commitmentOf(uint32, address) view returns (bytes32)",
      "function hasEarned(uint32, address) view returns (bool)",
    ]);
    expect(await board.commitmentOf(1, wallet.address)).to.equal(secrets[0].commitment);
    await shot("08-committed", "#riddles");

    await operator("answer"); // the commit window ends; the operator reveals the answer
    await page.reload(); // the page warns before it is left with an unrevealed commitment
    expect(dialogs).to.include("beforeunload");
    await page.waitForSelector("body[data-ready]");
    await connect();
    await page.getByRole("button", { name: "Reveal my answer" }).click();
    expect(await waitText("#riddle-1-status", /Revealed/)).to.match(/earned \+500 points/);
    expect(await board.hasEarned(1, wallet.address)).to.equal(true);
    await shot("09-revealed");
  });

  it("after epoch:close and epoch:publish it shows the points (as scores.csv) and the pending root", async () => {
    await operator("close");
    await open();
    await connect();
    await page.getByLabel("Address", { exact: true }).fill(wallet.address);
    await page.getByRole("button", { name: "Look up" }).click();
    const points = await waitText("#lookup-points", /points/);
    const scores = parseScoresCsv(
      fs.readFileSync(path.join(dir, "epochs", "epoch-1", "scores.csv"), "utf8"),
    );
    const row = scores.find((r) => r.account === wallet.address.toLowerCase())!;
    const shown = formatPoints(row.scoreUnits).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    expect(points).to.contain(`Epoch 1: ${shown} points, rank ${row.rank} of 2`);
    expect(await text("#lookup-epochs")).to.match(/pending: can be accepted in (59 min|1 h)/);
    // At 375 px the tables are cards, a row per card, each cell under its column's name: nothing
    // is wider than the screen.
    expect(
      await page.locator("#lookup-breakdown tbody td").first().getAttribute("data-label"),
    ).to.equal("Action");
    expect(await page.locator("#lookup-rewards .claimable").getAttribute("data-label")).to.equal(
      "Claimable now",
    );
    const overflow = (await page.evaluate(
      `[document.documentElement.scrollWidth - window.innerWidth, ...[...document.querySelectorAll(".scroll")].map((e) => e.scrollWidth - e.clientWidth)]`,
    )) as number[];
    expect(Math.max(...overflow), "pixels wider than the screen or its box").to.be.at.most(0);
    await page.getByRole("button", { name: "Claim" }).click();
    expect(await waitText("#claim-status", /Root pending/)).to.match(/epoch 1 becomes claimable/);
    await shot("10-pending", "#lookup");
  });

  it("follows an account change made in the wallet: an account without gas funds is told so, nothing is sent", async () => {
    await operator("accept");
    await open();
    await connect();
    const empty = Wallet.createRandom();
    await wallet.switchAccountFromWallet(empty.privateKey);
    expect(await waitText("#wallet-status", new RegExp(`Connected: ${empty.address}`))).to.match(
      /with Test Wallet/,
    );
    const distributor = at("RewardDistributor", [
      "function claimed(address, address) view returns (uint256)",
    ]);
    await page.getByLabel(/Claim for address/).fill(OTHER);
    await page.getByRole("button", { name: "Claim" }).click();
    expect(await waitText("#claim-status", /Not enough/)).to.equal(
      "Not enough ETH to pay for gas on this chain.",
    );
    expect(await chain.getTransactionCount(empty.address)).to.equal(0);
    expect(await distributor.claimed(OTHER, rewardToken())).to.equal(0n);
    await shot("10b-no-gas-funds", "#claim");
    await wallet.switchAccountFromWallet(PARTICIPANT_KEY);
    await waitText("#wallet-status", new RegExp(`Connected: ${wallet.address}`));
  });

  it("once accepted it claims for another address and for oneself; the balances are the chain's", async () => {
    await open();
    await connect();
    await page.getByLabel("Address", { exact: true }).fill(wallet.address);
    await page.getByRole("button", { name: "Look up" }).click();
    const allocations = parseAllocationsCsv(
      fs.readFileSync(path.join(dir, "epochs", "epoch-1", "allocations.csv"), "utf8"),
    );
    const token = rewardToken();
    const due = (a: string) => allocations.find((x) => x.account === a.toLowerCase())!.cumulative;
    const claimable = await waitText("#lookup-rewards .claimable", /tREWARD/);
    expect(claimable).to.equal(`${formatTokenExact(due(wallet.address), 18)} tREWARD`);
    await shot("11-claimable", "#lookup");

    const erc20 = new Contract(
      token,
      ["function balanceOf(address) view returns (uint256)"],
      chain,
    );
    const distributor = at("RewardDistributor", [
      "function claimed(address, address) view returns (uint256)",
    ]);
    for (const who of [OTHER, wallet.address]) {
      await page.getByLabel(/Claim for address/).fill(who);
      await page.getByRole("button", { name: "Claim" }).click();
      const short = `${who.slice(0, 6)}…${who.slice(-4)}`;
      await waitText("#claim-status", new RegExp(`Done: a claim of .* for ${short} confirmed`));
      const balance = (await erc20.balanceOf(who)) as bigint;
      expect(await distributor.claimed(who, token)).to.equal(due(who));
      expect(balance).to.equal(due(who));
      expect(await text("#claim-balances")).to.contain(`${formatTokenExact(balance, 18)} tREWARD`);
    }
    await shot("12-claimed", "#claim");
    await page.getByRole("button", { name: "Claim" }).click();
    expect(await waitText("#claim-status", /Nothing to claim/)).to.match(
      /accepted root \(epoch 1\)/,
    );
  });

  it("finds an address in the leaderboard; the page is usable on a desktop too", async () => {
    await page.getByLabel("Find an address").fill(wallet.address);
    await page.getByRole("button", { name: "Find" }).click();
    await waitText("#board-status", /is ranked/);
    expect(await page.locator("#board-body tr.current").innerText()).to.contain(
      wallet.address.toLowerCase(),
    );
    await shot("13-leaderboard", "#leaderboard");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("button", { name: "Look up" }).focus();
    await shot("14-desktop");
  });
});
