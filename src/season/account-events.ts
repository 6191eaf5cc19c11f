/**
 * One account's lines of an events file (events.ndjson), streamed: a season's file may hold tens
 * of millions of lines, of which a participant needs a few. Lines that do not mention the account
 * are not parsed; the others are validated by the engine (events.ts), errors naming the line.
 */
import fs from "node:fs";
import readline from "node:readline";
import { parseEventLine, type SeasonEvent } from "../engine/events";

export async function readAccountEvents(file: string, account: string): Promise<SeasonEvent[]> {
  const who = account.toLowerCase();
  const events: SeasonEvent[] = [];
  const input = fs.createReadStream(file);
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of lines) {
      n++;
      if (!text.toLowerCase().includes(who)) continue;
      const e = parseEventLine(text, n);
      if (e.account === who) events.push(e);
    }
  } finally {
    lines.close();
    input.destroy();
  }
  return events;
}
