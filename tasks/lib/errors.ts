import { HardhatPluginError } from "hardhat/plugins";

/**
 * A refusal a task reports to its user: Hardhat prints it as one line,
 * `Error in plugin season: <message>`, and exits with status 1. Throw it before changing anything.
 */
export class TaskError extends HardhatPluginError {
  constructor(message: string) {
    super("season", message);
    // A refusal is not a bug: no stack trace after the line, even where Hardhat shows one by
    // default (it does on any Linux machine without a display, e.g. an operator's server),
    // unless it is asked for.
    if (!process.argv.includes("--show-stack-traces")) {
      (this as unknown as { _stack: string })._stack = "";
    }
  }
}

/** `e` as a one-line TaskError prefixed by `context` unless `context` is empty (a TaskError as is). */
function inContext(context: string, e: unknown): TaskError {
  if (e instanceof TaskError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new TaskError(context ? `${context}: ${message}` : message);
}

/** `check` for an async `fn` (e.g. a read or a download). */
export async function withContext<T>(context: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw inContext(context, e);
  }
}

/**
 * Runs `fn` (pure checks), turning a plain Error it throws into a one-line TaskError, prefixed by
 * `context` (e.g. the flag it concerns) unless `context` is empty.
 */
export function check<T>(context: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw inContext(context, e);
  }
}
