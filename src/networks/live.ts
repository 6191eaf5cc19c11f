/**
 * The live networks a season runs on (presets `metis-sepolia`, `metis`, and `live` for any EVM
 * chain), where their RPC URL and keys come from, and the checks made before the first request:
 * the node's chain id against the preset's, and Hardhat's well-known test keys refused outside
 * development chains. Pure: `hardhat.config.ts` and the tasks apply it.
 */
import { HDNodeWallet, Mnemonic, Wallet } from "ethers";

export interface LivePreset {
  /** The chain id the node must report (none for `live`: any chain). */
  chainId?: number;
  /** A public RPC endpoint used when SEASON_RPC_URL is not set. */
  defaultUrl?: string;
  /** How the preset is described in messages. */
  label: string;
  /** The symbol of the chain's native (gas) token, for tables. */
  nativeSymbol: string;
}

/** The live network presets, by the name given to `--network`. */
export const LIVE_PRESETS: Readonly<Record<string, LivePreset>> = {
  "metis-sepolia": {
    chainId: 59902,
    defaultUrl: "https://sepolia.metisdevops.link",
    label: "Metis Sepolia",
    nativeSymbol: "METIS",
  },
  metis: {
    chainId: 1088,
    defaultUrl: "https://andromeda.metis.io/?owner=1088",
    label: "Metis",
    nativeSymbol: "METIS",
  },
  live: { label: "any EVM chain", nativeSymbol: "ETH" },
};

/** The variables a live network reads (environment first, then `npx hardhat vars set`). */
export const RPC_URL_VAR = "SEASON_RPC_URL";
export const PRIVATE_KEYS_VAR = "SEASON_PRIVATE_KEYS";
export const KEYSTORE_VAR = "SEASON_KEYSTORE";
export const KEYSTORE_PASSWORD_VAR = "SEASON_KEYSTORE_PASSWORD";

/** Chain ids of development nodes (Hardhat, anvil, ganache): the only ones test keys may use. */
export const DEV_CHAIN_IDS: readonly bigint[] = [31337n, 1337n];

/** Hardhat's default mnemonic: its accounts' keys are public, anyone can take their funds. */
export const WELL_KNOWN_MNEMONIC = "test test test test test test test test test test test junk";

export function isLiveNetwork(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(LIVE_PRESETS, name);
}

/** The hint every "no key" message ends with. */
export function missingKeyHint(): string {
  return `set ${PRIVATE_KEYS_VAR} (comma-separated 0x private keys, the operator's first) or ${KEYSTORE_VAR} (an encrypted JSON keystore)`;
}

/** The one line a task says when a live network has no account to send from. */
export function noAccountMessage(network: string, what: string): string {
  const hint = isLiveNetwork(network) ? `: ${missingKeyHint()}` : "";
  return `network '${network}' has no account to ${what}${hint}`;
}

/**
 * The keys of SEASON_PRIVATE_KEYS: comma-separated 32-byte hex keys (0x optional), each returned
 * 0x-prefixed, duplicates refused. Errors name the variable and the key's position, never the key.
 */
export function parsePrivateKeys(text: string, variable = PRIVATE_KEYS_VAR): string[] {
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0) throw new Error(`${variable} is set but holds no key`);
  const keys = parts.map((p, i) => {
    const hex = p.startsWith("0x") || p.startsWith("0X") ? p.slice(2) : p;
    if (!/^[0-9a-fA-F]{64}$/.test(hex))
      throw new Error(
        `${variable}: key ${i + 1} of ${parts.length} is not a 32-byte hex private key (0x followed by 64 hex digits)`,
      );
    if (/^0+$/.test(hex)) throw new Error(`${variable}: key ${i + 1} is zero`);
    return `0x${hex.toLowerCase()}`;
  });
  const dup = keys.findIndex((k, i) => keys.indexOf(k) !== i);
  if (dup >= 0) throw new Error(`${variable}: key ${dup + 1} is given twice`);
  return keys;
}

let wellKnown: Set<string> | undefined;

/** Lower-case addresses of the first 20 accounts of Hardhat's (and anvil's) default mnemonic. */
export function wellKnownTestAddresses(): Set<string> {
  if (!wellKnown) {
    const root = HDNodeWallet.fromMnemonic(
      Mnemonic.fromPhrase(WELL_KNOWN_MNEMONIC),
      "m/44'/60'/0'/0",
    );
    wellKnown = new Set(
      Array.from({ length: 20 }, (_, i) => root.deriveChild(i).address.toLowerCase()),
    );
  }
  return wellKnown;
}

/** The address of a 0x private key. */
export function addressOfKey(key: string): string {
  return new Wallet(key).address;
}

/**
 * Why a live network must not be used, or undefined: the node is on another chain than the
 * preset's, or a key is one of Hardhat's well-known test keys on a chain that is not a
 * development chain. One line, naming the network and what to do.
 */
export function liveNetworkProblem(args: {
  network: string;
  nodeChainId: bigint;
  url: string;
  addresses: readonly string[];
}): string | undefined {
  const preset = LIVE_PRESETS[args.network];
  if (!preset) return undefined;
  if (preset.chainId !== undefined && BigInt(preset.chainId) !== args.nodeChainId) {
    return `network '${args.network}' is ${preset.label} (chain id ${preset.chainId}) but the node at ${redactUrl(args.url)} is chain ${args.nodeChainId}: fix ${RPC_URL_VAR} or use --network live`;
  }
  if (!DEV_CHAIN_IDS.includes(args.nodeChainId)) {
    const known = wellKnownTestAddresses();
    const index = args.addresses.findIndex((a) => known.has(a.toLowerCase()));
    if (index >= 0) {
      return `key ${index + 1} (${args.addresses[index]}) is one of Hardhat's well-known test keys, whose funds anyone can take: refused on chain ${args.nodeChainId} (only ${DEV_CHAIN_IDS.join(" and ")} accept them); use a key of your own`;
    }
  }
  return undefined;
}

/** A URL as shown in messages: its path and query (often an API key) left out. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    const tail = u.pathname.length > 1 || u.search ? "/…" : "";
    return `${u.protocol}//${u.host}${tail}`;
  } catch {
    return "(an unparseable URL)";
  }
}

/** The EVM targets the contracts compile for. */
export const EVM_TARGETS = ["paris", "shanghai", "cancun"] as const;
export type EvmTarget = (typeof EVM_TARGETS)[number];
export const EVM_VAR = "SEASON_EVM";
export const DEFAULT_EVM: EvmTarget = "cancun";

export function parseEvmTarget(text: string | undefined): EvmTarget {
  if (text === undefined || text === "") return DEFAULT_EVM;
  if (!(EVM_TARGETS as readonly string[]).includes(text))
    throw new Error(`${EVM_VAR} must be one of ${EVM_TARGETS.join(", ")}, not '${text}'`);
  return text as EvmTarget;
}

/** Where a target's build lives: the default target keeps Hardhat's folders. */
export function buildFolders(target: EvmTarget): { artifacts: string; cache: string } {
  return target === DEFAULT_EVM
    ? { artifacts: "./artifacts", cache: "./cache" }
    : { artifacts: `./artifacts-${target}`, cache: `./cache-${target}` };
}

/** The in-process Hardhat network's hardfork for a target (paris is Hardhat's "merge"). */
export function hardforkOf(target: EvmTarget): string {
  return target === "paris" ? "merge" : target;
}

/** The command that compiles the contracts for `target`. */
export function compileCommand(target: EvmTarget): string {
  return target === DEFAULT_EVM
    ? "npx hardhat compile"
    : `${EVM_VAR}=${target} npx hardhat compile`;
}
