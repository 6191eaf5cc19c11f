/**
 * The indexer's checkpoint: how far an export got, how many bytes of the events file that covers,
 * and the decoder's state (ids learnt from earlier blocks). Written atomically after each chunk.
 */
import fs from "node:fs";
import { z } from "zod";
import { readJsonFile, validateJson } from "../json-file";

export const checkpointSchema = z
  .object({
    version: z.literal(1),
    /** What the export is of (chain id, contracts, relay rules): a resume of something else is refused. */
    identity: z.string().min(1),
    startBlock: z.number().int().nonnegative(),
    /** The first block not yet exported. */
    nextBlock: z.number().int().nonnegative(),
    /** The events file's length, in bytes and lines, when `nextBlock` was reached. */
    eventsBytes: z.number().int().nonnegative(),
    eventsLines: z.number().int().nonnegative(),
    state: z.unknown(),
  })
  .strict();

export type Checkpoint = z.infer<typeof checkpointSchema>;

/** Reads a checkpoint; `undefined` when there is none. Errors name the file and the field. */
export function readCheckpoint(file: string): Checkpoint | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    return validateJson(readJsonFile(file), checkpointSchema, `checkpoint ${file}`);
  } catch (e) {
    throw new Error(`${(e as Error).message}; delete it to export from scratch`);
  }
}

/** Writes a checkpoint atomically: a crash leaves either the old one or the new one. */
export function writeCheckpoint(file: string, checkpoint: Checkpoint): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeSync(fd, `${JSON.stringify(checkpoint)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
