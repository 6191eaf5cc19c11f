/**
 * `npm run epoch -- --season <season.json> --events <events.ndjson> --epoch <n> --out <dir>`:
 * the offline epoch computation without Hardhat. Progress goes to stderr, the summary to stdout;
 * a bad input is one line on stderr and exit status 1, with nothing written.
 */
import { parseArgs } from "node:util";
import { describeSummary, runEpochCompute } from "../engine/run";

const USAGE =
  "usage: npm run epoch -- --season <season.json> --events <events.ndjson> --epoch <n> --out <dir> [--quiet]";

function main(argv: string[]): number {
  let values: { season?: string; events?: string; epoch?: string; out?: string; quiet?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        season: { type: "string" },
        events: { type: "string" },
        epoch: { type: "string" },
        out: { type: "string" },
        quiet: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  for (const flag of ["season", "events", "epoch", "out"] as const) {
    if (values[flag] === undefined) {
      process.stderr.write(`error: --${flag} is required\n${USAGE}\n`);
      return 2;
    }
  }
  const epochText = values.epoch as string;
  if (!/^[1-9][0-9]*$/.test(epochText)) {
    process.stderr.write(`error: --epoch must be a positive integer (got '${epochText}')\n`);
    return 2;
  }
  const started = Date.now();
  const progress = values.quiet
    ? undefined
    : (m: string) =>
        process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${m}\n`);
  try {
    const summary = runEpochCompute({
      season: values.season as string,
      events: values.events as string,
      epoch: Number(epochText),
      out: values.out as string,
      progress,
    });
    process.stdout.write(`${describeSummary(summary, values.out as string)}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
