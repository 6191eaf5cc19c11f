/**
 * The per-network record of deployed contracts, `deployments/<network>.json`. Pure: reading,
 * validating and updating the record; the Hardhat side (checking that code is really there) lives
 * in tasks/lib/deployments.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { readJsonFile, validateJson } from "./json-file";

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const HASH = /^0x[0-9a-fA-F]{64}$/;

export const deployedContractSchema = z
  .object({
    address: z.string().regex(ADDRESS, "must be a 0x-prefixed 20-byte hex address"),
    blockNumber: z.number().int().nonnegative(),
    txHash: z.string().regex(HASH, "must be a 0x-prefixed 32-byte hex hash").optional(),
    /** Anything a later task needs to know about this deployment (constructor arguments, roles). */
    meta: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const deploymentRecordSchema = z
  .object({
    network: z.string().min(1),
    chainId: z.number().int().positive(),
    contracts: z.record(z.string(), deployedContractSchema),
  })
  .strict();

export type DeployedContract = z.infer<typeof deployedContractSchema>;
export type DeploymentRecord = z.infer<typeof deploymentRecordSchema>;

/** Where the record of `network` lives under `dir`. */
export function deploymentPath(dir: string, network: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(network)) throw new Error(`invalid network name '${network}'`);
  return path.join(dir, `${network}.json`);
}

/** Reads and validates a record; `undefined` when the file does not exist. */
export function readDeploymentRecord(file: string): DeploymentRecord | undefined {
  if (!fs.existsSync(file)) return undefined;
  return validateJson(readJsonFile(file), deploymentRecordSchema, file);
}

/** A new record with `name` set to `entry` (the input is not modified). */
export function withContract(
  record: DeploymentRecord,
  name: string,
  entry: DeployedContract,
): DeploymentRecord {
  return { ...record, contracts: { ...record.contracts, [name]: entry } };
}

/** Writes a record atomically (temporary file then rename), keys sorted for stable diffs. */
export function writeDeploymentRecord(file: string, record: DeploymentRecord): void {
  deploymentRecordSchema.parse(record);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sorted: DeploymentRecord = {
    ...record,
    contracts: Object.fromEntries(
      Object.entries(record.contracts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(sorted, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

/** The in-process network: a fresh chain for every command, forgotten when the command ends. */
export const IN_PROCESS_NETWORK = "hardhat";

/**
 * The one way the tasks say that `what` is not deployed on `network`, with the command that
 * deploys it (`seasonFile` filled in when the task knows it; `alone` names a task deploying just
 * this part). On the in-process network the command is not the fix: it forgets everything between
 * commands, so the line says so and points to a node that keeps its state.
 */
export function notDeployedMessage(
  what: string,
  network: string,
  options: { seasonFile?: string; alone?: string } = {},
): string {
  if (network === IN_PROCESS_NETWORK)
    return (
      `${what} is not deployed on the in-process 'hardhat' network, which forgets everything when a command ends: ` +
      "start `npx hardhat node` in another terminal and pass --network localhost to every command (or use a live network)"
    );
  const season = options.seasonFile ?? "<season file>";
  const alone = options.alone
    ? ` (or \`npx hardhat ${options.alone} --network ${network}\` for it alone)`
    : "";
  return `${what} is not deployed on network '${network}': run \`npx hardhat season:deploy --network ${network} --season ${season}\` first${alone}`;
}
