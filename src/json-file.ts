/**
 * Reading the JSON files people and tools write (season files, deployment records, secrets,
 * vouchers, checkpoints): every failure is one line naming the file and, for a bad field, the field.
 */
import fs from "node:fs";
import type { z } from "zod";
import { describeZodError } from "./engine/validation";

/** The text of `file`, or `<file>: cannot read (ENOENT)`. */
export function readTextFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(
      `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
}

/** `text` parsed as JSON, or `<source>: not valid JSON (<reason>)`. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${source}: not valid JSON (${(e as Error).message.split("\n")[0]})`);
  }
}

/** The JSON content of `file`. */
export function readJsonFile(file: string): unknown {
  return parseJson(readTextFile(file), file);
}

/** `raw` validated by `schema`, or `<source>: <field>: <why>`. */
export function validateJson<S extends z.ZodType>(
  raw: unknown,
  schema: S,
  source: string,
): z.infer<S> {
  const parsed = schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new Error(`${source}: ${describeZodError(parsed.error)}`);
  return parsed.data as z.infer<S>;
}

/** JSON with bigints as decimal strings, sorted as given, two-space indented. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);
}
