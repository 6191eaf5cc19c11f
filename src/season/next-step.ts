/**
 * The operator's next step, from the season's state: one order for every epoch,
 * close → publish → fund → verify → accept, then claims. Pure: the tasks read the state from the
 * chain and the epoch folders, this decides, and `commandOf` writes the exact command.
 */

/** The order of an epoch's steps, as the tasks print it. */
export const EPOCH_ORDER =
  "order: epoch:close → epoch:publish → rewards:fund → epoch:verify (the auditor) → epoch:accept → rewards:claim";

/** What the next-step decision needs to know about a season. */
export interface SeasonProgress {
  /** The chain's time (the confirmed head's timestamp). */
  now: number;
  /** The season's epochs in order, and whether each has a folder (closed). */
  epochs: readonly { epoch: number; endTime: number; closed: boolean }[];
  /** The distributor's accepted epoch (0: none). */
  accepted: number;
  /** The pending root, if any. */
  pending?: { epoch: number; validAt: number };
  /** Epochs (pending or accepted) whose entitlements the distributor cannot pay in full. */
  underfunded: readonly number[];
}

/** A step: the task, its own flags (besides --network and --season), and when it can run. */
export interface NextStep {
  task: string;
  args: Record<string, string | number>;
  /** Unix time from which the step can be taken (when it is later than now). */
  from?: number;
  /** Why this is the step, for people. */
  why: string;
}

/** The next step of the operator (or the auditor, for a pending root that is funded). */
export function nextStep(p: SeasonProgress, epochsDir: string): NextStep {
  if (p.pending) {
    const e = p.pending.epoch;
    if (p.underfunded.includes(e))
      return {
        task: "rewards:fund",
        args: { epoch: e, mint: "" },
        why: `epoch ${e} is published and the distributor cannot pay it in full yet`,
      };
    if (p.now < p.pending.validAt)
      return {
        task: "epoch:verify",
        args: { epoch: e, dump: `${epochsDir}/epoch-${e}/tree.json`, work: "audit/" },
        why: `epoch ${e} is pending and funded: the auditor verifies it; epoch:accept from the time below`,
      };
    return { task: "epoch:accept", args: {}, why: `epoch ${e}'s timelock has passed` };
  }
  if (p.accepted > 0 && p.underfunded.includes(p.accepted))
    return {
      task: "rewards:fund",
      args: { epoch: p.accepted, mint: "" },
      why: `epoch ${p.accepted} is accepted and the distributor cannot pay it in full`,
    };
  const next = p.epochs.find((e) => e.epoch > p.accepted);
  if (!next)
    return {
      task: "rewards:claim",
      args: { account: "<account>" },
      why: `every epoch is accepted: participants claim until the claim deadline`,
    };
  if (!next.closed || next.endTime > p.now)
    return {
      task: "epoch:close",
      args: { epoch: next.epoch },
      ...(next.endTime > p.now ? { from: next.endTime } : {}),
      why:
        next.endTime > p.now
          ? `epoch ${next.epoch} is running: close it once it has ended`
          : `epoch ${next.epoch} has ended`,
    };
  return {
    task: "epoch:publish",
    args: { epoch: next.epoch },
    why: `epoch ${next.epoch} is closed`,
  };
}

/**
 * The exact command of a step: `npx hardhat <task> --network <network> --season <file> …`
 * (a flag whose value is "" is written alone).
 */
export function commandOf(step: NextStep, network: string, seasonFile: string): string {
  const flags = Object.entries(step.args).map(([k, v]) => {
    const flag = `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    return v === "" ? flag : `${flag} ${v}`;
  });
  return ["npx hardhat", step.task, "--network", network, "--season", seasonFile, ...flags].join(
    " ",
  );
}
