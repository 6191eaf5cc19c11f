import { EventFragment, getAddress, Interface, keccak256, toUtf8Bytes } from "ethers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { relayRef } from "../points/ref";
import {
  decodeRecorded,
  decodeRelayed,
  decodeSeasonLogs,
  EMPTY_EXPORT_STATE,
  exportAddresses,
  exportTopics,
  type ChainLog,
  type ExportSources,
} from "./decode-logs";
import { compileRelayRules, relayRuleSchema, wordLayout } from "./relay-rules";
import { mintInterface, registryInterface, riddleInterface, TOPICS } from "./season-abi";

const MINT = "0x1000000000000000000000000000000000000001";
const REGISTRY = "0x2000000000000000000000000000000000000002";
const BOARD = "0x3000000000000000000000000000000000000003";
const PAIR = "0x4000000000000000000000000000000000000004";
const ALICE = "0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const BOB = "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const ROUTER = "0xcccccccccccccccccccccccccccccccccccccccc";
const SWAP =
  "Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)";
const REF = keccak256(toUtf8Bytes("tethys report 1"));

let counter = 0;
function log(
  address: string,
  iface: Interface,
  name: string,
  args: unknown[],
  blockNumber: number,
): ChainLog {
  const { data, topics } = iface.encodeEventLog(name, args);
  counter++;
  return {
    address,
    data,
    topics,
    blockNumber,
    transactionHash: keccak256(toUtf8Bytes(`tx${counter}`)),
    index: counter % 5,
  };
}

const relay = compileRelayRules(
  [
    relayRuleSchema.parse({
      contract: "MockNetswapPair",
      event: SWAP,
      account: "to",
      action: "netswap.swap",
    }),
  ],
  (name) => (name === "MockNetswapPair" ? PAIR : undefined),
);
const sources: ExportSources = {
  chainId: 31337n,
  mint: MINT,
  registry: REGISTRY,
  riddles: BOARD,
  relay,
  joinAction: "join",
};
const times = (b: number) => 1_700_000_000 + b * 12;

describe("decodeSeasonLogs", () => {
  it("turns mints, records, boosts and relayed events into engine events, in chain order", () => {
    const pairInterface = relay[0].iface;
    const logs = [
      log(BOARD, riddleInterface, "BoostEarned", [1, BOB], 9),
      log(
        REGISTRY,
        registryInterface,
        "ActionRegistered",
        [3, 2, "tethys.stake-tlp", 500_000_000n, 24],
        2,
      ),
      log(MINT, mintInterface, "Claimed", [ALICE, 1, 0, 10_000, [1n, 2n]], 3),
      log(REGISTRY, registryInterface, "Recorded", [ALICE, 3, REF], 5),
      log(
        BOARD,
        riddleInterface,
        "RiddlePublished",
        [1, "riddle-01", 1, "0x", REF, 100, 200, "?"],
        4,
      ),
      log(PAIR, pairInterface, "Swap", [ROUTER, 1, 0, 0, 2, BOB], 7),
    ];
    const { events, state } = decodeSeasonLogs(logs, times, sources, EMPTY_EXPORT_STATE);
    const claimed = logs[2];
    const swapped = logs[5];
    expect(events).toEqual([
      { kind: "mint", account: ALICE, ordinal: 1, dollars: "10000", time: times(3) },
      {
        kind: "action",
        account: ALICE,
        action: "join",
        ref: relayRef(31337n, claimed.transactionHash, claimed.index),
        time: times(3),
      },
      { kind: "action", account: ALICE, action: "tethys.stake-tlp", ref: REF, time: times(5) },
      {
        kind: "action",
        account: BOB,
        action: "netswap.swap",
        ref: relayRef(31337n, swapped.transactionHash, swapped.index),
        time: times(7),
      },
      { kind: "boost", account: BOB, boost: "riddle-01", time: times(9) },
    ]);
    expect(state).toEqual({ actions: { "3": "tethys.stake-tlp" }, riddles: { "1": "riddle-01" } });
  });

  it("uses ids learnt in earlier chunks from the state, and does not modify the state it is given", () => {
    const state = { actions: { "3": "tethys.stake-tlp" }, riddles: {} };
    const { events } = decodeSeasonLogs(
      [log(REGISTRY, registryInterface, "Recorded", [BOB, 3, REF], 20)],
      times,
      sources,
      state,
    );
    expect(events).toEqual([
      { kind: "action", account: BOB, action: "tethys.stake-tlp", ref: REF, time: times(20) },
    ]);
    decodeSeasonLogs(
      [log(REGISTRY, registryInterface, "ActionRegistered", [4, 2, "x", 1n, 0], 21)],
      times,
      sources,
      state,
    );
    expect(state.actions).toEqual({ "3": "tethys.stake-tlp" });
  });

  it("writes no join action when the season's catalog has none", () => {
    const { events } = decodeSeasonLogs(
      [log(MINT, mintInterface, "Claimed", [ALICE, 7, 1, 500, []], 3)],
      times,
      { ...sources, joinAction: undefined },
      EMPTY_EXPORT_STATE,
    );
    expect(events.map((e) => e.kind)).toEqual(["mint"]);
  });

  it("refuses a record or a boost whose id was never registered, naming the log", () => {
    expect(() =>
      decodeSeasonLogs(
        [log(REGISTRY, registryInterface, "Recorded", [ALICE, 9, REF], 6)],
        times,
        sources,
        EMPTY_EXPORT_STATE,
      ),
    ).toThrow(
      /block 6, tx 0x[0-9a-f]{64}, log \d: registry action 9 was recorded but never registered/,
    );
    expect(() =>
      decodeSeasonLogs(
        [log(BOARD, riddleInterface, "BoostEarned", [4, ALICE], 6)],
        times,
        sources,
        EMPTY_EXPORT_STATE,
      ),
    ).toThrow(/riddle 4 awarded a boost but was never published/);
  });

  it("skips a relayed log whose participant is the zero address, as points:relay does", () => {
    const zero = "0x0000000000000000000000000000000000000000";
    const { events } = decodeSeasonLogs(
      [log(PAIR, relay[0].iface, "Swap", [ROUTER, 1, 0, 0, 2, zero], 7)],
      times,
      sources,
      EMPTY_EXPORT_STATE,
    );
    expect(events).toEqual([]);
  });

  it("leaves out every event of an excluded account (mint, join, records, relayed, boosts)", () => {
    const logs = [
      log(
        REGISTRY,
        registryInterface,
        "ActionRegistered",
        [3, 2, "tethys.stake-tlp", 500_000_000n, 24],
        2,
      ),
      log(
        BOARD,
        riddleInterface,
        "RiddlePublished",
        [1, "riddle-01", 1, "0x", REF, 100, 200, "?"],
        2,
      ),
      log(MINT, mintInterface, "Claimed", [ALICE, 1, 0, 10_000, []], 3),
      log(MINT, mintInterface, "Claimed", [BOB, 2, 0, 10_000, []], 3),
      log(REGISTRY, registryInterface, "Recorded", [ALICE, 3, REF], 5),
      log(PAIR, relay[0].iface, "Swap", [ROUTER, 1, 0, 0, 2, ALICE], 7),
      log(BOARD, riddleInterface, "BoostEarned", [1, ALICE], 9),
    ];
    const excluded = { ...sources, exclude: new Set([ALICE]) };
    const { events, state } = decodeSeasonLogs(logs, times, excluded, EMPTY_EXPORT_STATE);
    expect(events.map((e) => [e.account, e.kind])).toEqual([
      [BOB, "mint"],
      [BOB, "action"],
    ]);
    expect(state.actions["3"]).toBe("tethys.stake-tlp");
  });

  it("ignores logs of other contracts and the same events emitted elsewhere", () => {
    const stranger = "0x5000000000000000000000000000000000000005";
    const { events } = decodeSeasonLogs(
      [log(stranger, mintInterface, "Claimed", [ALICE, 1, 0, 10_000, []], 3)],
      times,
      sources,
      EMPTY_EXPORT_STATE,
    );
    expect(events).toEqual([]);
  });

  it("asks the node for exactly the sources' contracts and topics", () => {
    expect(exportAddresses(sources)).toEqual([MINT, REGISTRY, BOARD, PAIR]);
    expect(exportTopics(sources)).toEqual([
      TOPICS.claimed,
      TOPICS.actionRegistered,
      TOPICS.recorded,
      TOPICS.riddlePublished,
      TOPICS.boostEarned,
      relay[0].topic,
    ]);
    expect(exportAddresses({ chainId: 1n, relay: [] })).toEqual([]);
  });
});

describe("relay rules", () => {
  it("name the problem of a bad rule", () => {
    const bad = (rule: object) => relayRuleSchema.safeParse(rule).error?.issues[0];
    expect(
      bad({ contract: PAIR, event: "Swap(", account: "to", action: "netswap.swap" }),
    ).toMatchObject({ path: ["event"] });
    expect(
      bad({ contract: PAIR, event: SWAP, account: "recipient", action: "netswap.swap" })?.message,
    ).toMatch(/'recipient' is not a field of Swap \(sender, amount0In/);
    expect(
      bad({ contract: PAIR, event: SWAP, account: "amount0In", action: "netswap.swap" })?.message,
    ).toBe("'amount0In' is a uint256, not an address");
    expect(
      bad({ contract: PAIR, event: SWAP, account: "to", action: "netswap.swap", extra: 1 })?.code,
    ).toBe("unrecognized_keys");
  });

  it("refuse two rules for the same event of the same contract (one log, two actions, one ref)", () => {
    const swapTo = relayRuleSchema.parse({
      contract: PAIR,
      event: SWAP,
      account: "to",
      action: "netswap.swap",
    });
    const swapSender = { ...swapTo, account: "sender", action: "netswap.add-liquidity" };
    expect(() => compileRelayRules([swapTo, swapSender], () => undefined)).toThrow(
      "relay rules 0 and 1 both match Swap of 0x4000000000000000000000000000000000000004: one log would count as two actions",
    );
  });

  it("resolve a contract by address or by deployment name, and refuse an unknown one", () => {
    const rule = relayRuleSchema.parse({
      contract: PAIR,
      event: `event ${SWAP}`,
      account: "sender",
      action: "netswap.swap",
    });
    expect(compileRelayRules([rule], () => undefined)[0].address).toBe(
      "0x4000000000000000000000000000000000000004",
    );
    expect(() => compileRelayRules([{ ...rule, contract: "Nowhere" }], () => undefined)).toThrow(
      "relay rule 0: contract 'Nowhere' is neither an address nor deployed on this network",
    );
  });
});

describe("decodeRecorded", () => {
  const hex = (bytes: number) =>
    fc
      .uint8Array({ minLength: bytes, maxLength: bytes })
      .map((b) => `0x${Buffer.from(b).toString("hex")}`);

  it("reads a Recorded log exactly as ethers' ABI decoder does", () => {
    fc.assert(
      fc.property(
        hex(20),
        fc.integer({ min: 0, max: 0xffffffff }),
        hex(32),
        (account, action, ref) => {
          const { data, topics } = registryInterface.encodeEventLog("Recorded", [
            account,
            action,
            ref,
          ]);
          const e = registryInterface.parseLog({ data, topics })!;
          expect(decodeRecorded({ data, topics })).toEqual({
            account: (e.args.account as string).toLowerCase(),
            action: String(e.args.action),
            ref: (e.args.ref as string).toLowerCase(),
          });
        },
      ),
    );
  });

  it("leaves a malformed log to the ABI decoder, which refuses it", () => {
    const { data, topics } = registryInterface.encodeEventLog("Recorded", [ALICE, 7, REF]);
    expect(decodeRecorded({ data: data.toUpperCase().replace("0X", "0x"), topics })).toEqual({
      account: ALICE,
      action: "7",
      ref: REF,
    });
    expect(() => decodeRecorded({ data: data.slice(0, 34), topics })).toThrow();
    expect(() => decodeRecorded({ data, topics: topics.slice(0, 2) })).toThrow();
  });
});

describe("relayed logs read from their words", () => {
  const word = fc
    .uint8Array({ minLength: 32, maxLength: 32 })
    .map((b) => Buffer.from(b).toString("hex"));
  // An address word: clean (12 zero bytes, then the address) most of the time, dirty sometimes.
  const addressWord = fc.oneof(
    { weight: 4, arbitrary: word.map((w) => `${"0".repeat(24)}${w.slice(24)}`) },
    { weight: 1, arbitrary: word },
  );
  const ethersAccount = (rule: (typeof relay)[number], log: { topics: string[]; data: string }) => {
    try {
      const parsed = rule.iface.parseLog(log);
      return parsed ? getAddress(parsed.args.getValue(rule.account) as string) : "no match";
    } catch {
      return "refused";
    }
  };
  const oursAccount = (rule: (typeof relay)[number], log: { topics: string[]; data: string }) => {
    try {
      return decodeRelayed(rule, log, "here");
    } catch {
      return "refused";
    }
  };
  const cases = [
    {
      event: SWAP,
      account: "to",
      // sender (indexed), four amounts, to (indexed)
      gen: fc.tuple(addressWord, fc.array(word, { minLength: 4, maxLength: 4 }), addressWord),
      shape: ([sender, amounts, to]: [string, string[], string]) => ({
        topics: [`0x${sender}`, `0x${to}`],
        words: amounts,
      }),
    },
    {
      event: "Deposit(uint256 amount, address indexed pool, address owner, bool locked)",
      account: "owner",
      gen: fc.tuple(word, addressWord, addressWord, word),
      shape: ([amount, pool, owner, locked]: [string, string, string, string]) => ({
        topics: [`0x${pool}`],
        words: [amount, owner, locked],
      }),
    },
  ] as const;

  for (const c of cases) {
    const [rule] = compileRelayRules(
      [relayRuleSchema.parse({ contract: PAIR, event: c.event, account: c.account, action: "x" })],
      () => undefined,
    );

    it(`reads ${c.event.split("(")[0]}'s ${c.account} as ethers' decoder does, or leaves the log to it`, () => {
      expect(rule.layout).toBeDefined();
      fc.assert(
        fc.property(
          c.gen as fc.Arbitrary<never>,
          fc.integer({ min: -1, max: 1 }),
          fc.integer({ min: -1, max: 1 }),
          (fields, extraTopics, extraWords) => {
            const { topics, words } = (
              c.shape as (f: never) => { topics: string[]; words: string[] }
            )(fields);
            const t = [rule.topic, ...topics];
            if (extraTopics > 0) t.push(`0x${"11".repeat(32)}`);
            if (extraTopics < 0) t.pop();
            const w = [...words];
            if (extraWords > 0) w.push("22".repeat(32));
            if (extraWords < 0) w.pop();
            const log = { topics: t, data: `0x${w.join("")}` };
            expect(oursAccount(rule, log)).toBe(ethersAccount(rule, log));
          },
        ),
        { numRuns: 500 },
      );
    });
  }

  it("keeps ethers' decoder for events with a dynamic or anonymous shape", () => {
    const layout = (event: string) => wordLayout(EventFragment.from(`event ${event}`), "who");
    expect(layout("Joined(address indexed who, string name)")).toBeUndefined();
    expect(layout("Joined(address indexed who, uint256[] ids)")).toBeUndefined();
    expect(
      wordLayout(
        EventFragment.from({
          type: "event",
          name: "Joined",
          anonymous: true,
          inputs: [{ name: "who", type: "address", indexed: true }],
        }),
        "who",
      ),
    ).toBeUndefined();
    expect(layout("Joined(address indexed who, bytes32 id)")).toEqual({
      topics: 2,
      words: 1,
      account: { topic: 1 },
      addressTopics: [1],
      addressWords: [],
    });
  });
});
