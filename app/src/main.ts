/**
 * The participant page: look up an address (no wallet), connect a wallet, join, answer riddles,
 * claim rewards, browse the leaderboard. Plain DOM; every contract call is in chain.ts, every
 * rule the tasks also apply comes from src/ (quotes, tiers, vouchers, commitments, phases).
 */
import { BrowserProvider, getAddress, isAddress, type JsonRpcProvider, type Signer } from "ethers";
import { formatDollars } from "../../src/mint/format";
import { quote } from "../../src/mint/quote";
import {
  parseVoucherFile,
  voucherRefusal,
  VOUCHER_KIND,
  type VoucherFile,
} from "../../src/mint/voucher";
import {
  normalizeAnswer,
  participantCommitment,
  randomSalt,
  riddlePhase,
} from "../../src/points/riddle";
import { formatTokenExact } from "../../src/format/number";
import { groupDigits } from "../../src/format/number";
import { formatPoints, pointsToUnits } from "../../src/engine/units";
import { tiersOfSite } from "../../src/site/manifest";
import {
  countdown,
  epochState,
  nextJoin,
  tokenRewards,
  type EpochState,
} from "../../src/site/status";
import type { SiteManifest, SiteRiddle, SiteToken } from "../../src/site/types";
import * as chain from "./chain";
import { loadAccount, loadLeaderboard, loadManifest, loadVoucher } from "./data";
import { explain } from "./errors";
import { allSecrets, findSecret, hasUnrevealed, importSecrets, saveSecret } from "./secrets";
import { discoverWallets, switchChain, type Wallet } from "./wallet";

/* DOM helpers */

type Child = Node | string | null | undefined | false;
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | ((e: Event) => void)> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === "function") el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (v === true) el.setAttribute(k, "");
    else if (v !== false) el.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
/**
 * Marks a table to be shown as one card per row on narrow screens (the page's CSS): each body
 * cell carries its column's name in `data-label`, and explicit roles keep the cells announced as
 * a table's once CSS no longer lays them out as one.
 */
function stackable(table: HTMLTableElement): HTMLTableElement {
  const names = [...(table.tHead?.rows[0]?.cells ?? [])].map((c) => c.textContent ?? "");
  table.classList.add("stack");
  table.setAttribute("role", "table");
  for (const row of table.rows) {
    row.setAttribute("role", "row");
    for (const cell of row.cells) {
      const header = cell.tagName === "TH";
      const scope = cell.getAttribute("scope");
      cell.setAttribute("role", !header ? "cell" : scope === "row" ? "rowheader" : "columnheader");
    }
  }
  for (const body of table.tBodies)
    for (const row of body.rows)
      [...row.cells].forEach((cell, i) => {
        if (cell.colSpan === 1 && names[i]) cell.dataset.label = names[i];
      });
  return table;
}
const fill = (el: HTMLElement, ...children: Child[]) => {
  el.replaceChildren(
    ...(children.filter((c) => c !== null && c !== undefined && c !== false) as (Node | string)[]),
  );
};
/** "10000.500000" → "10,000.5" */
const pts = (text: string) => {
  const [whole, fraction] = formatPoints(pointsToUnits(text)).split(".");
  return groupDigits(BigInt(whole)) + (fraction ? `.${fraction}` : "");
};
const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;
const when = (t: number) =>
  new Date(t * 1000).toISOString().replace(".000Z", "Z").replace("T", " ");

/* State */

let m: SiteManifest;
let reader: JsonRpcProvider;
let wallets: Wallet[] = [];
let wallet: Wallet | undefined;
let account: string | undefined;
let walletChain: number | undefined;

const onSeasonChain = () => walletChain === m.chain.chainId;
const tokenOf = (address: string): SiteToken =>
  [...m.rewardTokens, ...m.mint.basket].find(
    (t) => t.address.toLowerCase() === address.toLowerCase(),
  ) ?? {
    address,
    symbol: short(address),
    decimals: 18,
  };
const amount = (units: bigint, t: SiteToken) =>
  `${formatTokenExact(units, t.decimals)} ${t.symbol}`;
const explorerTx = (hash: string): Child =>
  m.chain.explorer
    ? h("a", { href: `${m.chain.explorer}/tx/${hash}`, target: "_blank", rel: "noopener" }, hash)
    : h("code", {}, hash);

/** Writes a status line: role=status elements are announced to screen readers. */
function say(
  el: HTMLElement,
  kind: "info" | "ok" | "rejected" | "error" | "pending",
  ...text: Child[]
) {
  el.dataset.state = kind;
  fill(el, ...text);
}

/** Says in `el` why `e` failed, in words; `onRejected` when the person declined in the wallet. */
function sayError(el: HTMLElement, e: unknown, onRejected?: string): void {
  const x = explain(e, m.chain.nativeSymbol);
  say(el, x.kind, x.kind === "rejected" && onRejected !== undefined ? onRejected : x.text);
}

/* Sending: simulate, then ask the wallet, then wait for the receipt. */

async function signer(): Promise<Signer> {
  if (!wallet || !account) throw new Error("Connect a wallet first.");
  return new BrowserProvider(wallet.provider, "any").getSigner(account);
}

function walletProblem(): string | undefined {
  if (!wallet || !account) return "No wallet connected: connect one above first.";
  if (!onSeasonChain())
    return `Wrong chain: your wallet is on chain ${walletChain}, the season runs on ${m.chain.name} (chain ${m.chain.chainId}). Use “Switch network” above.`;
  return undefined;
}

async function send(
  status: HTMLElement,
  what: string,
  make: (s: Signer) => chain.Sendable,
): Promise<chain.TransactionReceipt | undefined> {
  const problem = walletProblem();
  if (problem) {
    say(status, "error", problem);
    return undefined;
  }
  try {
    const tx = make(await signer());
    say(status, "pending", `Checking ${what} (simulating it on the chain)…`);
    await tx.simulate();
    const gas = await tx.estimate();
    say(status, "pending", `Confirm ${what} in your wallet…`);
    const response = await tx.send(gas);
    say(status, "pending", "Sent: ", explorerTx(response.hash), ". Waiting for the receipt…");
    const receipt = await response.wait();
    if (!receipt || receipt.status !== 1)
      throw new Error(`the transaction ${response.hash} failed`);
    say(
      status,
      "ok",
      `Done: ${what} confirmed in block ${receipt.blockNumber} (`,
      explorerTx(response.hash),
      ").",
    );
    return receipt;
  } catch (e) {
    sayError(status, e);
    return undefined;
  }
}

/* Look up an address */

function epochStateText(s: EpochState, deadline: number): string {
  switch (s.state) {
    case "claimable":
      return deadline > 0 ? `claimable until ${when(deadline)}` : "claimable";
    case "included":
      return `claimable (included in epoch ${s.in}'s cumulative amounts)`;
    case "pending":
      return `pending: can be accepted in ${countdown(s.secondsLeft)} (at ${when(s.validAt)})`;
    case "unpublished":
      return "closed, root not published yet";
    case "mismatch":
      return `the chain holds another root (${short(s.root)}): this site is out of date`;
  }
}

/** Keeps `el`'s text counting down to `until` (chain seconds; `now` is the chain's time at render). */
function ticking(
  el: HTMLElement,
  until: number,
  now: number,
  text: (left: number) => string,
): void {
  const offset = now - Date.now() / 1000;
  const timer = setInterval(() => {
    if (!el.isConnected) return clearInterval(timer);
    const left = Math.max(0, Math.floor(until - (Date.now() / 1000 + offset)));
    el.textContent = text(left);
    if (left === 0) clearInterval(timer);
  }, 1000);
}

async function renderLookup(address: string): Promise<void> {
  const out = $("lookup-result");
  say($("lookup-status"), "pending", `Looking up ${address}…`);
  const tiers = tiersOfSite(m.mint.tiers);
  const [mint, dist, now] = await Promise.all([
    chain.mintView(reader, m, address),
    chain.distributorState(reader, m),
    chain.chainNow(reader),
  ]);
  const latest = m.epochs[m.epochs.length - 1];
  const entry = latest ? await loadAccount(m, latest.epoch, address) : undefined;
  const accepted = dist.epoch > 0 ? await loadAccount(m, dist.epoch, address) : undefined;
  const tokens = m.rewardTokens.map((t) => t.address);
  const claimed = await chain.claimedOf(reader, m, address, tokens);
  const rewards = tokenRewards(tokens, entry, accepted, (t) => claimed.get(t.toLowerCase()) ?? 0n);

  const basketText = (amounts: bigint[]) =>
    amounts.map((a, i) => amount(a, m.mint.basket[i])).join(", ");
  let joinBlock: Node;
  if (mint.joined) {
    joinBlock = h(
      "p",
      { id: "lookup-join" },
      `Joined: ordinal #${groupDigits(mint.joined.ordinal)}, tier ${mint.joined.tier + 1} (${formatDollars(mint.joined.dollars)}); basket received: ${basketText(mint.joined.amounts)}.`,
    );
  } else {
    const next = nextJoin(mint.claimCount, tiers);
    const q = quote(
      next.ordinal,
      tiers,
      m.mint.basket.map((b) => ({ ...b, price: BigInt(b.price) })),
    );
    joinBlock = h(
      "p",
      { id: "lookup-join" },
      `Not joined yet. The next join is ordinal #${groupDigits(next.ordinal)}: tier ${next.tier + 1}, ${formatDollars(next.dollars)} (${basketText(q.amounts)}).`,
    );
  }

  const points: Child[] = [];
  if (!latest)
    points.push(h("p", {}, "No epoch is closed yet: points appear after the first epoch closes."));
  else if (!entry)
    points.push(
      h("p", { id: "lookup-points" }, `No points in epoch ${latest.epoch} (no counted event).`),
    );
  else {
    points.push(
      h(
        "p",
        { id: "lookup-points" },
        `Epoch ${latest.epoch}: ${pts(entry.score)} points, `,
        entry.rank === null
          ? "unranked"
          : `rank ${groupDigits(BigInt(entry.rank))} of ${groupDigits(BigInt(latest.ranked))}`,
        ".",
      ),
    );
    if (entry.actions.length > 0)
      points.push(
        h(
          "div",
          { class: "scroll" },
          stackable(
            h(
              "table",
              { id: "lookup-breakdown" },
              h(
                "caption",
                {},
                "Score breakdown: each completion earns 3/4 of the previous one, up to the cap",
              ),
              h(
                "thead",
                {},
                h(
                  "tr",
                  {},
                  ...["Action", "dApp", "Done", "Counted", "Points per completion", "Points"].map(
                    (c) => h("th", { scope: "col" }, c),
                  ),
                ),
              ),
              h(
                "tbody",
                {},
                ...entry.actions.map((a) =>
                  h(
                    "tr",
                    {},
                    h("td", {}, a.action),
                    h("td", {}, a.dapp),
                    h("td", {}, String(a.completions)),
                    h("td", {}, `${a.counted} of ${a.cap}`),
                    h(
                      "td",
                      {},
                      a.perCompletion.slice(0, 6).map(pts).join(", ") +
                        (a.perCompletion.length > 6 ? ", …" : ""),
                    ),
                    h("td", {}, pts(a.points)),
                  ),
                ),
              ),
            ),
          ),
        ),
      );
    points.push(
      h(
        "ul",
        { class: "facts" },
        h("li", {}, `Action points: ${pts(entry.actionPoints)}`),
        h(
          "li",
          {},
          `Boosted: ${pts(entry.boosted)}`,
          entry.boosts.length > 0
            ? ` (${entry.boosts.map((b) => `${b.boost} ${b.effect}`).join("; ")}: ×${entry.effect.numerator}/${entry.effect.denominator}, then +${pts(entry.effect.fixed)})`
            : " (no boost)",
        ),
        h(
          "li",
          {},
          `Dollar floor: ${entry.mint ? `${formatDollars(BigInt(entry.dollars))} (join #${entry.mint.ordinal})` : "none (not joined before the epoch's end)"}`,
        ),
        h("li", {}, `Score = max(boosted, dollar floor) = ${pts(entry.score)}`),
      ),
    );
  }

  const rewardRows = rewards.map((r) => {
    const t = tokenOf(r.token);
    return h(
      "tr",
      { "data-token": t.symbol },
      h("th", { scope: "row" }, t.symbol),
      h("td", {}, amount(r.cumulative, t)),
      h("td", {}, amount(r.claimed, t)),
      h("td", { class: "claimable" }, amount(r.claimable, t)),
      h("td", {}, amount(r.waiting, t)),
    );
  });
  const epochRows = m.epochs.map((e) =>
    h(
      "tr",
      {},
      h("th", { scope: "row" }, String(e.epoch)),
      h("td", {}, when(e.endTime)),
      (() => {
        const state = epochState(e, dist, now);
        const cell = h("td", {}, epochStateText(state, dist.claimDeadline));
        if (state.state === "pending")
          ticking(cell, state.validAt, now, (left) =>
            epochStateText({ ...state, secondsLeft: left }, dist.claimDeadline),
          );
        return cell;
      })(),
    ),
  );
  fill(
    out,
    h("h3", {}, `${getAddress(address)}`),
    joinBlock,
    ...points,
    h(
      "div",
      { class: "scroll" },
      stackable(
        h(
          "table",
          { id: "lookup-rewards" },
          h("caption", {}, "Rewards per token"),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ...["Token", "Cumulative", "Claimed", "Claimable now", "Waiting for a root"].map(
                (c) => h("th", { scope: "col" }, c),
              ),
            ),
          ),
          h("tbody", {}, ...rewardRows),
        ),
      ),
    ),
    m.epochs.length > 0
      ? h(
          "div",
          { class: "scroll" },
          stackable(
            h(
              "table",
              { id: "lookup-epochs" },
              h("caption", {}, "Epochs"),
              h(
                "thead",
                {},
                h(
                  "tr",
                  {},
                  ...["Epoch", "Ended", "State"].map((c) => h("th", { scope: "col" }, c)),
                ),
              ),
              h("tbody", {}, ...epochRows),
            ),
          ),
        )
      : null,
    dist.claimDeadline > 0 ? h("p", {}, `Claim deadline: ${when(dist.claimDeadline)}.`) : null,
  );
  say($("lookup-status"), "ok", `Showing ${short(address)} (chain time ${when(now)}).`);
}

/* Wallet */

function renderWallets(): void {
  const list = $("wallet-list");
  if (wallets.length === 0) {
    fill(
      list,
      h(
        "p",
        {},
        "No wallet found in this browser. Install one (any EIP-6963 wallet), or look up an address above without one.",
      ),
    );
    return;
  }
  fill(
    list,
    ...wallets.map((w) =>
      h(
        "button",
        {
          type: "button",
          class: "wallet",
          "data-wallet": w.info.name,
          onclick: () => void connect(w),
        },
        w.info.icon ? h("img", { src: w.info.icon, alt: "", width: "24", height: "24" }) : null,
        `Connect ${w.info.name}`,
      ),
    ),
  );
}

function renderWalletStatus(): void {
  const status = $("wallet-status");
  const switchButton = $<HTMLButtonElement>("switch-chain");
  switchButton.hidden = true;
  if (!wallet || !account) {
    say(status, "info", "No wallet connected.");
    return;
  }
  if (!onSeasonChain()) {
    say(
      status,
      "error",
      `Connected ${short(account)} with ${wallet.info.name}, but on the wrong chain (${walletChain}): the season runs on ${m.chain.name} (chain ${m.chain.chainId}).`,
    );
    switchButton.hidden = false;
    return;
  }
  say(status, "ok", `Connected: ${account} with ${wallet.info.name}, on ${m.chain.name}.`);
  const claimFor = $<HTMLInputElement>("claim-for");
  if (!claimFor.value) claimFor.value = account;
}

let unsubscribe: (() => void) | undefined;

async function connect(w: Wallet): Promise<void> {
  const status = $("wallet-status");
  say(status, "pending", `Asking ${w.info.name} to connect…`);
  try {
    const accounts = (await w.provider.request({ method: "eth_requestAccounts" })) as string[];
    const chainId = (await w.provider.request({ method: "eth_chainId" })) as string;
    unsubscribe?.();
    wallet = w;
    account = accounts[0] ? getAddress(accounts[0]) : undefined;
    walletChain = Number(chainId);
    const onAccounts = (...args: unknown[]) => {
      const list = args[0] as string[];
      account = list[0] ? getAddress(list[0]) : undefined;
      if (!account) wallet = undefined;
      renderWalletStatus();
      void refreshMine();
    };
    const onChain = (...args: unknown[]) => {
      walletChain = Number(args[0] as string);
      renderWalletStatus();
      void refreshMine();
    };
    w.provider.on?.("accountsChanged", onAccounts);
    w.provider.on?.("chainChanged", onChain);
    unsubscribe = () => {
      w.provider.removeListener?.("accountsChanged", onAccounts);
      w.provider.removeListener?.("chainChanged", onChain);
    };
    renderWalletStatus();
    await refreshMine();
  } catch (e) {
    sayError(status, e, "You declined the connection in your wallet: nothing changed.");
  }
}

async function doSwitch(): Promise<void> {
  if (!wallet) return;
  const status = $("wallet-status");
  say(status, "pending", `Asking ${wallet.info.name} to switch to ${m.chain.name}…`);
  try {
    await switchChain(wallet.provider, m);
    walletChain = Number((await wallet.provider.request({ method: "eth_chainId" })) as string);
    renderWalletStatus();
    await refreshMine();
  } catch (e) {
    sayError(status, e, "You declined the network switch: the wallet stays on its chain.");
    $<HTMLButtonElement>("switch-chain").hidden = false;
  }
}

/* Join */

async function renderJoin(): Promise<void> {
  const preview = $("join-preview");
  const tiers = tiersOfSite(m.mint.tiers);
  const mint = await chain.mintView(reader, m, account);
  const now = await chain.chainNow(reader);
  $("voucher-box").hidden = mint.mode !== "voucher";
  const lines: Child[] = [];
  if (mint.joined)
    lines.push(
      `${account ? short(account) : "This address"} has joined: ordinal #${mint.joined.ordinal}, tier ${mint.joined.tier + 1}.`,
    );
  else if (mint.closed) lines.push("The mint is closed.");
  else if (mint.paused) lines.push("The mint is paused by the operator.");
  else if (now < mint.openingTime) lines.push(`The mint opens at ${when(mint.openingTime)}.`);
  else {
    const next = nextJoin(mint.claimCount, tiers);
    const q = quote(
      next.ordinal,
      tiers,
      m.mint.basket.map((b) => ({ ...b, price: BigInt(b.price) })),
    );
    lines.push(
      `Joining now gets ordinal #${groupDigits(next.ordinal)} if nobody joins first: tier ${next.tier + 1}, ${formatDollars(next.dollars)} of tokens: ${q.amounts.map((a, i) => amount(a, m.mint.basket[i])).join(", ")}.`,
      mint.mode === "voucher"
        ? " The mint asks for a voucher from the season's registrar."
        : " Open mode: no voucher needed.",
    );
  }
  fill(preview, ...lines);
}

function pastedVoucher(): VoucherFile | undefined {
  const text = $<HTMLTextAreaElement>("voucher-input").value.trim();
  if (!text) return undefined;
  return parseVoucherFile(text, "the pasted voucher");
}

async function doJoin(): Promise<void> {
  const status = $("join-status");
  const problem = walletProblem();
  if (problem) return say(status, "error", problem);
  const me = account!;
  const mint = await chain.mintView(reader, m, me);
  if (mint.joined)
    return say(
      status,
      "error",
      `This address has already joined (ordinal #${mint.joined.ordinal}).`,
    );
  if (mint.closed) return say(status, "error", "The mint is closed: no more joins.");
  if (mint.paused)
    return say(status, "error", "The mint is paused by the operator: try again later.");
  let voucher: VoucherFile | undefined;
  if (mint.mode === "voucher") {
    try {
      voucher = pastedVoucher();
    } catch (e) {
      return say(status, "error", `The pasted text is not a voucher: ${(e as Error).message}`);
    }
    if (!voucher) {
      const found = await loadVoucher(m, me);
      if (!found)
        return say(
          status,
          "error",
          "No voucher for this address in the site: paste the voucher the season's registrar sent you.",
        );
      voucher = { kind: VOUCHER_KIND, chainId: m.chain.chainId, mint: m.contracts.mint, ...found };
      say(status, "info", "Found your voucher in the site's vouchers file.");
    }
    const refusal = voucherRefusal(voucher, {
      chainId: BigInt(m.chain.chainId),
      mint: m.contracts.mint,
      claimer: me,
      now: BigInt(await chain.chainNow(reader)),
      registrar: mint.registrar,
    });
    if (refusal) return say(status, "error", `This voucher cannot be used: ${refusal}.`);
  }
  const v = voucher;
  const receipt = await send(status, "your join", (s) => chain.joinTx(s, m, v));
  if (receipt) {
    await renderJoin();
    await lookup(me);
  }
}

/* Riddles */

async function renderRiddles(): Promise<void> {
  const list = $("riddle-list");
  const [all, now] = await Promise.all([chain.riddles(reader, m), chain.chainNow(reader)]);
  if (all.length === 0) return fill(list, h("p", {}, "No riddle has been published yet."));
  const views = await Promise.all(all.map((r) => chain.riddleView(reader, m, r, account)));
  const today = [...views].reverse().find(
    (v) =>
      riddlePhase(
        {
          ...v.riddle,
          commitDeadline: BigInt(v.riddle.commitDeadline),
          revealDeadline: BigInt(v.riddle.revealDeadline),
          answerRevealed: v.answerRevealed,
        },
        BigInt(now),
      ) === "commit",
  );
  fill(list, ...views.reverse().map((v) => riddleCard(v, now, v === today)));
}

function riddleCard(v: chain.RiddleView, now: number, today: boolean): HTMLElement {
  const r = v.riddle;
  const phase = riddlePhase(
    {
      commitDeadline: BigInt(r.commitDeadline),
      revealDeadline: BigInt(r.revealDeadline),
      answerRevealed: v.answerRevealed,
    },
    BigInt(now),
  );
  const committed = v.commitment !== `0x${"00".repeat(32)}`;
  const secret = account
    ? findSecret(m.chain.chainId, m.contracts.riddles, r.id, account)
    : undefined;
  const phaseText: Record<typeof phase, string> = {
    commit: `Commit your answer before ${when(r.commitDeadline)} (${countdown(r.commitDeadline - now)} left).`,
    "awaiting-answer": `Commits are closed; the reveal opens once the operator reveals the answer (before ${when(r.revealDeadline)}).`,
    reveal: `The answer is out: reveal yours before ${when(r.revealDeadline)} (${countdown(r.revealDeadline - now)} left).`,
    closed: "Closed: the winners are final.",
    expired: "Closed without an answer: nobody earns this boost.",
  };
  const mine = !account
    ? "Connect a wallet to answer."
    : v.earned
      ? "You earned this boost."
      : committed
        ? secret
          ? "Committed from this browser: reveal when the reveal window opens."
          : "Committed, but this browser does not hold the answer and salt: import them to reveal."
        : "Not committed.";
  const id = `riddle-${r.id}`;
  return h(
    "article",
    { class: "riddle", id, "aria-labelledby": `${id}-title` },
    h(
      "h3",
      { id: `${id}-title` },
      today ? `Today's riddle (#${r.id}, ${r.key})` : `Riddle #${r.id} (${r.key})`,
    ),
    h("p", { class: "question" }, r.question || "(no question text)"),
    h("p", {}, `Boost: ${r.effect}. ${phaseText[phase]}`),
    h("p", { id: `${id}-mine` }, mine),
    phase === "commit" && account && !committed
      ? h(
          "form",
          { onsubmit: (e: Event) => (e.preventDefault(), void doCommit(r)) },
          h("label", { for: `${id}-answer` }, "Your answer"),
          h("input", { id: `${id}-answer`, name: "answer", autocomplete: "off", required: true }),
          h("button", { type: "submit", id: `${id}-commit` }, "Commit answer"),
        )
      : null,
    phase === "reveal" && account && committed && !v.earned
      ? h(
          "button",
          { type: "button", id: `${id}-reveal`, onclick: () => void doReveal(r) },
          "Reveal my answer",
        )
      : null,
    h("p", { id: `${id}-status`, role: "status", class: "status" }),
  );
}

async function doCommit(r: SiteRiddle): Promise<void> {
  const status = $(`riddle-${r.id}-status`);
  const problem = walletProblem();
  if (problem) return say(status, "error", problem);
  let answer: string;
  try {
    answer = normalizeAnswer($<HTMLInputElement>(`riddle-${r.id}-answer`).value);
  } catch (e) {
    return say(status, "error", (e as Error).message);
  }
  const salt = randomSalt();
  const commitment = participantCommitment({
    chainId: BigInt(m.chain.chainId),
    board: m.contracts.riddles,
    riddle: r.id,
    participant: account!,
    answer,
    salt,
  });
  // Saved before sending: a commitment whose salt is lost cannot be revealed.
  saveSecret({
    chainId: m.chain.chainId,
    board: m.contracts.riddles,
    riddle: r.id,
    key: r.key,
    account: account!,
    answer,
    salt,
    commitment,
    revealed: false,
  });
  const receipt = await send(status, "your commitment", (s) =>
    chain.commitTx(s, m, r.id, commitment),
  );
  if (receipt) {
    await renderRiddles();
    say(
      $(`riddle-${r.id}-status`),
      "ok",
      "Committed. Your answer and salt are kept in this browser: export them to keep a copy.",
    );
  }
}

async function doReveal(r: SiteRiddle): Promise<void> {
  const status = $(`riddle-${r.id}-status`);
  const secret = account
    ? findSecret(m.chain.chainId, m.contracts.riddles, r.id, account)
    : undefined;
  if (!secret)
    return say(
      status,
      "error",
      "This browser does not hold the answer and salt of your commitment: import your exported secrets first.",
    );
  const receipt = await send(status, "your reveal", (s) =>
    chain.revealTx(s, m, r.id, secret.answer, secret.salt),
  );
  if (receipt) {
    saveSecret({ ...secret, revealed: true });
    await renderRiddles();
    const view = await chain.riddleView(reader, m, r, account);
    say(
      $(`riddle-${r.id}-status`),
      "ok",
      view.earned ? `Revealed: you earned ${r.effect}.` : "Revealed.",
    );
  }
}

function exportSecrets(): void {
  const blob = new Blob([JSON.stringify(allSecrets(), null, 2)], { type: "application/json" });
  const a = h("a", {
    href: URL.createObjectURL(blob),
    download: `riddle-secrets-${m.chain.chainId}.json`,
  });
  document.body.append(a);
  a.click();
  a.remove();
}

/* Claim */

async function doClaim(): Promise<void> {
  const status = $("claim-status");
  const problem = walletProblem();
  if (problem) return say(status, "error", problem);
  const forText = $<HTMLInputElement>("claim-for").value.trim() || account!;
  if (!isAddress(forText)) return say(status, "error", `'${forText}' is not an address.`);
  const to = getAddress(forText);
  const dist = await chain.distributorState(reader, m);
  const now = await chain.chainNow(reader);
  if (dist.epoch === 0) {
    if (dist.pending)
      return say(
        status,
        "error",
        `Root pending: epoch ${dist.pending.epoch} becomes claimable at ${when(dist.pending.validAt)} (in ${countdown(dist.pending.validAt - now)}).`,
      );
    return say(status, "error", "Nothing is claimable yet: no reward root has been published.");
  }
  if (dist.claimDeadline > 0 && now > dist.claimDeadline)
    return say(status, "error", `The claim deadline passed at ${when(dist.claimDeadline)}.`);
  if (await chain.distributorPaused(reader, m))
    return say(status, "error", "Claims are paused by the season's guardian: try again later.");
  const entry = await loadAccount(m, dist.epoch, to);
  if (!m.epochs.some((e) => e.epoch === dist.epoch))
    return say(
      status,
      "error",
      `The chain's accepted epoch ${dist.epoch} is not in this site yet: the operator must rebuild the site.`,
    );
  const selected = [
    ...document.querySelectorAll<HTMLInputElement>("#claim-tokens input:checked"),
  ].map((i) => i.value.toLowerCase());
  const tokens = m.rewardTokens
    .map((t) => t.address)
    .filter((t) => selected.includes(t.toLowerCase()));
  if (tokens.length === 0) return say(status, "error", "Choose at least one token to claim.");
  const claimed = await chain.claimedOf(reader, m, to, tokens);
  const rewards = tokenRewards(
    tokens,
    entry,
    entry,
    (t) => claimed.get(t.toLowerCase()) ?? 0n,
  ).filter((r) => r.claimable > 0n);
  if (rewards.length === 0) {
    const pending = dist.pending
      ? ` Epoch ${dist.pending.epoch} is pending: more may be claimable at ${when(dist.pending.validAt)}.`
      : "";
    return say(
      status,
      "error",
      `Nothing to claim for ${short(to)} under the accepted root (epoch ${dist.epoch}).${pending}`,
    );
  }
  const claims = rewards.map((r) => {
    const leaf = entry!.rewards.find((x) => x.token === r.token)!;
    return {
      account: to,
      token: getAddress(r.token),
      cumulativeAmount: BigInt(leaf.cumulative),
      proof: leaf.proof,
    };
  });
  const what = `a claim of ${rewards.map((r) => amount(r.claimable, tokenOf(r.token))).join(" and ")} for ${short(to)}`;
  const receipt = await send(status, what, (s) => chain.claimManyTx(s, m, claims));
  if (receipt) {
    const balances = await chain.balancesOf(reader, to, tokens);
    fill(
      $("claim-balances"),
      `Balances of ${to} now: `,
      ...tokens.map((t, i) =>
        h(
          "span",
          { class: "balance", "data-token": tokenOf(t).symbol },
          `${i > 0 ? ", " : ""}${amount(balances.get(t.toLowerCase()) ?? 0n, tokenOf(t))}`,
        ),
      ),
      ".",
    );
    await lookup(to);
  }
}

/* Leaderboard */

let boardEpoch = 0;
let boardPage = 1;
let boardHighlight = "";

async function renderBoard(): Promise<void> {
  const e = m.epochs.find((x) => x.epoch === boardEpoch);
  const body = $("board-body");
  if (!e) {
    fill(body, h("tr", {}, h("td", { colspan: "4" }, "No closed epoch yet.")));
    fill($("board-page"), "");
    return;
  }
  const page = await loadLeaderboard(e.epoch, boardPage);
  fill(
    body,
    ...(page?.rows ?? []).map(([rank, acct, score, dollars]) =>
      h(
        "tr",
        acct === boardHighlight ? { "aria-current": "true", class: "current" } : {},
        h("td", {}, groupDigits(BigInt(rank))),
        h("td", {}, h("code", { title: acct }, acct)),
        h("td", {}, pts(score)),
        h("td", {}, formatDollars(BigInt(dollars))),
      ),
    ),
  );
  stackable(body.closest("table")!);
  fill(
    $("board-page"),
    `Epoch ${e.epoch}: page ${boardPage} of ${e.pages} (${groupDigits(BigInt(e.ranked))} ranked)`,
  );
  $<HTMLButtonElement>("board-prev").disabled = boardPage <= 1;
  $<HTMLButtonElement>("board-next").disabled = boardPage >= e.pages;
}

async function searchBoard(): Promise<void> {
  const text = $<HTMLInputElement>("board-search").value.trim();
  const status = $("board-status");
  if (!isAddress(text)) return say(status, "error", `'${text}' is not an address.`);
  const e = m.epochs.find((x) => x.epoch === boardEpoch);
  if (!e) return;
  const entry = await loadAccount(m, e.epoch, text);
  if (!entry || entry.rank === null)
    return say(status, "info", `${short(text)} is not ranked in epoch ${e.epoch}.`);
  boardPage = Math.ceil(entry.rank / e.pageSize);
  boardHighlight = text.toLowerCase();
  await renderBoard();
  say(
    status,
    "ok",
    `${short(text)} is ranked ${groupDigits(BigInt(entry.rank))} with ${pts(entry.score)} points.`,
  );
}

/* Wiring */

async function lookup(address: string): Promise<void> {
  try {
    await renderLookup(address);
  } catch (e) {
    say(
      $("lookup-status"),
      "error",
      `Could not look up ${short(address)}: ${explain(e, m.chain.nativeSymbol).text}`,
    );
  }
}

async function refreshMine(): Promise<void> {
  await Promise.all([renderJoin(), renderRiddles()]).catch((e) =>
    say(
      $("wallet-status"),
      "error",
      `Could not read the chain: ${explain(e, m.chain.nativeSymbol).text}`,
    ),
  );
  if (account && onSeasonChain()) {
    $<HTMLInputElement>("lookup-address").value ||= account;
  }
}

async function main(): Promise<void> {
  try {
    m = await loadManifest();
  } catch (e) {
    say($("lookup-status"), "error", (e as Error).message);
    return;
  }
  reader = chain.readProvider(m);
  fill($("season-name"), m.season);
  fill(
    $("season-facts"),
    `${m.chain.name} (chain ${m.chain.chainId}) · mint ${m.mint.mode === "voucher" ? "by voucher" : "open"} · ${m.epochs.length} of ${m.schedule.length} epochs closed · `,
    h(
      "a",
      {
        href: m.chain.explorer
          ? `${m.chain.explorer}/address/${m.contracts.distributor}`
          : "#contracts",
      },
      "contracts",
    ),
  );
  fill(
    $("contracts"),
    ...Object.entries(m.contracts).map(([k, v]) => h("li", {}, `${k}: `, h("code", {}, v))),
  );
  fill(
    $("claim-tokens"),
    h("legend", {}, "Tokens"),
    ...m.rewardTokens.map((t) =>
      h(
        "label",
        {},
        h("input", { type: "checkbox", value: t.address, checked: true, name: "token" }),
        ` ${t.symbol}`,
      ),
    ),
  );
  const select = $<HTMLSelectElement>("board-epoch");
  fill(select, ...m.epochs.map((e) => h("option", { value: String(e.epoch) }, `Epoch ${e.epoch}`)));
  boardEpoch = m.epochs[m.epochs.length - 1]?.epoch ?? 0;
  select.value = String(boardEpoch);

  $("lookup-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $<HTMLInputElement>("lookup-address").value.trim();
    if (!isAddress(text))
      return say(
        $("lookup-status"),
        "error",
        `'${text}' is not an address (0x followed by 40 hex digits).`,
      );
    void lookup(text);
  });
  $("switch-chain").addEventListener("click", () => void doSwitch());
  $("join-button").addEventListener("click", () => void doJoin());
  $("claim-form").addEventListener("submit", (e) => (e.preventDefault(), void doClaim()));
  $("export-secrets").addEventListener("click", exportSecrets);
  $("import-secrets").addEventListener("change", (e) => {
    const input = e.target as HTMLInputElement;
    const picked = input.files?.[0];
    if (!picked) return;
    void picked.text().then((text) => {
      try {
        const n = importSecrets(text);
        say($("riddles-status"), "ok", `Imported ${n} riddle secret${n === 1 ? "" : "s"}.`);
        void renderRiddles();
      } catch (err) {
        say($("riddles-status"), "error", `Not a riddle secrets file: ${(err as Error).message}`);
      }
      input.value = "";
    });
  });
  $("board-prev").addEventListener("click", () => ((boardPage -= 1), void renderBoard()));
  $("board-next").addEventListener("click", () => ((boardPage += 1), void renderBoard()));
  select.addEventListener(
    "change",
    () => ((boardEpoch = Number(select.value)), (boardPage = 1), void renderBoard()),
  );
  $("board-form").addEventListener("submit", (e) => (e.preventDefault(), void searchBoard()));
  window.addEventListener("beforeunload", (e) => {
    if (hasUnrevealed()) {
      e.preventDefault();
      e.returnValue = "";
    }
  });
  discoverWallets((list) => {
    wallets = list;
    renderWallets();
  });
  renderWalletStatus();
  await Promise.all([refreshMine(), renderBoard()]);
  document.body.dataset.ready = "true";
}

void main();
