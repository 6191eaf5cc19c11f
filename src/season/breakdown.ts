/**
 * One participant's score explained (`points:me`): per action the completions counted and the
 * decayed points of each, the boosts earned, the dollar floor, and the score. Nothing here is a
 * rule of its own: events are deduplicated by the engine's EventLog (a ref counts once, a boost
 * earned twice counts once), points come from the engine's decay tables (catalog.ts, decay.ts),
 * boosts and the score from boosts.ts and score.ts. The epoch counts events with time < endTime,
 * as the engine does, so the result equals the account's row of the epoch's scores.csv.
 */
import { combineBoosts, NO_BOOST, type Boost, type BoostEffect } from "../engine/boosts";
import { compileSeason, type CompiledSeason } from "../engine/catalog";
import { actionUnits } from "../engine/decay";
import { eventCatalog } from "../engine/epoch";
import { EventLog } from "../engine/event-log";
import { addEvents } from "../engine/event-reader";
import type { MintEvent, SeasonEvent } from "../engine/events";
import { scoreParticipant } from "../engine/score";
import { seasonEpoch, type Season } from "../engine/season";

export interface ActionBreakdown {
  action: string;
  dapp: string;
  /** Distinct completions before the epoch's end (a ref counts once). */
  completions: number;
  /** Completions that earn points: at most `cap`. */
  counted: number;
  /** Completions that can ever earn: maxRepeats, or fewer when decay reaches zero first. */
  cap: number;
  /** Units earned by completion 1, 2, … `counted` (each 3/4 of the previous, floored from the base). */
  perCompletion: bigint[];
  /** Σ perCompletion. */
  units: bigint;
}

export interface BoostBreakdown {
  boost: string;
  /** The boost as the season file defines it. */
  definition: Boost;
  /** When it was first earned (unix seconds). */
  time: number;
}

export interface PointsBreakdown {
  account: string;
  epoch: number;
  endTime: number;
  /** Actions with at least one completion, in catalog order. */
  actions: ActionBreakdown[];
  /** Boosts earned before the end, by time then key. */
  boosts: BoostBreakdown[];
  /** The participant's mint, when it happened before the end. */
  mint?: { ordinal: number; dollars: bigint; time: number };
  /** The combined effect of the boosts. */
  effect: BoostEffect;
  actionUnits: bigint;
  boostedUnits: bigint;
  dollars: bigint;
  scoreUnits: bigint;
}

/** The four figures of a scores.csv row that a breakdown must reproduce. */
export interface ScoreFigures {
  scoreUnits: bigint;
  actionUnits: bigint;
  boostedUnits: bigint;
  dollars: bigint;
}

/** Whether `breakdown` gives the figures of `row` (an absent row: all zero). */
export function matchesScoreRow(breakdown: ScoreFigures, row: ScoreFigures | undefined): boolean {
  return (
    breakdown.scoreUnits === (row?.scoreUnits ?? 0n) &&
    breakdown.actionUnits === (row?.actionUnits ?? 0n) &&
    breakdown.boostedUnits === (row?.boostedUnits ?? 0n) &&
    breakdown.dollars === (row?.dollars ?? 0n)
  );
}

/** A record's identity as the epoch's anomalies name it: account, action and ref. */
function recordKey(account: string, action: string, ref: string): string {
  return `${account.toLowerCase()}|${action}|${ref.toLowerCase()}`;
}

/**
 * The records an epoch dropped, from its anomalies.json text (a JSON array of ref conflicts;
 * undefined for a folder written before the file existed): a breakdown built from some accounts'
 * events alone must leave them out as the epoch did, since the record that won the ref may belong
 * to an account that is not among them.
 */
export function droppedRecords(anomaliesJson: string | undefined): Set<string> {
  const dropped = new Set<string>();
  if (anomaliesJson === undefined) return dropped;
  const list = JSON.parse(anomaliesJson) as unknown;
  if (!Array.isArray(list)) throw new Error("anomalies.json is not a JSON array");
  for (const item of list as {
    ref?: unknown;
    dropped?: { account?: unknown; action?: unknown };
  }[]) {
    const { ref, dropped: record } = item ?? {};
    if (
      typeof ref !== "string" ||
      typeof record?.account !== "string" ||
      typeof record.action !== "string"
    )
      throw new Error(`anomalies.json: not a ref conflict: ${JSON.stringify(item)}`);
    dropped.add(recordKey(record.account, record.action, ref));
  }
  return dropped;
}

/** Whether the epoch counted `e` (false for an action record its anomalies list as dropped). */
export function isCounted(e: SeasonEvent, dropped: ReadonlySet<string>): boolean {
  return (
    e.kind !== "action" || dropped.size === 0 || !dropped.has(recordKey(e.account, e.action, e.ref))
  );
}

/**
 * The breakdown of `account`'s score at the end of `epoch`, from the season's events (any
 * events; only the account's are read). Throws, naming the event, on an event the engine refuses.
 */
export function pointsBreakdown(
  season: Season,
  epoch: number,
  account: string,
  events: Iterable<SeasonEvent>,
): PointsBreakdown {
  const who = account.toLowerCase();
  const mine: SeasonEvent[] = [];
  for (const e of events) if (e.account.toLowerCase() === who) mine.push(e);
  return pointsBreakdowns(season, epoch, [who], mine).get(who)!;
}

const compiledSeasons = new WeakMap<Season, CompiledSeason>();

/**
 * The breakdowns of several accounts (lowercase) at once, from their events, with one event log:
 * what a static site builds for a shard of accounts. Each account's events are deduplicated as
 * pointsBreakdown does (the log refuses a ref counted for two accounts' events only when two
 * accounts share it, which the chain's refs never do). An account without events gets an empty
 * breakdown.
 */
export function pointsBreakdowns(
  season: Season,
  epoch: number,
  accounts: readonly string[],
  events: readonly SeasonEvent[],
): Map<string, PointsBreakdown> {
  const { endTime } = seasonEpoch(season, epoch);
  let compiled = compiledSeasons.get(season);
  if (!compiled) compiledSeasons.set(season, (compiled = compileSeason(season)));
  const mints = new Map<string, MintEvent>();
  for (const e of events) if (e.kind === "mint") mints.set(e.account.toLowerCase(), e);
  const log = new EventLog(eventCatalog(compiled));
  addEvents(events, log);

  const ids = new Map<string, number>();
  for (let id = 0; id < log.accountCount; id++) ids.set(log.accountHex(id), id);
  const completionsOf = new Map<number, number[]>();
  for (let r = 0; r < log.actionCount; r++) {
    if (log.actTime[r] >= endTime) continue;
    let list = completionsOf.get(log.actAccount[r]);
    if (!list)
      completionsOf.set(
        log.actAccount[r],
        (list = new Array<number>(compiled.actionKeys.length).fill(0)),
      );
    list[log.actAction[r]]++;
  }
  const boostsOf = new Map<number, number[]>();
  for (let b = 0; b < log.boostCount; b++) {
    if (log.bstTime[b] >= endTime) continue;
    const list = boostsOf.get(log.bstAccount[b]) ?? [];
    list.push(b);
    boostsOf.set(log.bstAccount[b], list);
  }

  const out = new Map<string, PointsBreakdown>();
  for (const account of accounts) {
    const who = account.toLowerCase();
    const id = ids.get(who);
    const completions = (id !== undefined && completionsOf.get(id)) || [];
    const actions: ActionBreakdown[] = [];
    let units = 0n;
    compiled.actionKeys.forEach((key, a) => {
      if (!completions[a]) return;
      const table = compiled.actionTables[a];
      const cap = table.length - 1;
      const counted = Math.min(completions[a], cap);
      const perCompletion = Array.from({ length: counted }, (_, k) => table[k + 1] - table[k]);
      const earned = actionUnits(table, completions[a]);
      units += earned;
      actions.push({
        action: key,
        dapp: season.actions[key].dapp,
        completions: completions[a],
        counted,
        cap,
        perCompletion,
        units: earned,
      });
    });

    const boosts: BoostBreakdown[] = [];
    let effect = NO_BOOST;
    for (const b of (id !== undefined && boostsOf.get(id)) || []) {
      const key = compiled.boostKeys[log.bstBoost[b]];
      effect = combineBoosts(effect, compiled.boostEffects[log.bstBoost[b]]);
      boosts.push({ boost: key, definition: season.boosts[key], time: log.bstTime[b] });
    }
    boosts.sort((x, y) => x.time - y.time || (x.boost < y.boost ? -1 : 1));

    const mintEvent = mints.get(who);
    const mint =
      mintEvent && mintEvent.time < endTime
        ? { ordinal: mintEvent.ordinal, dollars: BigInt(mintEvent.dollars), time: mintEvent.time }
        : undefined;
    const score = scoreParticipant(units, effect, mint?.dollars ?? 0n);
    out.set(who, { account: who, epoch, endTime, actions, boosts, mint, effect, ...score });
  }
  return out;
}
