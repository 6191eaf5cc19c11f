/**
 * The season file (season.json): the action catalog, the riddle boosts and the reward epochs,
 * validated with zod. Every piece is exported so that a larger file (deployment sections: tokens,
 * mint tiers, distributor settings, reporters) is an extension of `seasonShape`, not a rewrite:
 *
 *     const deploySeasonSchema = z.strictObject({ ...seasonShape, tokens: tokensSchema });
 *     const season = parseSeason(json, deploySeasonSchema);
 *
 * Unknown keys are errors naming the key; every error names the field and why.
 */
import { z } from "zod";
import { readJsonFile } from "../json-file";
import { CURVES } from "./allocate";
import { boostSchema, pointsSchema } from "./boosts";
import {
  ADDRESS_PATTERN,
  ZERO_ADDRESS,
  describeZodError,
  uint256StringSchema,
  unixTimeSchema,
} from "./validation";

/** Action and boost keys: lowercase words joined by `.`, `-` or `_` (e.g. `tethys.open-position`). */
export const KEY_PATTERN = /^[a-z0-9]+([._-][a-z0-9]+)*$/;
export const MAX_KEY_LENGTH = 64;

export const catalogKeySchema = z
  .string()
  .max(MAX_KEY_LENGTH, `must be at most ${MAX_KEY_LENGTH} characters`)
  .regex(KEY_PATTERN, "must be lowercase letters and digits joined by '.', '-' or '_'");

export const actionSchema = z.strictObject({
  /** The dApp the action belongs to (display only). */
  dapp: z.string().min(1, "must not be empty"),
  /** Base points of the first completion. */
  points: pointsSchema,
  /** Completions after this many earn nothing. */
  maxRepeats: z
    .number()
    .int("must be an integer")
    .min(1, "must be at least 1")
    .max(0xffffffff, "must fit in a uint32")
    .optional(),
});

export const actionsSchema = z
  .record(catalogKeySchema, actionSchema)
  .refine((a) => Object.keys(a).length > 0, "must list at least one action");

export const boostsSchema = z.record(catalogKeySchema, boostSchema);

const tokenKeySchema = z
  .string()
  .regex(ADDRESS_PATTERN, "must be a 0x-prefixed 20-byte hex token address")
  .refine((a) => a.toLowerCase() !== ZERO_ADDRESS, "must not be the zero address");

export const epochSchema = z.strictObject({
  /** Epochs are numbered 1, 2, 3… in order. */
  epoch: z.number().int("must be an integer").min(1, "must be at least 1"),
  /** The epoch counts every event with time < endTime (unix seconds). */
  endTime: unixTimeSchema,
  /** Reward pool per token, in the token's smallest unit. */
  pools: z.record(tokenKeySchema, uint256StringSchema),
});

export const rewardsSchema = z
  .strictObject({
    /** How a pool is split: `rank-linear` (weight N − rank + 1, the default) or `score` (pro rata). */
    curve: z.enum(CURVES).default("rank-linear"),
    epochs: z.array(epochSchema).min(1, "must list at least one epoch"),
  })
  .superRefine((rewards, ctx) => {
    rewards.epochs.forEach((e, i) => {
      if (e.epoch !== i + 1) {
        ctx.addIssue({
          code: "custom",
          path: ["epochs", i, "epoch"],
          message: `must be ${i + 1} (epochs are numbered 1, 2, 3… in order)`,
        });
      }
      if (i > 0 && e.endTime <= rewards.epochs[i - 1].endTime) {
        ctx.addIssue({
          code: "custom",
          path: ["epochs", i, "endTime"],
          message: `must be after epoch ${i}'s endTime ${rewards.epochs[i - 1].endTime}`,
        });
      }
      const seen = new Map<string, string>();
      for (const token of Object.keys(e.pools)) {
        const other = seen.get(token.toLowerCase());
        if (other !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["epochs", i, "pools", token],
            message: `is the same token as ${other} (addresses are case-insensitive)`,
          });
        }
        seen.set(token.toLowerCase(), token);
      }
    });
  });

/** The fields of a season file; extend this object to build a larger schema. */
export const seasonShape = {
  name: z.string().min(1, "must not be empty"),
  actions: actionsSchema,
  boosts: boostsSchema.default({}),
  rewards: rewardsSchema,
};

export const seasonSchema = z.strictObject(seasonShape);

export type SeasonAction = z.infer<typeof actionSchema>;
export type SeasonEpoch = z.infer<typeof epochSchema>;
export type SeasonRewards = z.infer<typeof rewardsSchema>;
export type Season = z.infer<typeof seasonSchema>;

/** Validates a parsed season file; throws one line naming the field and why. */
export function parseSeason<S extends z.ZodType = typeof seasonSchema>(
  raw: unknown,
  schema?: S,
): z.infer<S> {
  const parsed = (schema ?? seasonSchema).safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new Error(describeZodError(parsed.error));
  return parsed.data as z.infer<S>;
}

/** Reads and validates a season file; errors are prefixed with the file name. */
export function loadSeasonFile<S extends z.ZodType = typeof seasonSchema>(
  file: string,
  schema?: S,
): z.infer<S> {
  const raw = readJsonFile(file);
  try {
    return parseSeason(raw, schema);
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

/** The epoch `n` of a season, or an error listing the epochs it has. */
export function seasonEpoch(season: Season, n: number): SeasonEpoch {
  const e = season.rewards.epochs[n - 1];
  if (!Number.isInteger(n) || e === undefined) {
    throw new Error(
      `epoch ${n} is not in the season (it has epochs 1 to ${season.rewards.epochs.length})`,
    );
  }
  return e;
}
