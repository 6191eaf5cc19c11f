/**
 * The live networks of hardhat.config.ts (`metis-sepolia`, `metis`, `live`): their URL and keys
 * from SEASON_RPC_URL and SEASON_PRIVATE_KEYS or SEASON_KEYSTORE (the environment first, then
 * Hardhat's configuration variables), and the checks made before the first request is sent:
 * the node's chain id against the preset's, no well-known test key outside a development chain.
 * Every refusal is one line naming the variable to set.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { Wallet } from "ethers";
import { extendProvider, vars } from "hardhat/config";
import type { HttpNetworkUserConfig, NetworkUserConfig } from "hardhat/types";
import {
  addressOfKey,
  isLiveNetwork,
  KEYSTORE_PASSWORD_VAR,
  KEYSTORE_VAR,
  LIVE_PRESETS,
  liveNetworkProblem,
  parsePrivateKeys,
  PRIVATE_KEYS_VAR,
  redactUrl,
  RPC_URL_VAR,
} from "../../src/networks/live";
import { TaskError } from "./errors";

/** A URL that never answers: a live network whose URL is unset refuses before using it. */
const UNSET_URL = "http://season-rpc-url.invalid";

/** A variable from the environment, else from `npx hardhat vars set` (vars.get throws when unset). */
export function seasonVar(name: string): string | undefined {
  const env = process.env[name];
  if (env !== undefined && env !== "") return env;
  return vars.has(name) ? vars.get(name) : undefined;
}

/** The network named on the command line (`--network x`, `--network=x`) or by HARDHAT_NETWORK. */
export function selectedNetwork(argv: readonly string[] = process.argv): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--network") return argv[i + 1];
    if (argv[i].startsWith("--network=")) return argv[i].slice("--network=".length);
  }
  return process.env.HARDHAT_NETWORK || undefined;
}

/** Reads a password from the terminal without echo (a keystore's), or undefined without one. */
function promptPassword(question: string): string | undefined {
  const shell = `stty -echo < /dev/tty 2>/dev/null; IFS= read -r p < /dev/tty; status=$?; stty echo < /dev/tty 2>/dev/null; printf '%s' "$p"; exit $status`;
  process.stderr.write(question);
  const result = spawnSync("sh", ["-c", shell], { stdio: ["ignore", "pipe", "ignore"] });
  process.stderr.write("\n");
  if (result.status !== 0) return undefined;
  return result.stdout.toString();
}

/** The key of an encrypted JSON keystore (ethers' Wallet.fromEncryptedJsonSync). */
function keystoreKey(file: string): string {
  let json: string;
  try {
    json = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new TaskError(
      `${KEYSTORE_VAR}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    );
  }
  const password =
    seasonVar(KEYSTORE_PASSWORD_VAR) ?? promptPassword(`password of the keystore ${file}: `);
  if (password === undefined)
    throw new TaskError(
      `${KEYSTORE_VAR} ${file} needs its password: set ${KEYSTORE_PASSWORD_VAR} or run in a terminal`,
    );
  try {
    return Wallet.fromEncryptedJsonSync(json, password).privateKey;
  } catch (e) {
    const why = (e as Error).message.split("\n")[0];
    throw new TaskError(`${KEYSTORE_VAR} ${file}: cannot decrypt it (${why})`);
  }
}

/** The keys of a live network: read (and a keystore decrypted) only when it is the selected one. */
function keysOf(network: string, selected: string | undefined): string[] {
  if (network !== selected) return [];
  const list = seasonVar(PRIVATE_KEYS_VAR);
  if (list !== undefined) {
    try {
      return parsePrivateKeys(list);
    } catch (e) {
      throw new TaskError((e as Error).message);
    }
  }
  const keystore = seasonVar(KEYSTORE_VAR);
  return keystore === undefined ? [] : [keystoreKey(keystore)];
}

/** The live networks' entries of the config's `networks`. */
export function liveNetworksConfig(
  selected = selectedNetwork(),
): Record<string, NetworkUserConfig> {
  const url = seasonVar(RPC_URL_VAR);
  return Object.fromEntries(
    Object.entries(LIVE_PRESETS).map(([name, preset]) => {
      const config: HttpNetworkUserConfig = {
        url: url ?? preset.defaultUrl ?? UNSET_URL,
        accounts: keysOf(name, selected),
        timeout: 60_000,
      };
      return [name, config];
    }),
  );
}

/**
 * Checks a live network before its provider sends anything: a URL is set, the node answers, its
 * chain id is the preset's, and no well-known test key is used outside a development chain.
 */
export function registerLiveNetworkChecks(): void {
  extendProvider(async (provider, config, network) => {
    if (!isLiveNetwork(network)) return provider;
    const net = config.networks[network] as { url: string; accounts: unknown };
    if (net.url === UNSET_URL) {
      throw new TaskError(
        `network '${network}' has no RPC URL: set ${RPC_URL_VAR} (e.g. \`export ${RPC_URL_VAR}=https://…\` or \`npx hardhat vars set ${RPC_URL_VAR}\`)`,
      );
    }
    let chainId: bigint;
    try {
      chainId = BigInt((await provider.request({ method: "eth_chainId" })) as string);
    } catch (e) {
      const why = (e instanceof Error ? e.message : String(e)).split("\n")[0];
      throw new TaskError(
        `network '${network}': the node at ${redactUrl(net.url)} does not answer eth_chainId (${why}): check ${RPC_URL_VAR}`,
      );
    }
    const keys = Array.isArray(net.accounts) ? (net.accounts as string[]) : [];
    const problem = liveNetworkProblem({
      network,
      nodeChainId: chainId,
      url: net.url,
      addresses: keys.map(addressOfKey),
    });
    if (problem) throw new TaskError(problem);
    return provider;
  });
}
