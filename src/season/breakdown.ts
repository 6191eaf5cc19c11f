/**
 * One participant's score explained (`points:me`): per action the completions counted and the
 * decayed points of each, the boosts earned, the dollar floor, and the score. Nothing here is a
 * rule of its own: events are deduplicated by the engine's EventLog (a ref counts once, a boost
 * earned twice counts once), points come from the engine's decay tables (catalog.ts, decay.ts),
 * boosts and the score from boosts.ts and score.ts. The epoch counts events with time < endTime,
 * as the engine does, so the result equals the account's row of the epoch's scores.csv.
 */
import { combineBoosts, NO_BOOST, type Boost, type BoostEffect } from "../engine/boosts";
import { compileSeason } from "../engine/catalog";
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
  const { endTime } = seasonEpoch(season, epoch);
  const compiled = compileSeason(season);
  const mine: SeasonEvent[] = [];
  let mintEvent: MintEvent | undefined;
  for (const e of events) {
    if (e.account.toLowerCase() !== who) continue;
    mine.push(e);
    if (e.kind === "mint") mintEvent = e; // addEvents below refuses a second mint
  }
  const log = new EventLog(eventCatalog(compiled));
  addEvents(mine, log);

  const completions = new Array<number>(compiled.actionKeys.length).fill(0);
  for (let r = 0; r < log.actionCount; r++)
    if (log.actTime[r] < endTime) completions[log.actAction[r]]++;
  const actions: ActionBreakdown[] = [];
  let units = 0n;
  compiled.actionKeys.forEach((key, a) => {
    if (completions[a] === 0) return;
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
  for (let b = 0; b < log.boostCount; b++) {
    if (log.bstTime[b] >= endTime) continue;
    const key = compiled.boostKeys[log.bstBoost[b]];
    effect = combineBoosts(effect, compiled.boostEffects[log.bstBoost[b]]);
    boosts.push({ boost: key, definition: season.boosts[key], time: log.bstTime[b] });
  }
  boosts.sort((x, y) => x.time - y.time || (x.boost < y.boost ? -1 : 1));

  const mint =
    mintEvent && mintEvent.time < endTime
      ? { ordinal: mintEvent.ordinal, dollars: BigInt(mintEvent.dollars), time: mintEvent.time }
      : undefined;
  const score = scoreParticipant(units, effect, mint?.dollars ?? 0n);
  return {
    account: who,
    epoch,
    endTime,
    actions,
    boosts,
    mint,
    effect,
    ...score,
  };
}
