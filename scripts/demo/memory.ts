/**
 * The in-process Hardhat network (EDR) answers each request with an object that holds native
 * memory: the execution traces of every transaction it ran (kept for stack traces and
 * console.log). A big block makes that object hundreds of megabytes while its JavaScript wrapper
 * is a few bytes, so V8 sees no reason to collect it, and the resident memory grows until a
 * collection happens to release it. Collecting the young generation after each mined block frees
 * those wrappers (and their native memory) at once, for about a millisecond.
 */
import v8 from "node:v8";
import vm from "node:vm";

type Gc = (options?: { type?: "minor" | "major"; execution?: "sync" | "async" }) => void;

let gc: Gc | undefined;

function gcFunction(): Gc {
  if (gc === undefined) {
    v8.setFlagsFromString("--expose-gc");
    gc = vm.runInNewContext("gc") as Gc;
  }
  return gc;
}

/** Collects garbage now: the young generation (about a millisecond) or the whole heap. */
export function collectGarbage(type: "minor" | "major"): void {
  gcFunction()({ type, execution: "sync" });
}
