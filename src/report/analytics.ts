/**
 * The season's analytics for the report, from the exported events (events.ndjson) and a few
 * facts read from the chain: joins per tier per day and how full each tier is, daily and weekly
 * active participants, actions per dApp and per catalog action per day, transactions per day,
 * retention by join cohort and the funnel, how much activity decay and caps made worthless, and
 * the riddles. Days are UTC calendar days. Actions are counted once per ref, as the engine does.
 * Pure: plain data in, plain numbers out (JSON-ready).
 */
import { countedCompletions } from "../engine/decay";
import type { SeasonEvent } from "../engine/events";
import { pointsToUnits } from "../engine/units";
import { OPEN_TIER, type Tier } from "../mint/tiers";

const DAY = 86_400;

export interface CatalogEntry {
  dapp: string;
  points: string;
  maxRepeats?: number;
}

export interface RiddleChainStats {
  key: string;
  /** AnswerCommitted events. */
  answers: number;
  /** BoostEarned events (right answers revealed in time). */
  right: number;
}

export interface AnalyticsInputs {
  events: readonly SeasonEvent[];
  actions: Readonly<Record<string, CatalogEntry>>;
  tiers: readonly Tier[];
  /** The catalog action a mint also counts as (not an action of its own in the funnel). */
  joinAction?: string;
  /** Accounts that claimed a reward (the distributor's Claimed events). */
  claimants?: ReadonlySet<string>;
  /** Accounts that committed an answer to a riddle. */
  answerers?: ReadonlySet<string>;
  /** Transactions per UTC day number (floor(time / 86,400)), from the chain's blocks. */
  transactionsPerDay?: ReadonlyMap<number, number>;
  riddles?: readonly RiddleChainStats[];
  /** The last closed epoch and its end: boosts at or after it are not counted yet. */
  lastEpoch?: { epoch: number; endTime: number };
}

export interface DailyCounts {
  /** Per day of `days`. */
  perDay: number[];
  total: number;
}

export interface SeasonAnalytics {
  /** The UTC dates covered, "YYYY-MM-DD", first to last day with an event or a transaction. */
  days: string[];
  mint: {
    tiers: {
      tier: number;
      /** Ordinals in the tier; null for the open tier. */
      cap: number | null;
      joins: DailyCounts;
    }[];
  };
  activity: {
    dau: number[];
    /** Distinct participants active in the 7 days ending on each day. */
    wau: number[];
    /** Null when the chain's blocks were not read. */
    transactions: DailyCounts | null;
    perDapp: { dapp: string; actions: DailyCounts; participants: number[]; unique: number }[];
    perAction: { action: string; dapp: string; actions: DailyCounts; unique: number }[];
  };
  retention: {
    /** Per join day: joined, then how many were active again 1 and 7 days later (null: not yet). */
    cohorts: { day: string; joined: number; day1: number | null; day7: number | null }[];
    funnel: { step: string; participants: number }[];
  };
  decay: {
    actions: {
      action: string;
      /** Completions that earn something at most (maxRepeats or until decay reaches zero). */
      cap: number;
      completions: number;
      /** Completions after the fifth by the same participant. */
      pastFifth: number;
      /** Completions past the cap (worth nothing). */
      pastCap: number;
      /** Participants who reached the cap. */
      atCap: number;
    }[];
  };
  riddles: {
    key: string;
    answers: number | null;
    right: number | null;
    /** answers − right: wrong, or never revealed. */
    wrong: number | null;
    /** Boost events exported (excluded accounts are never exported). */
    exported: number;
    /** Of those, the ones before the last closed epoch's end (what its scores count). */
    counted: number;
  }[];
}

export function utcDate(day: number): string {
  return new Date(day * DAY * 1000).toISOString().slice(0, 10);
}

function counts(n: number): DailyCounts {
  return { perDay: new Array<number>(n).fill(0), total: 0 };
}

/** The analytics of a season's events. */
export function seasonAnalytics(inputs: AnalyticsInputs): SeasonAnalytics {
  const seenRefs = new Set<string>();
  const mints = new Map<string, { ordinal: number; day: number }>();
  const actions: { account: string; action: string; day: number }[] = [];
  const boosts: { account: string; boost: string; time: number }[] = [];
  const activeDays = new Map<string, Set<number>>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const seeDay = (d: number) => {
    if (d < first) first = d;
    if (d > last) last = d;
  };
  const active = (account: string, day: number) => {
    const s = activeDays.get(account) ?? new Set<number>();
    s.add(day);
    activeDays.set(account, s);
  };
  for (const e of inputs.events) {
    const day = Math.floor(e.time / DAY);
    seeDay(day);
    if (e.kind === "mint") {
      if (!mints.has(e.account)) mints.set(e.account, { ordinal: e.ordinal, day });
    } else if (e.kind === "action") {
      if (seenRefs.has(e.ref)) continue;
      seenRefs.add(e.ref);
      actions.push({ account: e.account, action: e.action, day });
    } else boosts.push({ account: e.account, boost: e.boost, time: e.time });
    active(e.account, day);
  }
  for (const d of inputs.transactionsPerDay?.keys() ?? []) seeDay(d);
  if (first > last) {
    first = 0;
    last = -1;
  }
  const n = last - first + 1;
  const days = Array.from({ length: n }, (_, i) => utcDate(first + i));
  const at = (day: number) => day - first;

  // Mint.
  const tiers = inputs.tiers.map((t, i) => ({
    tier: i + 1,
    cap:
      t.lastOrdinal === OPEN_TIER
        ? null
        : Number(t.lastOrdinal - (i ? inputs.tiers[i - 1].lastOrdinal : 0n)),
    joins: counts(n),
  }));
  for (const m of mints.values()) {
    const i = inputs.tiers.findIndex((t) => BigInt(m.ordinal) <= t.lastOrdinal);
    const row = tiers[i < 0 ? tiers.length - 1 : i];
    row.joins.perDay[at(m.day)]++;
    row.joins.total++;
  }

  // Activity.
  const dau = days.map(() => new Set<string>());
  for (const [account, ds] of activeDays) for (const d of ds) dau[at(d)].add(account);
  const wau = days.map((_, i) => {
    const s = new Set<string>();
    for (let k = Math.max(0, i - 6); k <= i; k++) for (const a of dau[k]) s.add(a);
    return s.size;
  });
  let transactions: DailyCounts | null = null;
  if (inputs.transactionsPerDay) {
    transactions = counts(n);
    for (const [d, c] of inputs.transactionsPerDay) {
      transactions.perDay[at(d)] += c;
      transactions.total += c;
    }
  }
  const dappOf = (action: string) => inputs.actions[action]?.dapp ?? "(not in the catalog)";
  const perDapp = new Map<
    string,
    { actions: DailyCounts; daily: Set<string>[]; all: Set<string> }
  >();
  const perAction = new Map<string, { actions: DailyCounts; all: Set<string> }>();
  const completions = new Map<string, number>();
  for (const a of actions) {
    const dapp = dappOf(a.action);
    const pd = perDapp.get(dapp) ?? {
      actions: counts(n),
      daily: days.map(() => new Set<string>()),
      all: new Set<string>(),
    };
    pd.actions.perDay[at(a.day)]++;
    pd.actions.total++;
    pd.daily[at(a.day)].add(a.account);
    pd.all.add(a.account);
    perDapp.set(dapp, pd);
    const pa = perAction.get(a.action) ?? { actions: counts(n), all: new Set<string>() };
    pa.actions.perDay[at(a.day)]++;
    pa.actions.total++;
    pa.all.add(a.account);
    perAction.set(a.action, pa);
    const key = `${a.action}\n${a.account}`;
    completions.set(key, (completions.get(key) ?? 0) + 1);
  }
  const byName = <T>(m: Map<string, T>) => [...m.entries()].sort(([x], [y]) => (x < y ? -1 : 1));

  // Retention and funnel.
  const cohorts = new Map<number, string[]>();
  for (const [account, m] of mints) {
    const list = cohorts.get(m.day);
    if (list) list.push(account);
    else cohorts.set(m.day, [account]);
  }
  const activeOn = (account: string, day: number) => activeDays.get(account)?.has(day) ?? false;
  const actionDapps = new Map<string, Set<string>>();
  for (const a of actions) {
    if (a.action === inputs.joinAction) continue;
    const s = actionDapps.get(a.account) ?? new Set<string>();
    s.add(dappOf(a.action));
    actionDapps.set(a.account, s);
  }
  const boosted = new Set(boosts.map((b) => b.account));
  const joined = [...mints.keys()];
  const steps: [string, (a: string) => boolean][] = [
    ["joined (minted)", () => true],
    ["a first action", (a) => actionDapps.has(a)],
    ["actions on 3 or more dApps", (a) => (actionDapps.get(a)?.size ?? 0) >= 3],
    ["a riddle answered", (a) => (inputs.answerers ?? boosted).has(a)],
    ["a reward claimed", (a) => inputs.claimants?.has(a) ?? false],
  ];
  let remaining = joined;
  const funnel = steps
    .filter(([step]) => step !== "a reward claimed" || inputs.claimants !== undefined)
    .map(([step, test]) => {
      remaining = remaining.filter(test);
      return { step, participants: remaining.length };
    });

  // Decay.
  const decay = byName(perAction).map(([action]) => {
    const entry = inputs.actions[action];
    const cap = entry ? countedCompletions(pointsToUnits(entry.points), entry.maxRepeats) : 0;
    let total = 0;
    let pastFifth = 0;
    let pastCap = 0;
    let atCap = 0;
    for (const [key, c] of completions) {
      if (!key.startsWith(`${action}\n`)) continue;
      total += c;
      pastFifth += Math.max(0, c - 5);
      pastCap += Math.max(0, c - cap);
      if (c >= cap) atCap++;
    }
    return { action, cap, completions: total, pastFifth, pastCap, atCap };
  });

  // Riddles.
  const boostKeys = new Set([
    ...boosts.map((b) => b.boost),
    ...(inputs.riddles ?? []).map((r) => r.key),
  ]);
  const riddles = [...boostKeys].sort().map((key) => {
    const chain = inputs.riddles?.find((r) => r.key === key);
    const mine = boosts.filter((b) => b.boost === key);
    const distinct = new Set(mine.map((b) => b.account));
    const counted = new Set(
      mine
        .filter((b) => inputs.lastEpoch === undefined || b.time < inputs.lastEpoch.endTime)
        .map((b) => b.account),
    );
    return {
      key,
      answers: chain?.answers ?? null,
      right: chain?.right ?? null,
      wrong: chain ? chain.answers - chain.right : null,
      exported: distinct.size,
      counted: counted.size,
    };
  });

  return {
    days,
    mint: { tiers },
    activity: {
      dau: dau.map((s) => s.size),
      wau,
      transactions,
      perDapp: byName(perDapp).map(([dapp, p]) => ({
        dapp,
        actions: p.actions,
        participants: p.daily.map((s) => s.size),
        unique: p.all.size,
      })),
      perAction: byName(perAction).map(([action, p]) => ({
        action,
        dapp: dappOf(action),
        actions: p.actions,
        unique: p.all.size,
      })),
    },
    retention: {
      cohorts: [...cohorts.entries()]
        .sort(([x], [y]) => x - y)
        .map(([day, accounts]) => ({
          day: utcDate(day),
          joined: accounts.length,
          day1: day + 1 > last ? null : accounts.filter((a) => activeOn(a, day + 1)).length,
          day7: day + 7 > last ? null : accounts.filter((a) => activeOn(a, day + 7)).length,
        })),
      funnel,
    },
    decay: { actions: decay },
    riddles,
  };
}
