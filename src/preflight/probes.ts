/**
 * The probes of `season:preflight`, against a node given as functions (so that tests drive them
 * with fakes): which EVM features the chain runs, the largest eth_getLogs range it accepts, and
 * whether a relay rule's contract exists and emits its event.
 */
import { CONTROL_PROBE, EVM_FEATURES, type EvmFeature } from "./opcodes";

/**
 * The features the chain lacks: an eth_call of each feature's creation code (`call` resolves true
 * when the node ran it). A node that refuses even the control probe is an error.
 */
export async function probeMissingFeatures(
  call: (data: string) => Promise<boolean>,
): Promise<EvmFeature[]> {
  if (!(await call(CONTROL_PROBE)))
    throw new Error("the node refuses even a trivial eth_call: cannot probe its EVM");
  const missing: EvmFeature[] = [];
  for (const feature of EVM_FEATURES) if (!(await call(feature.probe))) missing.push(feature);
  return missing;
}

export interface LogRangeProbe {
  /** The largest block range accepted (at most `cap`). */
  blocks: number;
  /** True when the node accepted `cap` blocks: its own limit, if any, is higher. */
  capped: boolean;
  requests: number;
}

/**
 * The largest eth_getLogs range (in blocks) the node accepts: `accepts(n)` asks for n blocks ending
 * at the head. Doubles from `start` up to `cap`, then bisects between the last accepted and the
 * first refused range until they are within an eighth of each other, so at most about
 * log2(cap / start) + 4 requests are sent. A node refusing even one block is an error.
 */
export async function probeLogRange(
  accepts: (blocks: number) => Promise<boolean>,
  options: { start?: number; cap?: number } = {},
): Promise<LogRangeProbe> {
  const cap = options.cap ?? 10_000;
  let requests = 0;
  const tryRange = async (n: number) => {
    requests++;
    return accepts(n);
  };
  let good = 0;
  let bad = 0; // 0: none refused yet
  let n = Math.min(options.start ?? 1_000, cap);
  while (true) {
    if (await tryRange(n)) {
      good = n;
      if (n >= cap) return { blocks: cap, capped: true, requests };
      n = Math.min(2 * n, cap);
    } else {
      bad = n;
      break;
    }
  }
  if (good === 0) {
    // Refused at the start: bisect below it.
    if (!(await tryRange(1)))
      throw new Error("the node refuses eth_getLogs even for a single block");
    good = 1;
  }
  while (bad - good > Math.max(1, Math.floor(good / 8))) {
    const mid = Math.floor((good + bad) / 2);
    if (await tryRange(mid)) good = mid;
    else bad = mid;
  }
  return { blocks: good, capped: false, requests };
}

/** EIP-1967's implementation slot: a proxy's logic contract. */
export const EIP1967_IMPLEMENTATION_SLOT =
  "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

/**
 * Why relay rule `index` cannot work on this chain, or undefined: its contract has no code, or
 * neither its code nor its EIP-1967 implementation's contains the event's topic (a contract
 * emitting an event pushes its topic hash).
 */
export function relayRuleProblem(args: {
  index: number;
  address: string;
  event: string;
  topic: string;
  code: string;
  implementationCode?: string;
}): string | undefined {
  if (args.code === "0x" || args.code === "")
    return `relay rule ${args.index}: ${args.address} has no code on this chain (a wrong address or another chain's)`;
  const needle = args.topic.toLowerCase().replace(/^0x/, "");
  const emits = [args.code, args.implementationCode ?? ""].some((c) =>
    c.toLowerCase().includes(needle),
  );
  if (!emits)
    return `relay rule ${args.index}: the contract at ${args.address} never emits ${args.event} (its topic ${args.topic} is not in its code): check the rule's address and event signature`;
  return undefined;
}
