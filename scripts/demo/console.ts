/**
 * Keeping the demo's console short: what tasks print (tables, progress on stderr) goes to a log
 * file, and the demo prints one line per phase.
 */
import fs from "node:fs";
import type { DemoHighlights } from "../../src/demo/highlights";

/** Wall-clock seconds per phase, in the order the phases ended. */
export type PhaseTimings = DemoHighlights["timings"];

/**
 * Ends the phase that began at `started` (a performance.now() time): appends its seconds to
 * `timings` and returns its console line. The caller decides whether a phase that threw counts.
 */
export function endPhase(timings: PhaseTimings, phase: string, started: number): string {
  const seconds = (performance.now() - started) / 1000;
  timings.push({ phase, seconds });
  return `  ${phase.padEnd(40)} ${seconds.toFixed(1).padStart(6)} s`;
}

export class DemoLog {
  private readonly fd: number;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, "w");
  }

  write(text: string): void {
    fs.writeSync(this.fd, text.endsWith("\n") ? text : `${text}\n`);
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  /** Runs `fn` with console.log/info/warn and stderr writes sent to the log file only. */
  async capture<T>(what: string, fn: () => Promise<T>): Promise<T> {
    const saved = {
      log: console.log,
      info: console.info,
      warn: console.warn,
      stderr: process.stderr.write,
    };
    const sink = (...parts: unknown[]) => this.write(parts.map(String).join(" "));
    this.write(`\n### ${what}`);
    console.log = sink;
    console.info = sink;
    console.warn = sink;
    process.stderr.write = ((chunk: string | Uint8Array) => {
      this.write(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    }) as typeof process.stderr.write;
    try {
      return await fn();
    } finally {
      console.log = saved.log;
      console.info = saved.info;
      console.warn = saved.warn;
      process.stderr.write = saved.stderr;
    }
  }
}
