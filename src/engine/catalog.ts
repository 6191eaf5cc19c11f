/**
 * A validated season compiled for computation: actions and boosts by id (their order in the
 * season file), decay tables, boost effects, and the reward epochs with lowercase token keys.
 */
import { boostEffect, type BoostEffect } from "./boosts";
import { cumulativeDecayTable } from "./decay";
import type { Curve } from "./allocate";
import type { Season } from "./season";
import { pointsToUnits } from "./units";

export interface CompiledEpoch {
  epoch: number;
  endTime: number;
  /** Configured pool by lowercase token address. */
  pools: ReadonlyMap<string, bigint>;
}

export interface CompiledSeason {
  name: string;
  actionKeys: string[];
  /** Each action's dApp, as an index into `dapps` (the scope of its refs). */
  actionScopes: number[];
  /** The dApps' names, in order of first appearance in the season file. */
  dapps: string[];
  /** Cumulative decay table of each action (decay.ts). */
  actionTables: bigint[][];
  boostKeys: string[];
  boostEffects: BoostEffect[];
  curve: Curve;
  epochs: CompiledEpoch[];
}

export function compileSeason(season: Season): CompiledSeason {
  const actionKeys = Object.keys(season.actions);
  const boostKeys = Object.keys(season.boosts);
  const dapps: string[] = [];
  const actionScopes = actionKeys.map((k) => {
    const dapp = season.actions[k].dapp;
    let i = dapps.indexOf(dapp);
    if (i < 0) i = dapps.push(dapp) - 1;
    return i;
  });
  return {
    name: season.name,
    actionKeys,
    actionScopes,
    dapps,
    actionTables: actionKeys.map((k) => {
      const a = season.actions[k];
      return cumulativeDecayTable(pointsToUnits(a.points), a.maxRepeats);
    }),
    boostKeys,
    boostEffects: boostKeys.map((k) => boostEffect(season.boosts[k])),
    curve: season.rewards.curve,
    epochs: season.rewards.epochs.map((e) => ({
      epoch: e.epoch,
      endTime: e.endTime,
      pools: new Map(
        Object.entries(e.pools).map(([t, amount]) => [t.toLowerCase(), BigInt(amount)]),
      ),
    })),
  };
}

/** Reward tokens of epochs 1 … n (lowercase, sorted). */
export function tokensUpTo(season: CompiledSeason, n: number): string[] {
  const tokens = new Set<string>();
  for (const e of season.epochs.slice(0, n)) for (const t of e.pools.keys()) tokens.add(t);
  return [...tokens].sort();
}
