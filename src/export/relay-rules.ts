/**
 * Relay rules: how events of a dApp that does not report to the points registry become actions.
 * A rule names the contract (an address, or a name in the network's deployment record), the event
 * (a Solidity signature, `indexed` marked), the event field holding the participant, and the
 * catalog action it counts as. Each matching log counts once, with the ref
 * keccak256(chainId, txHash, logIndex) — the same ref `points:relay` records on-chain, so an event
 * both relayed and read directly still counts once.
 */
import { EventFragment, getAddress, Interface, isAddress } from "ethers";
import { z } from "zod";

export const relayRuleSchema = z
  .strictObject({
    /** The contract's address, or its name in deployments/<network>.json (e.g. "MockNetswapPair"). */
    contract: z.string().min(1, "must name a contract or give its address"),
    /** The event's Solidity signature, e.g. "Swap(address indexed sender, uint256 amount0In, …)". */
    event: z.string().min(1, "must be an event signature"),
    /** The event field holding the participant's address. */
    account: z.string().min(1, "must name an address field of the event"),
    /** The catalog action the event counts as. */
    action: z.string().min(1, "must name a catalog action"),
  })
  .superRefine((rule, ctx) => {
    let fragment: EventFragment;
    try {
      fragment = EventFragment.from(
        rule.event.trim().startsWith("event ") ? rule.event : `event ${rule.event}`,
      );
    } catch (e) {
      ctx.addIssue({
        code: "custom",
        path: ["event"],
        message: `is not an event signature (${firstLine(e)})`,
      });
      return;
    }
    const field = fragment.inputs.find((input) => input.name === rule.account);
    if (!field) {
      const names = fragment.inputs.map((i) => i.name).join(", ");
      ctx.addIssue({
        code: "custom",
        path: ["account"],
        message: `'${rule.account}' is not a field of ${fragment.name} (${names})`,
      });
    } else if (field.type !== "address") {
      ctx.addIssue({
        code: "custom",
        path: ["account"],
        message: `'${rule.account}' is a ${field.type}, not an address`,
      });
    }
  });

export type RelayRule = z.infer<typeof relayRuleSchema>;

/** A rule ready to match logs: its contract resolved to an address. */
export interface CompiledRelayRule {
  address: string;
  fragment: EventFragment;
  /** An interface of just this event, to decode its logs. */
  iface: Interface;
  topic: string;
  account: string;
  action: string;
  /** Where a well-formed log holds the account, when every field is one word (see wordLayout). */
  layout?: WordLayout;
}

/**
 * The shape of an event whose fields are all one-word static types (address, bool, uintN, intN,
 * bytesN): a log of it has exactly `topics` topics and `words` words of data, and the account is
 * topic `account.topic` or data word `account.word`. `addressTopics` and `addressWords` are the
 * address fields, whose word must have its 12 high bytes zero (ethers refuses the log otherwise).
 */
export interface WordLayout {
  topics: number;
  words: number;
  account: { topic: number } | { word: number };
  addressTopics: number[];
  addressWords: number[];
}

const ONE_WORD =
  /^(address|bool|u?int(8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128|136|144|152|160|168|176|184|192|200|208|216|224|232|240|248|256)?|bytes([1-9]|[12][0-9]|3[0-2]))$/;

/** The word layout of `fragment` with `account` as the participant, or undefined (see WordLayout). */
export function wordLayout(fragment: EventFragment, account: string): WordLayout | undefined {
  if (fragment.anonymous || !fragment.inputs.every((i) => ONE_WORD.test(i.type))) return undefined;
  const layout: WordLayout = {
    topics: 1,
    words: 0,
    account: { topic: -1 },
    addressTopics: [],
    addressWords: [],
  };
  for (const input of fragment.inputs) {
    const isAddress = input.type === "address";
    if (input.indexed) {
      if (input.name === account) layout.account = { topic: layout.topics };
      if (isAddress) layout.addressTopics.push(layout.topics);
      layout.topics += 1;
    } else {
      if (input.name === account) layout.account = { word: layout.words };
      if (isAddress) layout.addressWords.push(layout.words);
      layout.words += 1;
    }
  }
  return "topic" in layout.account && layout.account.topic < 0 ? undefined : layout;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0];
}

/**
 * Resolves each rule's contract (an address, or a name looked up with `resolveName`) and parses
 * its event. Errors name the rule by its index; two rules for the same event of the same contract
 * are refused (one log would count as two actions with one ref).
 */
export function compileRelayRules(
  rules: readonly RelayRule[],
  resolveName: (name: string) => string | undefined,
): CompiledRelayRule[] {
  const compiled = rules.map((rule, i) => {
    const address = isAddress(rule.contract)
      ? getAddress(rule.contract)
      : resolveName(rule.contract);
    if (!address)
      throw new Error(
        `relay rule ${i}: contract '${rule.contract}' is neither an address nor deployed on this network`,
      );
    const fragment = EventFragment.from(
      rule.event.trim().startsWith("event ") ? rule.event : `event ${rule.event}`,
    );
    return {
      address: getAddress(address),
      fragment,
      iface: new Interface([fragment]),
      topic: fragment.topicHash,
      account: rule.account,
      action: rule.action,
      layout: wordLayout(fragment, rule.account),
    };
  });
  compiled.forEach((rule, i) => {
    const j = compiled.findIndex((r) => r.address === rule.address && r.topic === rule.topic);
    if (j !== i) {
      throw new Error(
        `relay rules ${j} and ${i} both match ${rule.fragment.name} of ${rule.address}: one log would count as two actions`,
      );
    }
  });
  return compiled;
}

/**
 * A relay rules file, as `season:init --relay` reads it: the rules of real dApps, each contract
 * given by its address (a chain with no mocks has no names to look up), with a description.
 */
export const relayRulesFileSchema = z.strictObject({
  description: z.string().optional(),
  rules: z.array(relayRuleSchema).min(1, "must hold at least one rule"),
});

/**
 * The rules of a relay rules file checked against a season: each contract is a non-zero address
 * and each action is in the season's catalog (`actions`: key → its dApp). Returns the rules and
 * the dApps they relay for; errors name the rule by its index.
 */
export function checkRelayRulesForSeason(
  rules: readonly RelayRule[],
  actions: Readonly<Record<string, { dapp: string }>>,
): { rules: RelayRule[]; dapps: string[] } {
  const dapps: string[] = [];
  rules.forEach((rule, i) => {
    if (!isAddress(rule.contract))
      throw new Error(
        `relay rule ${i}: contract '${rule.contract}' must be the dApp's address (0x…) on a chain without mocks`,
      );
    if (BigInt(rule.contract) === 0n)
      throw new Error(
        `relay rule ${i}: contract is the zero address: put the address of the dApp's contract there`,
      );
    const action = actions[rule.action];
    if (!action)
      throw new Error(
        `relay rule ${i}: action '${rule.action}' is not in the season's catalog (${Object.keys(actions).length} actions, e.g. ${Object.keys(actions).slice(0, 3).join(", ")})`,
      );
    if (!dapps.includes(action.dapp)) dapps.push(action.dapp);
  });
  compileRelayRules(rules, () => undefined); // the same event of one contract twice is refused
  return { rules: rules.map((r) => ({ ...r, contract: getAddress(r.contract) })), dapps };
}
