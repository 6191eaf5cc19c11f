/**
 * The offline events format (events.ndjson): one JSON object per line, in any order.
 *
 *     {"kind":"mint","account":"0x…","ordinal":17,"dollars":"10000","time":1705300000}
 *     {"kind":"action","account":"0x…","action":"netswap.swap","ref":"0x<32 bytes>","time":1705300100}
 *     {"kind":"boost","account":"0x…","boost":"riddle-01","time":1705400000}
 *
 * This file owns the shape of one line: parsing it (with an error naming what is wrong) and
 * writing it (the exporter's side). What a line means with respect to the others (duplicate refs,
 * second mints, unknown keys of the catalog) is event-log.ts's job.
 */
import { z } from "zod";
import {
  addressSchema,
  bytes32Schema,
  describeZodError,
  positiveIntSchema,
  uint256StringSchema,
  unixTimeSchema,
} from "./validation";

export interface MintEvent {
  kind: "mint";
  account: string;
  /** Order of the successful claim, from 1. */
  ordinal: number;
  /** Dollar amount of the tier, a decimal integer string. */
  dollars: string;
  time: number;
}

export interface ActionEvent {
  kind: "action";
  account: string;
  /** Catalog key, as in the season file. */
  action: string;
  /** Unique source reference (32 bytes). */
  ref: string;
  time: number;
}

export interface BoostEvent {
  kind: "boost";
  account: string;
  /** Boost key, as in the season file. */
  boost: string;
  time: number;
}

export type SeasonEvent = MintEvent | ActionEvent | BoostEvent;

const keySchema = z.string().min(1, "must not be empty");

export const mintEventSchema = z.strictObject({
  kind: z.literal("mint"),
  account: addressSchema,
  ordinal: positiveIntSchema,
  dollars: uint256StringSchema,
  time: unixTimeSchema,
});

export const actionEventSchema = z.strictObject({
  kind: z.literal("action"),
  account: addressSchema,
  action: keySchema,
  ref: bytes32Schema,
  time: unixTimeSchema,
});

export const boostEventSchema = z.strictObject({
  kind: z.literal("boost"),
  account: addressSchema,
  boost: keySchema,
  time: unixTimeSchema,
});

export const seasonEventSchema = z.discriminatedUnion(
  "kind",
  [mintEventSchema, actionEventSchema, boostEventSchema],
  { error: 'kind must be "mint", "action" or "boost"' },
);

/** A bad line of an events file: `line` is 1-based. */
export class EventLineError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = "EventLineError";
  }
}

/** Validates one event object (addresses and refs come back lowercase). */
export function parseEvent(raw: unknown, line: number): SeasonEvent {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new EventLineError(line, "must be a JSON object");
  }
  const parsed = seasonEventSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new EventLineError(line, describeZodError(parsed.error));
  return parsed.data;
}

/** Parses and validates one line of an events file. */
export function parseEventLine(text: string, line: number): SeasonEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new EventLineError(line, `not valid JSON (${(e as Error).message})`);
  }
  return parseEvent(raw, line);
}

/** The canonical line of an event (no newline): fixed key order, lowercase hex. */
export function formatEvent(e: SeasonEvent): string {
  const account = JSON.stringify(e.account.toLowerCase());
  switch (e.kind) {
    case "mint":
      return `{"kind":"mint","account":${account},"ordinal":${e.ordinal},"dollars":${JSON.stringify(e.dollars)},"time":${e.time}}`;
    case "action":
      return `{"kind":"action","account":${account},"action":${JSON.stringify(e.action)},"ref":${JSON.stringify(e.ref.toLowerCase())},"time":${e.time}}`;
    case "boost":
      return `{"kind":"boost","account":${account},"boost":${JSON.stringify(e.boost)},"time":${e.time}}`;
  }
}

/** An events file's text: one canonical line per event, each ending with a newline. */
export function formatEvents(events: Iterable<SeasonEvent>): string {
  let out = "";
  for (const e of events) out += `${formatEvent(e)}\n`;
  return out;
}
