/**
 * What `epoch:publish` checks before it sends a root: that an epoch folder is exactly what the
 * engine wrote for this season and epoch, so a hand-edited file is caught and named.
 *
 * - the six files are there; summary.json is for this season, epoch, end time, curve and pools;
 * - anomalies.json is a JSON array of as many records as summary.json's `anomalies`;
 * - tree.json: a standard-v1 dump of distinct (account, token) leaves that is byte for byte the
 *   engine's dump of its own values (so every node, the order and the root are right);
 *   summary.json's root, leaves and dataHash = keccak256(tree.json) against it;
 * - proofs.json: byte for byte what the engine writes for tree.json's leaves (the fast builder:
 *   seconds for a million leaves; verifying every proof independently is the auditor's
 *   `epoch:verify`, with code of its own);
 * - allocations.csv against tree.json (same leaves, same cumulative amounts) and summary.json
 *   (Σ allocation and Σ cumulative per token);
 * - scores.csv against itself and summary.json: score = max(boosted, dollars), boosted ≥
 *   actionPoints, ranks are the competition ranks of the scores (rank.ts), counts;
 * - scores.csv → allocations.csv: the epoch's split recomputed from the ranks and scores with the
 *   engine's splitPool (pool + carried dust from summary.json) equals the allocation column;
 * - against epoch n−1's folder when it is there: cumulative(n) = cumulative(n−1) + allocation(n)
 *   for every leaf, nothing disappears, carried dust = the previous dust (epoch 1: cumulative =
 *   allocation, nothing carried).
 *
 * Every rule is the engine's (imported, not rewritten); this file only compares.
 */
import fs from "node:fs";
import path from "node:path";
import { splitPool } from "../engine/allocate";
import { NO_BOOST } from "../engine/boosts";
import { compileSeason, tokensUpTo, type CompiledSeason } from "../engine/catalog";
import type { EpochSummary } from "../engine/epoch";
import { OUTPUT_FILES, renderProofs } from "../engine/outputs";
import { rankParticipants } from "../engine/rank";
import { scoreParticipant } from "../engine/score";
import { seasonEpoch, type Season } from "../engine/season";
import { LEAF_ENCODING, leafSetOf, RewardTree, type ByteSink } from "../engine/tree";
import { INTEGER_PATTERN, UINT256_MAX } from "../engine/validation";
import { ProblemList } from "../problem-list";
import {
  ADDRESS,
  EpochFileError,
  readAllocationLines,
  readScoreLines,
  type AllocationLine,
} from "./epoch-files";

export interface FolderCheck {
  ok: boolean;
  /** What is wrong, each naming its file (at most the first 100). */
  problems: string[];
  /** Checks that could not be made (e.g. no previous epoch folder), not problems. */
  notes: string[];
  /** summary.json, when it could be read. */
  summary?: EpochSummary;
}

export interface FolderCheckOptions {
  /** The season, pools keyed by token address (as the engine computed it). */
  season: Season;
  epoch: number;
  /** Epoch n−1's folder (ignored for epoch 1; skipped with a note when absent). */
  previousDir?: string;
}

const key = (account: string, token: string) => `${account}/${token}`;

function checkAnomalies(file: string, summary: EpochSummary, problems: ProblemList): void {
  let listed: unknown;
  try {
    listed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    problems.add(`anomalies.json: not valid JSON (${(e as Error).message})`);
    return;
  }
  if (!Array.isArray(listed)) problems.add("anomalies.json: not a JSON array");
  else if (listed.length !== summary.anomalies)
    problems.add(
      `anomalies.json: lists ${listed.length} records, summary.json counts ${summary.anomalies}`,
    );
}

function readSummary(file: string, problems: ProblemList): EpochSummary | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as EpochSummary;
  } catch (e) {
    problems.add(`summary.json: not valid JSON (${(e as Error).message})`);
    return undefined;
  }
}

function checkSummaryAgainstSeason(
  summary: EpochSummary,
  options: FolderCheckOptions,
  compiled: CompiledSeason,
  problems: ProblemList,
): void {
  const { season, epoch } = options;
  const expected = seasonEpoch(season, epoch);
  if (summary.epoch !== epoch)
    problems.add(`summary.json: epoch is ${summary.epoch}, not ${epoch}`);
  if (summary.season !== season.name)
    problems.add(`summary.json: season is '${summary.season}', not '${season.name}'`);
  if (summary.endTime !== expected.endTime)
    problems.add(
      `summary.json: endTime is ${summary.endTime}, the season's epoch ${epoch} ends at ${expected.endTime}`,
    );
  if (summary.curve !== compiled.curve)
    problems.add(`summary.json: curve is '${summary.curve}', the season's is '${compiled.curve}'`);
  const tokens = tokensUpTo(compiled, epoch);
  const listed = Object.keys(summary.tokens ?? {}).sort();
  if (JSON.stringify(listed) !== JSON.stringify(tokens)) {
    problems.add(
      `summary.json: tokens are [${listed.join(", ")}], the season's reward tokens up to epoch ${epoch} are [${tokens.join(", ")}]`,
    );
  }
  const pools = compiled.epochs[epoch - 1].pools;
  for (const token of tokens) {
    const t = summary.tokens?.[token];
    if (!t) continue;
    const configured = (pools.get(token) ?? 0n).toString();
    if (t.pool !== configured)
      problems.add(
        `summary.json: pool of ${token} is ${t.pool}, the season's is ${configured} for epoch ${epoch}`,
      );
    try {
      if (BigInt(t.allocated) + BigInt(t.dust) !== BigInt(t.pool) + BigInt(t.carriedIn))
        problems.add(`summary.json: ${token}: allocated + dust ≠ pool + carriedIn`);
    } catch {
      problems.add(`summary.json: ${token}: amounts are not whole numbers`);
    }
  }
}

/** tree.json's values by (account, token). */
async function readAllocations(
  file: string,
  problems: ProblemList,
): Promise<Map<string, AllocationLine> | undefined> {
  const rows = new Map<string, AllocationLine>();
  try {
    for await (const row of readAllocationLines(file)) {
      const k = key(row.account, row.token);
      if (rows.has(k))
        problems.add(`allocations.csv: ${row.account} has two rows for token ${row.token}`);
      rows.set(k, row);
    }
  } catch (e) {
    problems.add(e instanceof EpochFileError ? e.message : `allocations.csv: ${String(e)}`);
    return undefined;
  }
  return rows;
}

/** Checks an epoch folder; never throws for a bad folder (it reports). */
export async function checkEpochFolder(
  dir: string,
  options: FolderCheckOptions,
): Promise<FolderCheck> {
  const problems = new ProblemList();
  const notes: string[] = [];
  const file = (f: string) => path.join(dir, f);
  const done = (summary?: EpochSummary): FolderCheck => ({
    ok: problems.count === 0,
    problems: problems.rendered(),
    notes,
    summary,
  });

  const missing = OUTPUT_FILES.filter((f) => !fs.existsSync(file(f)));
  for (const f of missing) problems.add(`${f}: missing from ${dir}`);
  if (missing.length > 0) return done();

  const summary = readSummary(file("summary.json"), problems);
  if (!summary) return done();
  const compiled = compileSeason(options.season);
  checkSummaryAgainstSeason(summary, options, compiled, problems);
  checkAnomalies(file("anomalies.json"), summary, problems);

  const tree = checkTreeAndProofs(dir, summary, problems);

  // allocations.csv against tree.json and summary.json
  const allocations = await readAllocations(file("allocations.csv"), problems);
  if (!tree || !allocations) return done(summary);
  const sums = new Map<string, { allocation: bigint; cumulative: bigint }>();
  for (const [k, row] of allocations) {
    const inTree = tree.get(k);
    if (inTree === undefined)
      problems.add(`allocations.csv: ${row.account} token ${row.token} is not a leaf of tree.json`);
    else if (inTree !== row.cumulative)
      problems.add(
        `allocations.csv: ${row.account} token ${row.token} cumulative ${row.cumulative} differs from tree.json's ${inTree}`,
      );
    if (row.allocation > row.cumulative)
      problems.add(
        `allocations.csv: ${row.account} token ${row.token} allocation ${row.allocation} exceeds its cumulative ${row.cumulative}`,
      );
    const s = sums.get(row.token) ?? { allocation: 0n, cumulative: 0n };
    s.allocation += row.allocation;
    s.cumulative += row.cumulative;
    sums.set(row.token, s);
  }
  for (const k of tree.keys())
    if (!allocations.has(k))
      problems.add(`allocations.csv: no row for tree.json's leaf ${k.replace("/", " token ")}`);
  for (const [token, t] of Object.entries(summary.tokens ?? {})) {
    const s = sums.get(token) ?? { allocation: 0n, cumulative: 0n };
    if (s.allocation.toString() !== t.allocated)
      problems.add(
        `allocations.csv: Σ allocation of ${token} is ${s.allocation}, summary.json says ${t.allocated}`,
      );
    if (s.cumulative.toString() !== t.cumulative)
      problems.add(
        `allocations.csv: Σ cumulative of ${token} is ${s.cumulative}, summary.json says ${t.cumulative}`,
      );
  }

  // scores.csv: its own rules, its counts, and the split it implies
  const accounts: string[] = [];
  const scores: bigint[] = [];
  const ranks: number[] = [];
  let rows = 0;
  let line = 1;
  try {
    for await (const row of readScoreLines(file("scores.csv"))) {
      line++;
      rows++;
      const at = `scores.csv line ${line}`;
      const expectedScore = scoreParticipant(row.boostedUnits, NO_BOOST, row.dollars).scoreUnits;
      if (row.scoreUnits !== expectedScore)
        problems.add(`${at}: ${row.account}'s score is not max(boosted, dollars)`);
      if (row.boostedUnits < row.actionUnits)
        problems.add(`${at}: ${row.account}'s boosted points are below its action points`);
      if (row.rank === 0) {
        if (row.scoreUnits !== 0n) problems.add(`${at}: ${row.account} has a score but no rank`);
        continue;
      }
      if (rows !== accounts.length + 1) problems.add(`${at}: ranked row after an unranked one`);
      accounts.push(row.account);
      scores.push(row.scoreUnits);
      ranks.push(row.rank);
    }
  } catch (e) {
    problems.add(e instanceof EpochFileError ? e.message : `scores.csv: ${String(e)}`);
    return done(summary);
  }
  if (rows !== summary.accounts)
    problems.add(`scores.csv: ${rows} rows, summary.json says ${summary.accounts} accounts`);
  if (accounts.length !== summary.participants)
    problems.add(
      `scores.csv: ${accounts.length} ranked rows, summary.json says ${summary.participants} participants`,
    );
  const tieOrder = Uint32Array.from(accounts.keys()).sort((a, b) =>
    accounts[a] < accounts[b] ? -1 : accounts[a] > accounts[b] ? 1 : 0,
  );
  const ranking = rankParticipants(scores, tieOrder);
  for (let i = 0; i < accounts.length; i++) {
    if (ranking.order[i] !== i || ranking.ranks[i] !== ranks[i]) {
      problems.add(
        `scores.csv line ${i + 2}: ${accounts[i]} at rank ${ranks[i]} is not where its score puts it (rank ${ranking.ranks[ranking.order.indexOf(i)]})`,
      );
      break; // one is enough: every later row would follow
    }
  }

  const { curve } = compiled;
  for (const [token, t] of Object.entries(summary.tokens ?? {})) {
    let available: bigint;
    try {
      available = BigInt(t.pool) + BigInt(t.carriedIn);
    } catch {
      continue; // reported above
    }
    const split = splitPool(available, curve, ranks, (i) => scores[i]);
    let wrong = 0;
    for (let i = 0; i < accounts.length; i++) {
      const recorded = allocations.get(key(accounts[i], token))?.allocation ?? 0n;
      if (recorded !== split.amounts[i] && wrong++ < 5)
        problems.add(
          `allocations.csv: ${accounts[i]} is allocated ${recorded} of ${token}, its rank and score in scores.csv give ${split.amounts[i]}`,
        );
    }
    if (split.dust.toString() !== t.dust)
      problems.add(
        `summary.json: dust of ${token} is ${t.dust}, the split of scores.csv leaves ${split.dust}`,
      );
  }
  const ranked = new Set(accounts);
  for (const row of allocations.values())
    if (row.allocation > 0n && !ranked.has(row.account))
      problems.add(`allocations.csv: ${row.account} is allocated ${row.token} without a rank`);

  // cumulative amounts against the previous epoch
  await checkAgainstPrevious(summary, allocations, options, problems, notes);
  return done(summary);
}

async function checkAgainstPrevious(
  summary: EpochSummary,
  allocations: Map<string, AllocationLine>,
  options: FolderCheckOptions,
  problems: ProblemList,
  notes: string[],
): Promise<void> {
  const { epoch, previousDir } = options;
  if (epoch === 1) {
    for (const row of allocations.values())
      if (row.cumulative !== row.allocation)
        problems.add(
          `allocations.csv: ${row.account} token ${row.token} cumulative ${row.cumulative} ≠ allocation ${row.allocation} in epoch 1`,
        );
    for (const [token, t] of Object.entries(summary.tokens ?? {}))
      if (t.carriedIn !== "0")
        problems.add(`summary.json: epoch 1 carries ${t.carriedIn} of ${token} in`);
    return;
  }
  const prevSummaryFile = previousDir && path.join(previousDir, "summary.json");
  const prevAllocFile = previousDir && path.join(previousDir, "allocations.csv");
  if (!prevSummaryFile || !fs.existsSync(prevSummaryFile) || !fs.existsSync(prevAllocFile!)) {
    notes.push(
      `epoch ${epoch - 1}'s folder is not here: cumulative amounts were not checked against it`,
    );
    return;
  }
  let previous: EpochSummary;
  try {
    previous = JSON.parse(fs.readFileSync(prevSummaryFile, "utf8")) as EpochSummary;
  } catch {
    notes.push(`epoch ${epoch - 1}'s summary.json is unreadable: cumulative amounts not checked`);
    return;
  }
  for (const [token, t] of Object.entries(summary.tokens ?? {})) {
    const dust = previous.tokens?.[token]?.dust ?? "0";
    if (t.carriedIn !== dust)
      problems.add(
        `summary.json: carries ${t.carriedIn} of ${token} in, epoch ${epoch - 1} left ${dust}`,
      );
  }
  const seen = new Set<string>();
  try {
    for await (const prev of readAllocationLines(
      prevAllocFile!,
      `epoch-${epoch - 1}/allocations.csv`,
    )) {
      const k = key(prev.account, prev.token);
      seen.add(k);
      const now = allocations.get(k);
      if (!now) {
        problems.add(
          `allocations.csv: ${prev.account} token ${prev.token} had ${prev.cumulative} in epoch ${epoch - 1} and has no row now`,
        );
        continue;
      }
      if (now.cumulative !== prev.cumulative + now.allocation)
        problems.add(
          `allocations.csv: ${prev.account} token ${prev.token} cumulative ${now.cumulative} ≠ epoch ${epoch - 1}'s ${prev.cumulative} + allocation ${now.allocation}`,
        );
    }
  } catch (e) {
    notes.push(`epoch ${epoch - 1}'s allocations.csv is unreadable (${(e as Error).message})`);
    return;
  }
  for (const [k, now] of allocations)
    if (!seen.has(k) && now.cumulative !== now.allocation)
      problems.add(
        `allocations.csv: ${now.account} token ${now.token} cumulative ${now.cumulative} ≠ allocation ${now.allocation} (no entitlement in epoch ${epoch - 1})`,
      );
}

/** The (account, token, amount) values of a standard-v1 dump, or why it is not one. */
function dumpValues(dump: unknown): [string, string, bigint][] | string {
  const d = dump as { format?: unknown; leafEncoding?: unknown; values?: unknown };
  if (
    typeof d !== "object" ||
    d === null ||
    d.format !== "standard-v1" ||
    !Array.isArray(d.values)
  ) {
    return "not an OpenZeppelin standard-v1 dump";
  }
  if (JSON.stringify(d.leafEncoding) !== JSON.stringify(LEAF_ENCODING)) {
    return `leafEncoding is ${JSON.stringify(d.leafEncoding)}, not ${JSON.stringify(LEAF_ENCODING)}`;
  }
  const values: [string, string, bigint][] = [];
  for (const [i, e] of (d.values as { value?: unknown }[]).entries()) {
    const v = e?.value;
    if (
      !Array.isArray(v) ||
      v.length !== 3 ||
      !ADDRESS.test(v[0]) ||
      !ADDRESS.test(v[1]) ||
      !INTEGER_PATTERN.test(v[2])
    ) {
      return `values[${i}] is not [account, token, amount] (lowercase addresses, a whole amount)`;
    }
    const amount = BigInt(v[2]);
    if (amount > UINT256_MAX) return `values[${i}]: amount ${v[2]} is not a uint256`;
    values.push([v[0], v[1], amount]);
  }
  return values.length > 0 ? values : "the dump has no leaves";
}

/**
 * tree.json must be byte for byte the engine's dump of its own values (so every node, index and
 * the root are right), summary.json must match it, and proofs.json must be the engine's proofs
 * of those leaves. Checked with the fast builder: seconds for a million leaves. (Checking the dump
 * and every proof with an independent implementation is the auditor's job, `epoch:verify`.)
 * Returns the dump's amounts by account and token, for the allocations.csv checks.
 */
function checkTreeAndProofs(
  dir: string,
  summary: EpochSummary,
  problems: ProblemList,
): Map<string, bigint> | undefined {
  const treeFile = path.join(dir, "tree.json");
  let dump: unknown;
  try {
    dump = JSON.parse(fs.readFileSync(treeFile, "utf8"));
  } catch (e) {
    problems.add(`tree.json: ${(e as Error).message}`);
    return undefined;
  }
  const values = dumpValues(dump);
  if (typeof values === "string") {
    problems.add(`tree.json: ${values}`);
    return undefined;
  }
  const amounts = new Map<string, bigint>();
  for (const [account, token, amount] of values) {
    const k = key(account, token);
    if (amounts.has(k)) problems.add(`tree.json: ${account} token ${token} is a leaf twice`);
    amounts.set(k, amount);
  }
  const tree = RewardTree.build(leafSetOf(values));
  let dataHash = "";
  const treeDifference = firstDifference(treeFile, (sink) => (dataHash = tree.writeDump(sink)));
  if (treeDifference) {
    problems.add(
      `tree.json ${treeDifference}: not the dump of its own values (an amount, a node, an index or the order was edited)`,
    );
    return amounts;
  }
  if (summary.root !== tree.root)
    problems.add(`summary.json: root ${summary.root} is not tree.json's root ${tree.root}`);
  if (summary.dataHash !== dataHash)
    problems.add(
      `summary.json: dataHash ${summary.dataHash} is not keccak256(tree.json) ${dataHash}`,
    );
  if (summary.leaves !== tree.length)
    problems.add(`summary.json: leaves is ${summary.leaves}, tree.json has ${tree.length}`);
  const proofsDifference = firstDifference(path.join(dir, "proofs.json"), (sink) =>
    renderProofs(tree, summary.epoch, sink),
  );
  if (proofsDifference)
    problems.add(`proofs.json ${proofsDifference}: not the proofs of tree.json's leaves`);
  return amounts;
}

/**
 * Compares a file with bytes rendered in chunks, without holding either whole: undefined when
 * equal, else where they first differ ("line N", or "after line N" when one is longer).
 */
function firstDifference(file: string, render: (sink: ByteSink) => void): string | undefined {
  const fd = fs.openSync(file, "r");
  try {
    let offset = 0;
    let line = 1;
    let found: string | undefined;
    render((chunk) => {
      if (found) return;
      const onDisk = Buffer.alloc(chunk.length);
      const read = fs.readSync(fd, onDisk, 0, chunk.length, offset);
      let i = 0;
      while (i < chunk.length && i < read && onDisk[i] === chunk[i]) {
        if (chunk[i] === 10) line++;
        i++;
      }
      if (i < chunk.length) {
        found =
          i < read
            ? `line ${line}, byte ${offset + i}`
            : `after line ${line - 1} (the file is shorter)`;
      }
      offset += chunk.length;
    });
    if (!found && fs.fstatSync(fd).size > offset)
      found = `after line ${line - 1} (the file is longer)`;
    return found;
  } finally {
    fs.closeSync(fd);
  }
}
