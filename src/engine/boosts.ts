/**
 * Boosts earned from daily riddles (SPEC §2): a fixed number of points, or a multiplier. Every kind
 * is defined here — its season-file schema and its effect — so adding a kind is a change to this
 * file only. Multipliers compound (their product applies once, floored once); fixed points add
 * after the multipliers; a boost earned twice counts once (see event-log.ts).
 */
import { z } from "zod";
import { POINTS_PATTERN, pointsToUnits } from "./units";
import { positiveIntSchema } from "./validation";

export const pointsSchema = z
  .string()
  .regex(
    POINTS_PATTERN,
    'must be a decimal string of points with at most 6 fraction digits, e.g. "33.333333"',
  );

export const fixedBoostSchema = z.strictObject({
  kind: z.literal("fixed"),
  /** Points added to the boosted score (above zero, as the riddle board requires). */
  points: pointsSchema.refine((p) => pointsToUnits(p) > 0n, {
    message: "must be above zero (the riddle board refuses zero points: InvalidBoostParams)",
  }),
});

export const multiplierBoostSchema = z
  .strictObject({
    kind: z.literal("multiplier"),
    /** The multiplier is numerator / denominator, e.g. 5 / 4 for 1.25×; above 1. */
    numerator: positiveIntSchema,
    denominator: positiveIntSchema,
  })
  // The riddle board's rule (RiddleBoard._requireValidParams), checked here too.
  .refine((b) => b.numerator > b.denominator, {
    message:
      "must be greater than the denominator (the riddle board refuses a multiplier of 1 or less: InvalidBoostParams)",
    path: ["numerator"],
  });

export const BOOST_KINDS = ["fixed", "multiplier"] as const;

export const boostSchema = z.discriminatedUnion("kind", [fixedBoostSchema, multiplierBoostSchema], {
  error: `kind must be one of ${BOOST_KINDS.map((k) => `"${k}"`).join(", ")}`,
});

export type Boost = z.infer<typeof boostSchema>;

/** The combined effect of a set of boosts: multiply by numerator/denominator, then add fixedUnits. */
export interface BoostEffect {
  numerator: bigint;
  denominator: bigint;
  fixedUnits: bigint;
}

export const NO_BOOST: BoostEffect = Object.freeze({
  numerator: 1n,
  denominator: 1n,
  fixedUnits: 0n,
});

/** The effect of one boost. */
export function boostEffect(boost: Boost): BoostEffect {
  switch (boost.kind) {
    case "fixed":
      return { numerator: 1n, denominator: 1n, fixedUnits: pointsToUnits(boost.points) };
    case "multiplier":
      return {
        numerator: BigInt(boost.numerator),
        denominator: BigInt(boost.denominator),
        fixedUnits: 0n,
      };
  }
}

/** Two effects together: multipliers compound, fixed points add. */
export function combineBoosts(a: BoostEffect, b: BoostEffect): BoostEffect {
  return {
    numerator: a.numerator * b.numerator,
    denominator: a.denominator * b.denominator,
    fixedUnits: a.fixedUnits + b.fixedUnits,
  };
}

/** `floor(actionUnits × ∏ multipliers) + Σ fixed`. */
export function applyBoosts(actionUnits: bigint, effect: BoostEffect): bigint {
  return (actionUnits * effect.numerator) / effect.denominator + effect.fixedUnits;
}
