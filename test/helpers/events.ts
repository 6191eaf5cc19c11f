import fs from "node:fs";
import { parseEventLine, type SeasonEvent } from "../../src/engine/events";

/** The events of an exported events.ndjson, parsed line by line. */
export function readEvents(file: string): SeasonEvent[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l, i) => parseEventLine(l, i + 1));
}
