/**
 * season:status: one screen for the operator of a deployed season. The task reads the chain and
 * the epoch folders into a `SeasonStatus`; this file renders it for people (tables, whole tokens
 * with their symbol, tiers from 1) and for machines (JSON, base units).
 */
import { formatTable } from "../format/table";
import { groupDigits } from "../format/number";
import { isoTime } from "../format/time";
import { toJson } from "../json-file";
import { formatDollars } from "../mint/format";
import { formatTokenAmount } from "./funding";

export interface SeasonStatus {
  season: string;
  network: string;
  chainId: string;
  /** The chain's latest block time. */
  chainTime: number;
  contracts: { name: string; address: string; block: number }[];
  roles: {
    owner: string;
    /** null: no guardian (only the owner can revoke or pause). */
    guardian: string | null;
    publishers: string[];
    /** null in open mode. */
    registrar: string | null;
    reporters: { dapp: string; reporters: string[] }[];
  };
  mint: {
    state: "open" | "paused" | "closed" | "not yet open";
    mode: "open" | "voucher";
    claims: bigint;
    /** Tiers numbered from 1. */
    tiers: { tier: number; ordinals: string; dollars: bigint; claims: bigint }[];
    nextOrdinal: bigint;
    nextTier: number;
  };
  riddles: {
    key: string;
    phase: string;
    commitDeadline: number;
    revealDeadline: number;
    revealed: boolean;
    winners: number;
  }[];
  epochs: {
    epoch: number;
    endTime: number;
    /** running, ended (not closed), closed (not published), pending, accepted, revoked. */
    state: "running" | "ended" | "closed" | "pending" | "accepted" | "revoked";
    root?: string;
    /** For a pending root: when it can be accepted. */
    validAt?: number;
  }[];
  tokens: {
    token: string;
    symbol: string;
    decimals: number;
    /** Σ Funded. */
    funded: bigint;
    /** Cumulative entitlements of the latest closed epoch. */
    allocated: bigint;
    claimed: bigint;
    /** Cumulative of the latest published epoch (pending or accepted) minus what was claimed. */
    owed: bigint;
    balance: bigint;
    shortfall: bigint;
  }[];
  next: { command: string; why: string; from?: number };
}

/** Base units as whole tokens with grouped digits and the symbol: "1,500.25 tREWARD". */
export function wholeTokens(units: bigint, decimals: number, symbol: string): string {
  const [whole, fraction] = formatTokenAmount(units, decimals).split(".");
  return `${groupDigits(BigInt(whole))}${fraction === undefined ? "" : `.${fraction}`} ${symbol}`;
}

function epochDetail(e: SeasonStatus["epochs"][number], now: number): string {
  switch (e.state) {
    case "running":
      return `ends ${isoTime(e.endTime)}`;
    case "ended":
      return `ended ${isoTime(e.endTime)}: close it`;
    case "closed":
      return "closed, not published";
    case "pending":
      return e.validAt !== undefined && e.validAt > now
        ? `acceptable from ${isoTime(e.validAt)}`
        : "acceptable now";
    default:
      return "";
  }
}

/** The status for people. */
export function renderSeasonStatus(s: SeasonStatus): string {
  const lines: string[] = [
    `Season '${s.season}' on network '${s.network}' (chain ${s.chainId}), chain time ${isoTime(s.chainTime)}`,
    "",
    formatTable(
      ["contract", "address", "block"],
      s.contracts.map((c) => [c.name, c.address, c.block]),
    ),
    "",
    "Roles:",
    formatTable(
      ["role", "holder"],
      [
        ["owner", s.roles.owner],
        ["guardian", s.roles.guardian ?? "none (only the owner can revoke a root or pause claims)"],
        ...s.roles.publishers.map((p) => ["publisher", p]),
        ["registrar", s.roles.registrar ?? "none (open mint)"],
        ...s.roles.reporters.flatMap((d) =>
          d.reporters.length === 0
            ? [[`reporter ${d.dapp}`, "none"]]
            : d.reporters.map((r) => [`reporter ${d.dapp}`, r]),
        ),
      ],
    ),
    "",
    `Mint: ${s.mint.state}, ${s.mint.mode} mode, ${groupDigits(s.mint.claims)} claims; next ordinal ${groupDigits(s.mint.nextOrdinal)} is in tier ${s.mint.nextTier}`,
    formatTable(
      ["tier", "ordinals", "dollars", "claims"],
      s.mint.tiers.map((t) => [
        t.tier,
        t.ordinals,
        formatDollars(t.dollars),
        groupDigits(t.claims),
      ]),
      [true, false, true, true],
    ),
    "",
    `Riddles: ${s.riddles.length}`,
  ];
  if (s.riddles.length > 0)
    lines.push(
      formatTable(
        ["key", "phase", "commits until", "reveals until", "answer", "winners"],
        s.riddles.map((r) => [
          r.key,
          r.phase,
          isoTime(r.commitDeadline),
          isoTime(r.revealDeadline),
          r.revealed ? "revealed" : "hidden",
          r.winners,
        ]),
      ),
    );
  lines.push(
    "",
    "Epochs:",
    formatTable(
      ["epoch", "ends", "state", "detail"],
      s.epochs.map((e) => [e.epoch, isoTime(e.endTime), e.state, epochDetail(e, s.chainTime)]),
      [true, false, false, false],
    ),
    "",
    "Rewards:",
    formatTable(
      ["token", "funded", "allocated", "claimed", "owed", "balance", "shortfall"],
      s.tokens.map((t) => {
        const f = (v: bigint) => wholeTokens(v, t.decimals, t.symbol);
        return [
          t.symbol,
          f(t.funded),
          f(t.allocated),
          f(t.claimed),
          f(t.owed),
          f(t.balance),
          t.shortfall > 0n ? f(t.shortfall) : "none",
        ];
      }),
      [false, true, true, true, true, true, true],
    ),
    "",
    `${s.next.why}`,
    `next: ${s.next.command}${s.next.from !== undefined ? ` (from ${isoTime(s.next.from)})` : ""}`,
  );
  return lines.join("\n");
}

/** The status for machines: bigints (base units) as decimal strings. */
export function seasonStatusJson(s: SeasonStatus): string {
  return toJson(s);
}
