/**
 * When each phase of the demo happens on the chain's clock. Epoch k runs from
 * `start + (k−1)·epochSeconds` to `start + k·epochSeconds`; its first hours are left to the
 * previous epoch's close, publication, audit and timelock, then participants mint, act (wave 1),
 * answer the day's riddles (commit, operator reveal, participant reveal) and act again (wave 2),
 * all before the epoch ends.
 */

export interface EpochTimeline {
  epoch: number;
  /** The epoch's first second. */
  begin: number;
  /** Joiners mint; the faucet drips. */
  mint: number;
  /** Approvals and wave 1. */
  wave1: number;
  /** The operator publishes the day's riddles. */
  riddlePublish: number;
  /** Participants commit. */
  commits: number;
  /** Commits close (the riddles' commit deadline). */
  commitDeadline: number;
  /** The operator reveals the answers. */
  operatorReveal: number;
  /** Participants reveal. */
  participantReveal: number;
  /** Reveals close (the riddles' reveal deadline). */
  revealDeadline: number;
  /** Closes and bets. */
  wave2: number;
  /** The epoch's end time (exclusive): the first block at or after it lets the epoch close. */
  end: number;
}

const MINUTE = 60;
const HOUR = 3_600;
/** Commit window and reveal window of the demo's riddles. */
export const RIDDLE_COMMIT_SECONDS = 6 * HOUR;
export const RIDDLE_REVEAL_SECONDS = 6 * HOUR;

/**
 * The timeline of `epoch`. The first `timelock + 1 h` of every epoch are left for the previous
 * epoch's operations (for epoch 1: the deployment). Throws when the epoch is too short to hold
 * the day's activity.
 */
export function epochTimeline(options: {
  start: number;
  epochSeconds: number;
  timelock: number;
  epoch: number;
}): EpochTimeline {
  const { start, epochSeconds, timelock, epoch } = options;
  for (const [name, v] of Object.entries({ start, epochSeconds, timelock, epoch })) {
    if (!Number.isSafeInteger(v) || v < 0)
      throw new Error(`${name} must be a non-negative integer`);
  }
  if (epoch < 1) throw new Error(`epoch must be at least 1, got ${epoch}`);
  const begin = start + (epoch - 1) * epochSeconds;
  const end = begin + epochSeconds;
  const open = begin + timelock + HOUR;
  const commitDeadline = open + 3 * MINUTE + RIDDLE_COMMIT_SECONDS;
  const revealDeadline = commitDeadline + RIDDLE_REVEAL_SECONDS;
  const timeline: EpochTimeline = {
    epoch,
    begin,
    mint: open,
    wave1: open + MINUTE,
    riddlePublish: open + 2 * MINUTE,
    commits: open + 3 * MINUTE,
    commitDeadline,
    operatorReveal: commitDeadline,
    participantReveal: commitDeadline + MINUTE,
    revealDeadline,
    wave2: commitDeadline + 2 * MINUTE,
    end,
  };
  if (revealDeadline >= end) {
    throw new Error(
      `an epoch of ${epochSeconds} s cannot hold the demo's day (timelock ${timelock} s, riddle windows of ${RIDDLE_COMMIT_SECONDS + RIDDLE_REVEAL_SECONDS} s): use longer epochs`,
    );
  }
  return timeline;
}
