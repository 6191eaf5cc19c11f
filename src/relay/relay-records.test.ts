import { getAddress, Interface, keccak256, toUtf8Bytes, ZeroAddress } from "ethers";
import { describe, expect, it } from "vitest";
import type { ChainLog } from "../export/decode-logs";
import { compileRelayRules, relayRuleSchema } from "../export/relay-rules";
import { relayRef } from "../points/ref";
import { NETSWAP_MINT_EVENT, NETSWAP_SWAP_EVENT } from "../season/season1-template";
import { formatRelayLine, relayRecords } from "./relay-records";

const PAIR = "0x4000000000000000000000000000000000000004";
const OTHER = "0x5000000000000000000000000000000000000005";
const ALICE = "0xaAaAaAaaAaAaAaaAaAAAAAAAAaaaAaAaAaaAaaAa";
const BOB = "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB";
const ROUTER = "0xcccccccccccccccccccccccccccccccccccccccc";

const rule = (event: string, account: string, action: string) =>
  relayRuleSchema.parse({ contract: "MockNetswapPair", event, account, action });
const rules = compileRelayRules(
  [
    rule(NETSWAP_SWAP_EVENT, "to", "netswap.swap"),
    rule(NETSWAP_MINT_EVENT, "sender", "netswap.add-liquidity"),
  ],
  (name) => (name === "MockNetswapPair" ? PAIR : undefined),
);
const ids = new Map([
  ["netswap.swap", 2],
  ["netswap.add-liquidity", 3],
]);
const pair = new Interface([`event ${NETSWAP_SWAP_EVENT}`, `event ${NETSWAP_MINT_EVENT}`]);

let n = 0;
function log(
  address: string,
  name: string,
  args: unknown[],
  blockNumber: number,
  index: number,
): ChainLog {
  const { data, topics } = pair.encodeEventLog(name, args);
  n++;
  return {
    address,
    data,
    topics,
    blockNumber,
    index,
    transactionHash: keccak256(toUtf8Bytes(`tx${n}`)),
  };
}

describe("relayRecords", () => {
  it("makes one record per matching log, in chain order, with the exporter's ref", () => {
    const swap = log(PAIR, "Swap", [ROUTER, 1, 0, 0, 2, ALICE], 9, 3);
    const mint = log(PAIR, "Mint", [BOB, 5, 6], 4, 0);
    const elsewhere = log(OTHER, "Swap", [ROUTER, 1, 0, 0, 2, BOB], 5, 0);
    const { records, skipped } = relayRecords([swap, elsewhere, mint], rules, 31337n, ids);
    expect(skipped).toEqual([]);
    expect(records).toEqual([
      {
        account: BOB,
        action: 3,
        key: "netswap.add-liquidity",
        ref: relayRef(31337n, mint.transactionHash, 0),
        block: 4,
        txHash: mint.transactionHash,
        logIndex: 0,
      },
      {
        account: ALICE,
        action: 2,
        key: "netswap.swap",
        ref: relayRef(31337n, swap.transactionHash, 3),
        block: 9,
        txHash: swap.transactionHash,
        logIndex: 3,
      },
    ]);
    expect(JSON.parse(formatRelayLine(records[1], `0x${"AB".repeat(32)}`))).toEqual({
      block: 9,
      tx: swap.transactionHash,
      log: 3,
      account: ALICE.toLowerCase(),
      action: "netswap.swap",
      ref: records[1].ref,
      relayTx: `0x${"ab".repeat(32)}`,
    });
  });

  it("gives another chain's copy of a log another ref", () => {
    const swap = log(PAIR, "Swap", [ROUTER, 1, 0, 0, 2, ALICE], 9, 3);
    const a = relayRecords([swap], rules, 1n, ids).records[0].ref;
    const b = relayRecords([swap], rules, 2n, ids).records[0].ref;
    expect(a).not.toBe(b);
  });

  it("skips a log whose participant the season file excludes", () => {
    const swap = log(PAIR, "Swap", [ROUTER, 1, 0, 0, 2, ALICE], 9, 2);
    const { records, skipped } = relayRecords(
      [swap],
      rules,
      1n,
      ids,
      new Set([ALICE.toLowerCase()]),
    );
    expect(records).toEqual([]);
    expect(skipped.map((s) => s.reason)).toEqual([
      `its to ${getAddress(ALICE)} is excluded by the season file`,
    ]);
  });

  it("skips a log whose participant is the zero address (the registry refuses it)", () => {
    const swap = log(PAIR, "Swap", [ROUTER, 1, 0, 0, 2, ZeroAddress], 9, 1);
    expect(relayRecords([swap], rules, 1n, ids)).toEqual({
      records: [],
      skipped: [
        {
          block: 9,
          txHash: swap.transactionHash,
          logIndex: 1,
          reason: "its to is the zero address",
        },
      ],
    });
  });

  it("refuses a rule without a registry id", () => {
    const swap = log(PAIR, "Swap", [ROUTER, 1, 0, 0, 2, ALICE], 9, 1);
    expect(() => relayRecords([swap], rules, 1n, new Map())).toThrow(
      "action 'netswap.swap' has no registry id",
    );
  });

  it("names a log that does not decode as its rule's event", () => {
    const swap = log(PAIR, "Swap", [ROUTER, 1, 0, 0, 2, ALICE], 9, 1);
    const broken = { ...swap, data: "0x1234" };
    expect(() => relayRecords([broken], rules, 1n, ids)).toThrow(
      /block 9, .*: cannot decode as Swap\(/,
    );
  });
});
