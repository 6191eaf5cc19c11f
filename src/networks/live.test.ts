import { Wallet } from "ethers";
import { describe, expect, it } from "vitest";
import {
  buildFolders,
  compileCommand,
  hardforkOf,
  liveNetworkProblem,
  noAccountMessage,
  parseEvmTarget,
  parsePrivateKeys,
  redactUrl,
  wellKnownTestAddresses,
} from "./live";

// Hardhat's account #0 (public knowledge: its key is in every Hardhat tutorial).
const HARDHAT_0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const FRESH = Wallet.createRandom().address;

describe("parsePrivateKeys", () => {
  it("reads comma-separated keys, 0x optional, spaces ignored", () => {
    const a = "0x" + "1".repeat(64);
    const b = "2".repeat(64);
    expect(parsePrivateKeys(` ${a} , ${b} `)).toEqual([a, `0x${b}`]);
  });

  it("names the variable and the key's position, never the key", () => {
    const bad = "0x" + "1".repeat(63);
    expect(() => parsePrivateKeys(`0x${"1".repeat(64)},${bad}`)).toThrow(
      "SEASON_PRIVATE_KEYS: key 2 of 2 is not a 32-byte hex private key (0x followed by 64 hex digits)",
    );
    try {
      parsePrivateKeys(bad);
    } catch (e) {
      expect((e as Error).message).not.toContain(bad);
    }
    expect(() => parsePrivateKeys(" , ")).toThrow(/holds no key/);
    expect(() => parsePrivateKeys(`0x${"3".repeat(64)},0x${"3".repeat(64)}`)).toThrow(
      /key 2 is given twice/,
    );
    expect(() => parsePrivateKeys(`0x${"0".repeat(64)}`)).toThrow(/key 1 is zero/);
  });
});

describe("liveNetworkProblem", () => {
  it("refuses a node on another chain than the preset's, in one line", () => {
    const problem = liveNetworkProblem({
      network: "metis-sepolia",
      nodeChainId: 31337n,
      url: "https://rpc.example/v1/SECRET",
      addresses: [],
    });
    expect(problem).toBe(
      "network 'metis-sepolia' is Metis Sepolia (chain id 59902) but the node at https://rpc.example/… is chain 31337: fix SEASON_RPC_URL or use --network live",
    );
    expect(
      liveNetworkProblem({ network: "metis", nodeChainId: 1088n, url: "", addresses: [] }),
    ).toBeUndefined();
  });

  it("refuses Hardhat's well-known keys on any chain but 31337 and 1337", () => {
    const args = { network: "live", url: "http://x", addresses: [FRESH, HARDHAT_0] };
    expect(liveNetworkProblem({ ...args, nodeChainId: 59902n })).toMatch(
      /^key 2 \(0xf39F.*\) is one of Hardhat's well-known test keys.*refused on chain 59902/,
    );
    expect(liveNetworkProblem({ ...args, nodeChainId: 31337n })).toBeUndefined();
    expect(liveNetworkProblem({ ...args, nodeChainId: 1337n })).toBeUndefined();
    expect(
      liveNetworkProblem({ ...args, addresses: [FRESH], nodeChainId: 59902n }),
    ).toBeUndefined();
  });

  it("knows the twenty accounts of the default mnemonic", () => {
    const known = wellKnownTestAddresses();
    expect(known.size).toBe(20);
    expect(known.has(HARDHAT_0.toLowerCase())).toBe(true);
    expect(known.has("0xa0ee7a142d267c1f36714e4a8f75612f20a79720")).toBe(true); // #9
  });
});

describe("messages and targets", () => {
  it("names the key variables when a live network has no account", () => {
    expect(noAccountMessage("live", "send from")).toMatch(
      /^network 'live' has no account to send from: set SEASON_PRIVATE_KEYS .* or SEASON_KEYSTORE/,
    );
    expect(noAccountMessage("localhost", "send from")).toBe(
      "network 'localhost' has no account to send from",
    );
  });

  it("hides a URL's path and query (API keys)", () => {
    expect(redactUrl("https://node.example:8545/key/abc?x=1")).toBe("https://node.example:8545/…");
    expect(redactUrl("http://127.0.0.1:8545")).toBe("http://127.0.0.1:8545");
  });

  it("maps EVM targets to folders, hardforks and commands", () => {
    expect(parseEvmTarget(undefined)).toBe("cancun");
    expect(parseEvmTarget("paris")).toBe("paris");
    expect(() => parseEvmTarget("london")).toThrow(
      "SEASON_EVM must be one of paris, shanghai, cancun, not 'london'",
    );
    expect(buildFolders("cancun")).toEqual({ artifacts: "./artifacts", cache: "./cache" });
    expect(buildFolders("paris")).toEqual({
      artifacts: "./artifacts-paris",
      cache: "./cache-paris",
    });
    expect(hardforkOf("paris")).toBe("merge");
    expect(compileCommand("shanghai")).toBe("SEASON_EVM=shanghai npx hardhat compile");
  });
});
