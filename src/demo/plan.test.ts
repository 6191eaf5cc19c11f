import { describe, expect, it } from "vitest";
import {
  ACTION_OF,
  approvalsOf,
  claimRound,
  claimSample,
  DEMO_ACTION_KEYS,
  DEMO_RIDDLES,
  FAUCET,
  joinersOf,
  planSeason,
  plannedActions,
  stepCost,
  type DemoStep,
  type SeasonPlan,
} from "./plan";
import { SEASON1_CATALOG } from "../points/catalog";
import { SEASON1_BOOSTS } from "../season/season1-template";

const big = planSeason({ participants: 1_000, seed: "season-1" });

/**
 * Replays every participant's steps wave by wave against a model of the dApps' rules and returns
 * the first violation, or undefined. (The chain enforces the same rules: a violation would be a
 * reverted transaction in the demo.)
 */
function firstViolation(plan: SeasonPlan): string | undefined {
  let leagues = 0;
  const state = plan.participants.map(() => ({ keys: 0, open: 0, spent: 0, staked: 0 }));
  for (let e = 0; e < plan.epochs; e++) {
    for (const wave of ["wave1", "wave2"] as const) {
      const createdBefore = leagues;
      for (const p of plan.participants) {
        const steps = p.epochs[e][wave];
        if (steps.length > 0 && p.joinEpoch > e + 1) return `#${p.index} acts before joining`;
        const s = state[p.index];
        for (const step of steps) {
          s.spent += stepCost(step, s.keys);
          switch (step.op) {
            case "league.buyKeys":
              s.keys++;
              break;
            case "league.sellKeys":
              if (s.keys === 0) return `#${p.index} sells a key it does not hold`;
              s.keys--;
              break;
            case "league.openShort":
              if (s.keys === 0) return `#${p.index} shorts a subject with no supply`;
              break;
            case "tethys.openPosition":
              if (wave !== "wave1") return `#${p.index} opens in wave 2`;
              s.open++;
              break;
            case "tethys.closePosition":
              if (wave !== "wave2") return `#${p.index} closes in wave 1`;
              if (s.open === 0) return `#${p.index} closes a position it never opened`;
              s.open--;
              break;
            case "tethys.stakeTlp":
              s.staked += step.tlp;
              break;
            case "league.createLeague":
              if (wave !== "wave1") return `#${p.index} creates a league in wave 2`;
              leagues++;
              break;
            case "league.bet":
              if (wave !== "wave2") return `#${p.index} bets in wave 1`;
              if (step.league < 1 || step.league > createdBefore)
                return `#${p.index} bets on league ${step.league} of ${createdBefore}`;
              break;
          }
        }
        if (s.spent > p.faucet.usd) return `#${p.index} spends ${s.spent} > ${p.faucet.usd}`;
      }
    }
  }
  for (const p of plan.participants) {
    if (state[p.index].staked !== p.faucet.tlp)
      return `#${p.index} stakes ${state[p.index].staked} tTLP but gets ${p.faucet.tlp}`;
  }
  return undefined;
}

describe("planSeason", () => {
  it("is a function of its options: same seed, same plan; another seed, another plan", () => {
    expect(planSeason({ participants: 50, seed: "a" })).toEqual(
      planSeason({ participants: 50, seed: "a" }),
    );
    expect(planSeason({ participants: 50, seed: "a" })).not.toEqual(
      planSeason({ participants: 50, seed: "b" }),
    );
  });

  it("keeps a participant's plan when more participants are added after it", () => {
    const small = planSeason({ participants: 40, seed: "season-1" });
    // Riddles and profiles are per participant; only bets (league ids) depend on others.
    small.participants.forEach((p, i) => {
      expect(p.profile).toBe(big.participants[i].profile);
      expect(p.joinEpoch).toBe(big.participants[i].joinEpoch);
      expect(p.riddles).toEqual(big.participants[i].riddles);
    });
  });

  it("never plans a step the dApps would refuse, nor spends more than the faucet gives", () => {
    expect(firstViolation(big)).toBeUndefined();
    for (const seed of ["x", "y", "z"]) {
      for (const n of [1, 2, 7, 30]) {
        expect(firstViolation(planSeason({ participants: n, seed })), `${seed}/${n}`).toBe(
          undefined,
        );
      }
    }
  });

  it("the model above catches a bad plan (it can fail)", () => {
    const bad = structuredClone(planSeason({ participants: 30, seed: "x" }));
    const actor = bad.participants.find((p) => p.joinEpoch === 1)!;
    actor.epochs[0].wave1.unshift({ op: "league.sellKeys" });
    expect(firstViolation(bad)).toMatch(/sells a key it does not hold/);
    const bad2 = structuredClone(planSeason({ participants: 30, seed: "x" }));
    bad2.participants[0].epochs[0].wave2.push({ op: "league.bet", league: 999, side: 0, usd: 5 });
    expect(firstViolation(bad2)).toMatch(/bets on league 999/);
  });

  it("mixes profiles and late joiners; the first participant joins in epoch 1", () => {
    const profiles = new Map<string, number>();
    for (const p of big.participants) profiles.set(p.profile, (profiles.get(p.profile) ?? 0) + 1);
    expect([...profiles.keys()].sort()).toEqual(["active", "casual", "minter", "power"]);
    expect(profiles.get("minter")).toBeGreaterThan(50);
    expect(profiles.get("power")).toBeGreaterThan(50);
    const late = joinersOf(big, 2).length;
    expect(late).toBeGreaterThan(100);
    expect(late).toBeLessThan(200);
    expect(joinersOf(big, 1).length + late).toBe(1_000);
    expect(planSeason({ participants: 1, seed: "q" }).participants[0].joinEpoch).toBe(1);
    for (const p of big.participants.filter((p) => p.profile === "minter")) {
      expect(p.epochs.flatMap((e) => [...e.wave1, ...e.wave2])).toEqual([]);
    }
  });

  it("exercises every catalog action, in both epochs, and power users meet the repeat cap", () => {
    for (const epoch of [1, 2]) {
      const counts = plannedActions(big, epoch);
      for (const key of DEMO_ACTION_KEYS)
        expect(counts.get(key) ?? 0, `${key} in epoch ${epoch}`).toBeGreaterThan(0);
    }
    const cap = SEASON1_CATALOG.find((a) => a.key === "midas.buy-ticket")!.maxRepeats;
    const beyondCap = big.participants.filter((p) => {
      const perKey = new Map<string, number>();
      for (const s of p.epochs.flatMap((e) => [...e.wave1, ...e.wave2]))
        perKey.set(ACTION_OF[s.op], (perKey.get(ACTION_OF[s.op]) ?? 0) + 1);
      return Math.max(0, ...perKey.values()) > cap;
    });
    expect(beyondCap.length).toBeGreaterThan(0);
  });

  it("counts planned actions per key: the sum is every step", () => {
    for (const epoch of [1, 2]) {
      const total = [...plannedActions(big, epoch).values()].reduce((a, b) => a + b, 0);
      const steps = big.participants.reduce(
        (n, p) => n + p.epochs[epoch - 1].wave1.length + p.epochs[epoch - 1].wave2.length,
        0,
      );
      expect(total).toBe(steps);
    }
    expect(plannedActions(big, 3).size).toBe(0);
  });

  it("answers riddles of joined epochs only; wrong answers never reveal; some forget", () => {
    const answers = big.participants.flatMap((p) =>
      p.riddles.map((r) => ({ ...r, p, riddle: DEMO_RIDDLES.find((x) => x.key === r.key)! })),
    );
    expect(answers.length).toBeGreaterThan(1_000);
    for (const a of answers) {
      expect(a.riddle.epoch).toBeGreaterThanOrEqual(a.p.joinEpoch);
      expect(a.correct).toBe(a.answer === a.riddle.answer);
      if (!a.correct) {
        expect(a.riddle.wrong).toContain(a.answer);
        expect(a.reveals).toBe(false);
      }
    }
    expect(answers.some((a) => !a.correct)).toBe(true);
    expect(answers.some((a) => a.correct && !a.reveals)).toBe(true);
    expect(answers.filter((a) => a.reveals).length).toBeGreaterThan(answers.length / 2);
  });

  it("the demo's riddles are the season template's boosts", () => {
    expect(DEMO_RIDDLES.map((r) => r.key).sort()).toEqual(Object.keys(SEASON1_BOOSTS).sort());
  });

  it("refuses a participant count that is not a positive integer", () => {
    expect(() => planSeason({ participants: 0, seed: "s" })).toThrow(/positive integer/);
    expect(() => planSeason({ participants: 1.5, seed: "s" })).toThrow(/positive integer/);
  });
});

describe("step helpers", () => {
  it("maps each call to one catalog action of the default catalog", () => {
    const keys = new Set(SEASON1_CATALOG.map((a) => a.key));
    for (const action of Object.values(ACTION_OF)) expect(keys.has(action)).toBe(true);
    expect(new Set(Object.values(ACTION_OF))).toEqual(new Set(DEMO_ACTION_KEYS));
  });

  it("costs what the stand-ins charge", () => {
    expect(stepCost({ op: "midas.buyTicket" }, 0)).toBe(10);
    expect(stepCost({ op: "league.buyKeys" }, 2)).toBe(3);
    expect(stepCost({ op: "league.openShort" }, 2)).toBe(2);
    expect(stepCost({ op: "league.sellKeys" }, 2)).toBe(0);
    expect(stepCost({ op: "hummus.swap", usd: 7 }, 0)).toBe(7);
    expect(FAUCET.usd).toBeGreaterThan(0);
  });

  it("needs the approvals the dApps pull with", () => {
    const step = (s: DemoStep) => approvalsOf(s);
    expect(step({ op: "netswap.addLiquidity", usd: 5 })).toEqual([
      { token: "usd", dapp: "netswap" },
      { token: "weth", dapp: "netswap" },
    ]);
    expect(step({ op: "tethys.stakeTlp", tlp: 1 })).toEqual([{ token: "tlp", dapp: "tethys" }]);
    expect(step({ op: "tethys.closePosition" })).toEqual([]);
    expect(step({ op: "league.sellKeys" })).toEqual([]);
    expect(step({ op: "midas.buyTicket" })).toEqual([{ token: "usd", dapp: "midas" }]);
  });
});

describe("claims", () => {
  it("samples distinct participants, reproducibly", () => {
    const sample = claimSample(big, 20);
    expect(new Set(sample).size).toBe(20);
    expect(claimSample(big, 20)).toEqual(sample);
    expect(claimSample(planSeason({ participants: 3, seed: "s" }), 20)).toHaveLength(3);
  });

  it("claims for half the joined sample after epoch 1, everyone after the last epoch", () => {
    const sample = claimSample(big, 20);
    const first = claimRound(big, sample, 1);
    const last = claimRound(big, sample, 2);
    const joinedFirst = sample.filter((i) => big.participants[i].joinEpoch === 1);
    expect(first.batch.length + 1).toBe(Math.ceil(joinedFirst.length / 2));
    expect([...first.batch, first.single]).toEqual(joinedFirst.slice(0, first.batch.length + 1));
    expect([...last.batch, last.single]).toEqual(sample);
    // The early claimers claim again (their cumulative grew).
    for (const i of [...first.batch, first.single]) expect(sample).toContain(i);
  });

  it("a one-participant season claims alone", () => {
    const one = planSeason({ participants: 1, seed: "s" });
    expect(claimRound(one, claimSample(one, 5), 1)).toEqual({ batch: [], single: 0 });
    expect(claimRound(one, claimSample(one, 5), 2)).toEqual({ batch: [], single: 0 });
  });
});
