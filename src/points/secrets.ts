/**
 * The local files that keep riddle secrets between the two phases of commit–reveal: the
 * operator's answer and salt (written by riddle:publish, read by riddle:reveal) and each
 * participant's answer and salt (written by riddle:answer's commit, read by its reveal). Losing
 * one means the reveal cannot be made; they are written atomically with mode 0600.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ADDRESS_PATTERN, BYTES32_PATTERN } from "../engine/validation";
import { readJsonFile, validateJson } from "../json-file";
import { checkRiddleKey } from "./riddle";

const ADDRESS = z.string().regex(ADDRESS_PATTERN, "must be a 0x-prefixed 20-byte hex address");
const BYTES32 = z.string().regex(BYTES32_PATTERN, "must be 0x-prefixed 32-byte hex");
const CHAIN_ID = z.string().regex(/^[1-9][0-9]*$/, "must be a decimal chain id");

/** Where a riddle's secret was committed: the same file never serves another board or chain. */
const bindingShape = {
  version: z.literal(1),
  chainId: CHAIN_ID,
  board: ADDRESS,
  key: z.string().min(1),
  answer: z.string().min(1),
  salt: BYTES32,
};

export const operatorSecretSchema = z
  .object({ ...bindingShape, kind: z.literal("riddle-operator"), answerCommitment: BYTES32 })
  .strict();

export const participantSecretSchema = z
  .object({
    ...bindingShape,
    kind: z.literal("riddle-participant"),
    riddle: z.number().int().positive(),
    participant: ADDRESS,
    commitment: BYTES32,
  })
  .strict();

export type OperatorSecret = z.infer<typeof operatorSecretSchema>;
export type ParticipantSecret = z.infer<typeof participantSecretSchema>;

/** The operator's secret file of riddle `key` on `network` under `dir`. */
export function operatorSecretPath(dir: string, network: string, key: string): string {
  checkRiddleKey(key);
  return path.join(dir, network, key, "operator.json");
}

/** A participant's secret file of riddle `key` on `network` under `dir`. */
export function participantSecretPath(
  dir: string,
  network: string,
  key: string,
  participant: string,
): string {
  checkRiddleKey(key);
  if (!ADDRESS_PATTERN.test(participant)) throw new Error(`'${participant}' is not an address`);
  return path.join(dir, network, key, `${participant.toLowerCase()}.json`);
}

function readSecret<S extends z.ZodType>(file: string, schema: S): z.infer<S> | undefined {
  if (!fs.existsSync(file)) return undefined;
  return validateJson(readJsonFile(file), schema, file);
}

/** The operator's secret, `undefined` when the file does not exist; throws naming a bad field. */
export function readOperatorSecret(file: string): OperatorSecret | undefined {
  return readSecret(file, operatorSecretSchema);
}

/** A participant's secret, `undefined` when the file does not exist; throws naming a bad field. */
export function readParticipantSecret(file: string): ParticipantSecret | undefined {
  return readSecret(file, participantSecretSchema);
}

/** Writes a secret atomically (temporary file, then rename), readable by its owner only. */
export function writeSecret(file: string, secret: OperatorSecret | ParticipantSecret): void {
  const schema: z.ZodType<unknown> =
    secret.kind === "riddle-operator" ? operatorSecretSchema : participantSecretSchema;
  schema.parse(secret);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(secret, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
