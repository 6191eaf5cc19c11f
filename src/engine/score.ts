/**
 * A participant's score at the end of an epoch, over everything since the season started
 * (SPEC §2): actionPoints = Σ decayed points; boosted = floor(actionPoints × ∏ multipliers) + Σ
 * fixed; score = max(boosted, dollars minted), with $1 = 1 point ("the twist").
 */
import { applyBoosts, type BoostEffect } from "./boosts";
import { dollarsToUnits } from "./units";

export interface ParticipantScore {
  /** Σ of decayed action points, in units. */
  actionUnits: bigint;
  /** actionUnits after boosts, in units. */
  boostedUnits: bigint;
  /** Dollars minted (0 when the participant has not minted). */
  dollars: bigint;
  /** max(boostedUnits, dollars × 10^6), in units. */
  scoreUnits: bigint;
}

export function scoreParticipant(
  actionUnits: bigint,
  boosts: BoostEffect,
  dollars: bigint,
): ParticipantScore {
  const boostedUnits = applyBoosts(actionUnits, boosts);
  const dollarUnits = dollarsToUnits(dollars);
  return {
    actionUnits,
    boostedUnits,
    dollars,
    scoreUnits: boostedUnits > dollarUnits ? boostedUnits : dollarUnits,
  };
}
