/**
 * A seeded season crowd with planted sybil rings, for measuring the detector: honest participants
 * (funded by a faucet, an exchange or a friend, trading on the season's dApps at their own pace,
 * a few sending tokens to a friend or their own cold wallet) beside rings of wallets funded from
 * one address, sweeping their baskets to one address and acting in lockstep, each ring with some
 * noise (a wallet funded elsewhere, one that does not sweep, one that acts on its own).
 */
import { Prng } from "../demo/prng";
import type { SybilInput, TimedAction, TokenTransfer } from "./detect";

export interface SimulationOptions {
  participants: number;
  /** Share of participants that are sybil wallets (0..1). */
  sybilShare: number;
  seed: string;
}

export interface SimulatedSeason {
  input: SybilInput;
  sybils: ReadonlySet<string>;
  honest: ReadonlySet<string>;
  rings: number;
}

const DAY = 86_400;
const START = 1_767_225_600; // 2026-01-01
const SEASON_DAYS = 28;
const ACTIONS = [
  "netswap.swap",
  "netswap.add-liquidity",
  "tethys.swap",
  "tethys.open-position",
  "tethys.close-position",
  "tethys.stake-tlp",
  "midas.buy-ticket",
  "league.buy-keys",
  "league.sell-keys",
  "league.bet",
  "hummus.swap",
  "hummus.deposit",
];

function address(prng: Prng): string {
  let hex = "0x";
  for (let i = 0; i < 5; i++) hex += prng.uint32().toString(16).padStart(8, "0");
  return hex;
}

/** Share of a sybil ring's wallets that break each pattern. */
const RING_NOISE = { fundedElsewhere: 0.1, noSweep: 0.15, ownPace: 0.15 };

export function simulateSybilSeason(options: SimulationOptions): SimulatedSeason {
  const { participants } = options;
  if (!Number.isInteger(participants) || participants < 10)
    throw new Error(`participants must be an integer >= 10, got ${participants}`);
  if (!(options.sybilShare >= 0 && options.sybilShare < 1))
    throw new Error(`sybilShare must be in [0, 1), got ${options.sybilShare}`);
  const prng = new Prng(`sybil-sim/${options.seed}`);
  const dapps = ACTIONS.map(() => address(prng));
  const faucet = address(prng);
  const exchanges = [address(prng), address(prng), address(prng)];
  const ignore = new Set([...dapps, faucet]);
  const funders = new Map<string, string>();
  const transfers: TokenTransfer[] = [];
  const sequences = new Map<string, TimedAction[]>();
  const sybils = new Set<string>();
  const honest = new Set<string>();
  const token = address(prng);

  const joinTime = () =>
    prng.chance(0.3) ? START + prng.int(0, 600) : START + prng.int(0, SEASON_DAYS * DAY - 1);
  const ownPace = (from: number): TimedAction[] => {
    const n = prng.int(2, 30);
    const seq: TimedAction[] = [
      { action: "mint", time: from },
      { action: "join", time: from },
    ];
    let t = from;
    for (let i = 0; i < n; i++) {
      t += prng.int(20, 2 * DAY);
      seq.push({ action: prng.pick(ACTIONS), time: t });
    }
    return seq;
  };
  // A bot's replay of the ring's script: each action a few seconds off, the join with its mint.
  const lockstep = (script: readonly TimedAction[], offset: number): TimedAction[] => {
    const seq: TimedAction[] = [];
    for (const a of script) {
      const time =
        a.action === "join" && seq.length > 0
          ? seq[seq.length - 1].time
          : a.time + offset + prng.int(0, 4);
      seq.push({ action: a.action, time });
    }
    return seq;
  };
  const trade = (account: string, seq: readonly TimedAction[]) => {
    for (let i = 2; i < seq.length; i++) {
      if (prng.chance(0.5)) transfers.push({ from: account, to: prng.pick(dapps), token });
    }
  };

  // Sybil rings of 5 to 40 wallets.
  const sybilTarget = Math.floor(participants * options.sybilShare);
  let rings = 0;
  while (sybils.size < sybilTarget) {
    const left = sybilTarget - sybils.size;
    if (left < 2) break;
    // The last ring takes what is left rather than leave a single wallet.
    const drawn = prng.int(5, 40);
    const size = drawn >= left - 1 ? left : drawn;
    rings++;
    const master = address(prng);
    const sink = address(prng);
    const start = joinTime();
    const script: TimedAction[] = [
      { action: "mint", time: start },
      { action: "join", time: start },
    ];
    let t = start;
    for (let i = 0, n = prng.int(4, 12); i < n; i++) {
      t += prng.int(60, DAY);
      script.push({ action: prng.pick(ACTIONS), time: t });
    }
    const wallets = Array.from({ length: size }, () => address(prng));
    wallets.forEach((w, i) => {
      sybils.add(w);
      funders.set(
        w,
        prng.chance(RING_NOISE.fundedElsewhere)
          ? prng.chance(0.5)
            ? faucet
            : wallets[(i + 1) % size]
          : master,
      );
      // The bot runs the wallets a few seconds apart, in order.
      const offset = (i % 8) * prng.int(1, 3);
      const seq = prng.chance(RING_NOISE.ownPace) ? ownPace(joinTime()) : lockstep(script, offset);
      sequences.set(w, seq);
      trade(w, seq);
      if (!prng.chance(RING_NOISE.noSweep)) transfers.push({ from: w, to: sink, token });
    });
  }

  // Honest participants.
  const honestList: string[] = [];
  while (sybils.size + honest.size < participants) {
    const a = address(prng);
    honest.add(a);
    honestList.push(a);
    const seq = ownPace(joinTime());
    sequences.set(a, seq);
    trade(a, seq);
    const r = prng.next();
    funders.set(a, r < 0.55 ? faucet : r < 0.85 ? prng.pick(exchanges) : address(prng));
  }
  // Friends: a few honest participants share a funder (2 or 3 of them), send each other tokens,
  // or keep a cold wallet.
  for (let i = 0; i + 3 < honestList.length; i += 3) {
    const r = prng.next();
    if (r < 0.04) {
      const friend = address(prng);
      for (const a of honestList.slice(i, i + prng.int(2, 3))) funders.set(a, friend);
    } else if (r < 0.07) {
      transfers.push({ from: honestList[i], to: honestList[i + 1], token });
    } else if (r < 0.12) {
      transfers.push({ from: honestList[i], to: address(prng), token });
    }
  }
  return {
    input: {
      participants: [...sybils, ...honest],
      funders,
      transfers,
      sequences,
      ignore,
    },
    sybils,
    honest,
    rings,
  };
}

/** The detector's hit rates on a simulated season. */
export function measure(
  season: SimulatedSeason,
  flagged: readonly string[],
): { sybilsFlagged: number; honestFlagged: number; sybilRate: number; honestRate: number } {
  const set = new Set(flagged);
  const sybilsFlagged = [...season.sybils].filter((a) => set.has(a)).length;
  const honestFlagged = [...season.honest].filter((a) => set.has(a)).length;
  return {
    sybilsFlagged,
    honestFlagged,
    sybilRate: season.sybils.size ? sybilsFlagged / season.sybils.size : 0,
    honestRate: season.honest.size ? honestFlagged / season.honest.size : 0,
  };
}
