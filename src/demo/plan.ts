/**
 * What each simulated participant does, decided up front from a seed (pure: no chain).
 *
 * Every participant mints once (in epoch 1, or in epoch 2 for late joiners), gets the testnet
 * faucet's drip, then acts in the five dApps according to a profile (minter only, casual, active,
 * power user who repeats a favourite action far enough to meet the decay and the repeat cap) and
 * answers some of the daily riddles, sometimes wrongly. Each step is one dApp call that yields
 * exactly one catalog action (one registry record, or one relayed Netswap event).
 *
 * Each epoch's steps come in two waves: wave 1 (everything that depends only on the participant's
 * own earlier steps), then wave 2 (closing positions opened in an earlier wave, betting on leagues
 * someone created in an earlier wave). The Hardhat side sends a wave's transactions in bulk, so a
 * step never depends on another participant's transaction in the same wave.
 */
import { Prng } from "./prng";

/** The catalog keys the simulation exercises (the default Season 1 catalog, minus `join`). */
export const DEMO_ACTION_KEYS = [
  "netswap.swap",
  "netswap.add-liquidity",
  "tethys.swap",
  "tethys.open-position",
  "tethys.close-position",
  "tethys.stake-tlp",
  "midas.buy-ticket",
  "league.trade-keys",
  "league.open-short",
  "league.create-league",
  "league.bet",
  "hummus.swap",
  "hummus.deposit",
] as const;
export type DemoActionKey = (typeof DEMO_ACTION_KEYS)[number];

/** The dApp stand-ins, as deploy/points.ts names them. */
export type DemoDApp = "netswap" | "tethys" | "midas" | "league" | "hummus";

/**
 * One dApp call. Amounts are whole tokens: `usd` of tUSDC (the dApps' stablecoin), `tlp` of
 * tTLP. Keys are always one key of the participant's own subject (a cheap, self-contained curve).
 */
export type DemoStep =
  | { op: "netswap.swap"; usd: number }
  | { op: "netswap.addLiquidity"; usd: number }
  | { op: "tethys.swap"; usd: number }
  | { op: "tethys.openPosition"; long: boolean; usd: number; leverage: number }
  | { op: "tethys.closePosition" }
  | { op: "tethys.stakeTlp"; tlp: number }
  | { op: "midas.buyTicket" }
  | { op: "league.buyKeys" }
  | { op: "league.sellKeys" }
  | { op: "league.openShort" }
  | { op: "league.createLeague"; usd: number; name: string }
  | { op: "league.bet"; league: number; side: 0 | 1; usd: number }
  | { op: "hummus.swap"; usd: number }
  | { op: "hummus.deposit"; usd: number };

export type DemoOp = DemoStep["op"];

/** The catalog action each call earns. */
export const ACTION_OF: Readonly<Record<DemoOp, DemoActionKey>> = {
  "netswap.swap": "netswap.swap",
  "netswap.addLiquidity": "netswap.add-liquidity",
  "tethys.swap": "tethys.swap",
  "tethys.openPosition": "tethys.open-position",
  "tethys.closePosition": "tethys.close-position",
  "tethys.stakeTlp": "tethys.stake-tlp",
  "midas.buyTicket": "midas.buy-ticket",
  "league.buyKeys": "league.trade-keys",
  "league.sellKeys": "league.trade-keys",
  "league.openShort": "league.open-short",
  "league.createLeague": "league.create-league",
  "league.bet": "league.bet",
  "hummus.swap": "hummus.swap",
  "hummus.deposit": "hummus.deposit",
};

/** The dApp a call goes to. */
export function dappOf(op: DemoOp): DemoDApp {
  return op.slice(0, op.indexOf(".")) as DemoDApp;
}

/** A daily riddle of the demo (its boost is the season file's boost of the same key). */
export interface DemoRiddle {
  key: string;
  /** The epoch whose day it is published, answered and revealed in. */
  epoch: number;
  question: string;
  answer: string;
  /** Plausible wrong answers some participants commit. */
  wrong: readonly string[];
}

export const DEMO_RIDDLES: readonly DemoRiddle[] = [
  {
    key: "riddle-01",
    epoch: 1,
    question: "What has keys but cannot open a single lock?",
    answer: "a piano",
    wrong: ["a map", "a keyboard", "a prison guard"],
  },
  {
    key: "riddle-02",
    epoch: 1,
    question: "What gets wetter the more it dries?",
    answer: "a towel",
    wrong: ["a sponge", "the sea"],
  },
  {
    key: "riddle-03",
    epoch: 2,
    question: "What has a neck but no head?",
    answer: "a bottle",
    wrong: ["a guitar", "a shirt"],
  },
  {
    key: "riddle-04",
    epoch: 2,
    question: "What travels around the world while staying in a corner?",
    answer: "a stamp",
    wrong: ["the wind", "a satellite", "light"],
  },
];

export type Profile = "minter" | "casual" | "active" | "power";

export interface RiddleAnswer {
  key: string;
  /** The committed answer (normalised form). */
  answer: string;
  correct: boolean;
  /** Whether the participant reveals after the operator does (only right answers can). */
  reveals: boolean;
}

/** The testnet faucet's drip at joining, in whole tokens. */
export interface FaucetDrip {
  usd: number;
  weth: number;
  tlp: number;
}

export interface EpochSteps {
  wave1: DemoStep[];
  wave2: DemoStep[];
}

export interface ParticipantPlan {
  index: number;
  profile: Profile;
  /** The epoch the participant mints in (1, or 2 for a late joiner). */
  joinEpoch: number;
  faucet: FaucetDrip;
  /** Steps of epoch 1 and epoch 2 (empty before joining). */
  epochs: EpochSteps[];
  riddles: RiddleAnswer[];
}

export interface SeasonPlan {
  seed: string;
  epochs: number;
  participants: ParticipantPlan[];
  riddles: readonly DemoRiddle[];
}

/** How a profile behaves. */
interface ProfileRules {
  /** Actions per epoch, inclusive range. */
  actions: [number, number];
  /** Probability of answering each riddle. */
  riddles: number;
  /** Probability that an action is the participant's favourite (the decay and the cap). */
  favourite: number;
}

const PROFILES: Readonly<Record<Profile, ProfileRules>> = {
  minter: { actions: [0, 0], riddles: 0.15, favourite: 0 },
  casual: { actions: [1, 4], riddles: 0.4, favourite: 0.2 },
  active: { actions: [4, 10], riddles: 0.6, favourite: 0.3 },
  power: { actions: [20, 40], riddles: 0.85, favourite: 0.6 },
};

const PROFILE_WEIGHTS: Readonly<Record<Profile, number>> = {
  minter: 12,
  casual: 48,
  active: 30,
  power: 10,
};

/** How often each action is chosen (when it is not the favourite). */
const ACTION_WEIGHTS: Readonly<Record<DemoActionKey, number>> = {
  "netswap.swap": 12,
  "netswap.add-liquidity": 6,
  "tethys.swap": 8,
  "tethys.open-position": 8,
  "tethys.close-position": 5,
  "tethys.stake-tlp": 5,
  "midas.buy-ticket": 10,
  "league.trade-keys": 10,
  "league.open-short": 4,
  "league.create-league": 3,
  "league.bet": 8,
  "hummus.swap": 8,
  "hummus.deposit": 6,
};

/** The share of participants who mint only in epoch 2. */
export const LATE_JOINERS = 0.15;
/** The faucet's drip: enough for every plan (the planner never spends more than this). */
export const FAUCET: FaucetDrip = { usd: 2_000, weth: 1, tlp: 0 };
/** Right answers, of the participants who answer. */
const RIGHT_ANSWERS = 0.8;
/** Right answerers who forget to reveal. */
const FORGET_TO_REVEAL = 0.05;
/** League.Tech keys of one's own subject never exceed this supply (keeps the curve cheap). */
const MAX_OWN_KEYS = 3;

/** A participant's running state while planning. */
interface Ledger {
  spent: number;
  /** Positions opened and not (yet planned to be) closed. */
  openPositions: number;
  ownKeys: number;
  tlp: number;
}

export interface PlanOptions {
  participants: number;
  seed: string;
  /** Epochs with activity (the demo closes two). */
  epochs?: number;
  riddles?: readonly DemoRiddle[];
}

/** A step for `key`, or undefined when the participant's state does not allow it now. */
function stepFor(
  key: DemoActionKey,
  rng: Prng,
  ledger: Ledger,
  label: string,
): DemoStep[] | undefined {
  const usd = rng.int(5, 25);
  switch (key) {
    case "netswap.swap":
      return [{ op: "netswap.swap", usd }];
    case "netswap.add-liquidity":
      return [{ op: "netswap.addLiquidity", usd }];
    case "tethys.swap":
      return [{ op: "tethys.swap", usd }];
    case "tethys.open-position":
      ledger.openPositions++;
      return [{ op: "tethys.openPosition", long: rng.chance(0.6), usd, leverage: rng.int(1, 5) }];
    case "tethys.close-position":
      return undefined; // wave 2 only (see planEpoch)
    case "tethys.stake-tlp": {
      const tlp = rng.int(1, 3);
      ledger.tlp += tlp;
      return [{ op: "tethys.stakeTlp", tlp }];
    }
    case "midas.buy-ticket":
      return [{ op: "midas.buyTicket" }];
    case "league.trade-keys":
      if (ledger.ownKeys > 0 && (ledger.ownKeys >= MAX_OWN_KEYS || rng.chance(0.3))) {
        ledger.ownKeys--;
        return [{ op: "league.sellKeys" }];
      }
      ledger.ownKeys++;
      return [{ op: "league.buyKeys" }];
    case "league.open-short":
      if (ledger.ownKeys === 0) {
        ledger.ownKeys++;
        return [{ op: "league.buyKeys" }, { op: "league.openShort" }];
      }
      return [{ op: "league.openShort" }];
    case "league.create-league":
      return [{ op: "league.createLeague", usd, name: label }];
    case "league.bet":
      return undefined; // wave 2 only
    case "hummus.swap":
      return [{ op: "hummus.swap", usd }];
    case "hummus.deposit":
      return [{ op: "hummus.deposit", usd }];
  }
}

/** tUSDC a step costs at most (refunds ignored: a conservative budget). */
export function stepCost(step: DemoStep, ownKeysBefore: number): number {
  switch (step.op) {
    case "midas.buyTicket":
      return 10; // the stand-in's default ticket price
    case "league.buyKeys":
      return ownKeysBefore + 1; // the curve's next key, step 1 tUSDC
    case "league.openShort":
      return ownKeysBefore; // collateral: supply × step
    case "league.sellKeys":
    case "tethys.closePosition":
    case "tethys.stakeTlp":
      return 0;
    default:
      return step.usd;
  }
}

/** tUSDC a sequence of steps costs, from `keysBefore` own keys. */
function costOf(steps: readonly DemoStep[], keysBefore: number): number {
  let keys = keysBefore;
  let cost = 0;
  for (const s of steps) {
    cost += stepCost(s, keys);
    if (s.op === "league.buyKeys") keys++;
    if (s.op === "league.sellKeys") keys--;
  }
  return cost;
}

/** Plans every participant's season. Same options: same plan. */
export function planSeason(options: PlanOptions): SeasonPlan {
  const epochs = options.epochs ?? 2;
  const riddles = options.riddles ?? DEMO_RIDDLES;
  if (!Number.isSafeInteger(options.participants) || options.participants < 1) {
    throw new Error(`participants must be a positive integer, got ${options.participants}`);
  }
  const root = new Prng(options.seed);
  const participants: ParticipantPlan[] = [];
  const ledgers: Ledger[] = [];
  const favourites: DemoActionKey[] = [];
  const rngs: Prng[] = [];

  for (let i = 0; i < options.participants; i++) {
    const rng = root.fork(`participant-${i}`);
    rngs.push(rng);
    const profile = rng.weighted(PROFILE_WEIGHTS);
    // The first participant always joins in epoch 1, so epoch 1 is never empty.
    const joinEpoch = i > 0 && epochs > 1 && rng.chance(LATE_JOINERS) ? 2 : 1;
    favourites.push(rng.weighted(ACTION_WEIGHTS));
    ledgers.push({ spent: 0, openPositions: 0, ownKeys: 0, tlp: 0 });
    participants.push({
      index: i,
      profile,
      joinEpoch,
      faucet: { ...FAUCET },
      epochs: Array.from({ length: epochs }, () => ({ wave1: [], wave2: [] })),
      riddles: [],
    });
  }

  let leagues = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const wantsClose: number[] = [];
    const wantsBet: number[] = [];
    // Wave 1, participant by participant.
    for (const p of participants) {
      if (p.joinEpoch > epoch) continue;
      const rng = rngs[p.index];
      const ledger = ledgers[p.index];
      const rules = PROFILES[p.profile];
      const count = rng.int(rules.actions[0], rules.actions[1]);
      wantsClose[p.index] = 0;
      wantsBet[p.index] = 0;
      for (let k = 0; k < count; k++) {
        const key = rng.chance(rules.favourite)
          ? favourites[p.index]
          : rng.weighted(ACTION_WEIGHTS);
        if (key === "tethys.close-position") {
          wantsClose[p.index]++;
          continue;
        }
        if (key === "league.bet") {
          wantsBet[p.index]++;
          continue;
        }
        const before = { ...ledger };
        const steps = stepFor(key, rng, ledger, `Season league ${p.index}-${epoch}-${k}`);
        const cost = steps ? costOf(steps, before.ownKeys) : 0;
        if (!steps || before.spent + cost > FAUCET.usd) {
          Object.assign(ledger, before);
          continue;
        }
        ledger.spent += cost;
        if (steps.some((s) => s.op === "league.createLeague")) leagues++;
        p.epochs[epoch - 1].wave1.push(...steps);
      }
    }
    // Bets need a league: the first would-be bettor creates one when nobody has.
    const firstBettor = participants.find((p) => (wantsBet[p.index] ?? 0) > 0);
    if (leagues === 0 && firstBettor) {
      const ledger = ledgers[firstBettor.index];
      const usd = rngs[firstBettor.index].int(5, 25);
      if (ledger.spent + usd <= FAUCET.usd) {
        ledger.spent += usd;
        firstBettor.epochs[epoch - 1].wave1.push({
          op: "league.createLeague",
          usd,
          name: `Season league ${firstBettor.index}-${epoch}`,
        });
        leagues++;
      }
    }
    // Wave 2: closes of earlier positions, bets on earlier leagues.
    for (const p of participants) {
      if (p.joinEpoch > epoch) continue;
      const rng = rngs[p.index];
      const ledger = ledgers[p.index];
      const wave2 = p.epochs[epoch - 1].wave2;
      for (let k = 0; k < wantsClose[p.index] && ledger.openPositions > 0; k++) {
        ledger.openPositions--;
        wave2.push({ op: "tethys.closePosition" });
      }
      for (let k = 0; k < wantsBet[p.index] && leagues > 0; k++) {
        const usd = rng.int(2, 10);
        if (ledger.spent + usd > FAUCET.usd) break;
        ledger.spent += usd;
        wave2.push({
          op: "league.bet",
          league: rng.int(1, leagues),
          side: rng.chance(0.5) ? 0 : 1,
          usd,
        });
      }
    }
  }

  // Riddles: answered by participants who have joined by the riddle's epoch.
  for (const p of participants) {
    const rng = rngs[p.index].fork("riddles");
    for (const riddle of riddles) {
      if (riddle.epoch > epochs || riddle.epoch < p.joinEpoch) continue;
      if (!rng.chance(PROFILES[p.profile].riddles)) continue;
      const correct = rng.chance(RIGHT_ANSWERS);
      p.riddles.push({
        key: riddle.key,
        answer: correct ? riddle.answer : rng.pick(riddle.wrong),
        correct,
        reveals: correct && !rng.chance(FORGET_TO_REVEAL),
      });
    }
    p.faucet.tlp = ledgers[p.index].tlp;
  }
  return { seed: options.seed, epochs, participants, riddles };
}

/** How many records of each catalog action the plan produces in `epoch` (joins excluded). */
export function plannedActions(plan: SeasonPlan, epoch: number): Map<DemoActionKey, number> {
  const counts = new Map<DemoActionKey, number>();
  for (const p of plan.participants) {
    const steps = p.epochs[epoch - 1];
    if (!steps) continue;
    for (const s of [...steps.wave1, ...steps.wave2]) {
      const key = ACTION_OF[s.op];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** Participants who mint in `epoch`, in plan order (their mint order). */
export function joinersOf(plan: SeasonPlan, epoch: number): ParticipantPlan[] {
  return plan.participants.filter((p) => p.joinEpoch === epoch);
}

/** The token approvals a step needs: token → spender dApp. */
export function approvalsOf(step: DemoStep): { token: "usd" | "weth" | "tlp"; dapp: DemoDApp }[] {
  switch (step.op) {
    case "netswap.addLiquidity":
      return [
        { token: "usd", dapp: "netswap" },
        { token: "weth", dapp: "netswap" },
      ];
    case "tethys.stakeTlp":
      return [{ token: "tlp", dapp: "tethys" }];
    case "tethys.closePosition":
    case "league.sellKeys":
      return [];
    default:
      return [{ token: "usd", dapp: dappOf(step.op) }];
  }
}

/**
 * The participants whose rewards the demo claims: `size` distinct participants, drawn from the
 * seed (the same every run).
 */
export function claimSample(plan: SeasonPlan, size: number): number[] {
  const rng = new Prng(`${plan.seed}/claims`);
  const pool = plan.participants.map((p) => p.index);
  const picked: number[] = [];
  const n = Math.min(size, pool.length);
  while (picked.length < n) {
    picked.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]);
  }
  return picked;
}

/**
 * Who claims after `epoch` is accepted: before the last epoch, the first half of the sample's
 * participants who have joined; after it, all of them (so the early claimers claim again and are
 * paid only what the later epoch added). The last one claims alone (`claim`), the others in one
 * batch (`claimMany`).
 */
export function claimRound(
  plan: SeasonPlan,
  sample: readonly number[],
  epoch: number,
): { batch: number[]; single: number | undefined } {
  const joined = sample.filter((i) => plan.participants[i].joinEpoch <= epoch);
  const chosen = epoch < plan.epochs ? joined.slice(0, Math.ceil(joined.length / 2)) : joined;
  return { batch: chosen.slice(0, -1), single: chosen.at(-1) };
}
