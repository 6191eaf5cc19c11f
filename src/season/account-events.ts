/**
 * One account's lines of an events file (events.ndjson), streamed: a season's file may hold tens
 * of millions of lines, of which a participant needs a few. Lines that do not mention the account
 * are not parsed; the others are validated by the engine (events.ts), errors naming the line.
 */
import { parseEventLine, type SeasonEvent } from "../engine/events";
import { readLines } from "./epoch-files";

export async function readAccountEvents(file: string, account: string): Promise<SeasonEvent[]> {
  const who = account.toLowerCase();
  const events: SeasonEvent[] = [];
  let n = 0;
  for await (const text of readLines(file)) {
    n++;
    if (!text.toLowerCase().includes(who)) continue;
    const e = parseEventLine(text, n);
    if (e.account === who) events.push(e);
  }
  return events;
}
