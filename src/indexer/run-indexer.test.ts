import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCheckpoint } from "./checkpoint";
import { confirmedTarget, runIndexer, type Chunk, type IndexerOptions } from "./run-indexer";

/** A fake chain: block b holds (b % 3) events; the decoder's state counts events seen so far. */
interface State {
  seen: number;
}
function fakeChunk(from: number, to: number, state: State): Chunk<State> {
  const lines: string[] = [];
  let seen = state.seen;
  for (let b = from; b <= to; b++) {
    for (let i = 0; i < b % 3; i++) lines.push(JSON.stringify({ block: b, log: i, n: seen++ }));
  }
  return { lines, state: { seen } };
}

function setup(): { dir: string; events: string; checkpoint: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "indexer-"));
  return {
    dir,
    events: path.join(dir, "events.ndjson"),
    checkpoint: path.join(dir, "events.checkpoint.json"),
  };
}

function options(
  files: { events: string; checkpoint: string },
  overrides: Partial<IndexerOptions<State>> = {},
): IndexerOptions<State> {
  return {
    eventsFile: files.events,
    checkpointFile: files.checkpoint,
    identity: "chain 31337, registry 0xabc",
    startBlock: 1,
    targetBlock: 40,
    chunkSize: 7,
    initialState: { seen: 0 },
    parseState: (raw) => raw as State,
    fetchChunk: async (from, to, state) => fakeChunk(from, to, state),
    retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
    ...overrides,
  };
}

function expectedFile(target: number): string {
  const { lines } = fakeChunk(1, target, { seen: 0 });
  return lines.map((l) => `${l}\n`).join("");
}

describe("runIndexer", () => {
  it("exports every block up to the target in chain order and checkpoints the next block", async () => {
    const files = setup();
    const progress: number[] = [];
    const result = await runIndexer(
      options(files, { onProgress: (p) => void progress.push(p.toBlock) }),
    );
    expect(fs.readFileSync(files.events, "utf8")).toBe(expectedFile(40));
    expect(result).toMatchObject({ nextBlock: 41, stopped: false, resumedFrom: undefined });
    expect(progress).toEqual([7, 14, 21, 28, 35, 40]);
    expect(readCheckpoint(files.checkpoint)).toMatchObject({
      nextBlock: 41,
      eventsLines: result.totalLines,
    });
  });

  it("resumes after a crash mid-range without losing or duplicating an event", async () => {
    const files = setup();
    let calls = 0;
    const crashing = runIndexer(
      options(files, {
        fetchChunk: async (from, to, state) => {
          if (++calls === 4) throw new Error("socket hang up");
          return fakeChunk(from, to, state);
        },
      }),
    );
    await expect(crashing).rejects.toThrow(
      "reading blocks 22..28 failed after 1 attempt: socket hang up",
    );
    // The killed process had also written half a line after its last checkpoint.
    fs.appendFileSync(files.events, '{"block":22,"lo');
    const resumed = await runIndexer(options(files));
    expect(resumed.resumedFrom).toBe(22);
    expect(fs.readFileSync(files.events, "utf8")).toBe(expectedFile(40));
  });

  it("stops cleanly between chunks when asked (Ctrl-C) and continues later", async () => {
    const files = setup();
    let chunks = 0;
    const first = await runIndexer(options(files, { shouldStop: () => chunks++ >= 2 }));
    expect(first).toMatchObject({ stopped: true, nextBlock: 15 });
    const second = await runIndexer(options(files));
    expect(second).toMatchObject({ stopped: false, resumedFrom: 15, nextBlock: 41 });
    expect(fs.readFileSync(files.events, "utf8")).toBe(expectedFile(40));
  });

  it("extends an export when the chain has grown, and does nothing when it has not", async () => {
    const files = setup();
    await runIndexer(options(files, { targetBlock: 20 }));
    const again = await runIndexer(options(files, { targetBlock: 20 }));
    expect(again.nextBlock).toBe(21);
    await runIndexer(options(files, { targetBlock: 40 }));
    expect(fs.readFileSync(files.events, "utf8")).toBe(expectedFile(40));
  });

  it("retries a failing read with backoff before giving up", async () => {
    const files = setup();
    let failures = 0;
    const result = await runIndexer(
      options(files, {
        retry: { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
        fetchChunk: async (from, to, state) => {
          if (from === 8 && failures < 2) {
            failures++;
            throw new Error("502 Bad Gateway");
          }
          return fakeChunk(from, to, state);
        },
      }),
    );
    expect(failures).toBe(2);
    expect(result.nextBlock).toBe(41);
    expect(fs.readFileSync(files.events, "utf8")).toBe(expectedFile(40));
  });

  it("with retry false, calls a failing fetchChunk once and throws its own error", async () => {
    const files = setup();
    const failure = new Error("batch 1 of 1 failed");
    let calls = 0;
    const failing = runIndexer(
      options(files, {
        retry: false,
        fetchChunk: async (from, to, state) => {
          if (from !== 8) return fakeChunk(from, to, state);
          calls++;
          throw failure;
        },
      }),
    );
    await expect(failing).rejects.toBe(failure);
    expect(calls).toBe(1);
    expect(readCheckpoint(files.checkpoint)?.nextBlock).toBe(8);
  });

  it("refuses a checkpoint of another export and an events file cut shorter than its checkpoint", async () => {
    const files = setup();
    await runIndexer(options(files, { targetBlock: 10 }));
    await expect(
      runIndexer(options(files, { identity: "chain 1, registry 0xdef" })),
    ).rejects.toThrow(/belongs to another export/);
    fs.writeFileSync(files.events, "");
    await expect(runIndexer(options(files))).rejects.toThrow(/changed by hand/);
  });

  it("creates the folder of its events file", async () => {
    const { dir } = setup();
    const events = path.join(dir, "new", "folder", "events.ndjson");
    await runIndexer(options({ events, checkpoint: `${events}.checkpoint.json` }));
    expect(fs.readFileSync(events, "utf8")).toBe(expectedFile(40));
  });

  it("refuses a non-positive chunk size", async () => {
    await expect(runIndexer(options(setup(), { chunkSize: 0 }))).rejects.toThrow(/chunk size/);
  });

  it("gives the same file for any chunk size and any sequence of interruptions", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 4 }),
        async (chunkSize, stops) => {
          const files = setup();
          for (const after of stops) {
            let n = 0;
            await runIndexer(options(files, { chunkSize, shouldStop: () => n++ >= after }));
          }
          await runIndexer(options(files, { chunkSize }));
          expect(fs.readFileSync(files.events, "utf8")).toBe(expectedFile(40));
        },
      ),
      { numRuns: 40 },
    );
  });
});

/** A node that refuses more than `maxBlocks` blocks or more than `maxLines` results per request. */
function limitedNode(limits: { maxBlocks?: number; maxLines?: number }, seen: [number, number][]) {
  return async (from: number, to: number, state: State): Promise<Chunk<State>> => {
    seen.push([from, to]);
    if (limits.maxBlocks !== undefined && to - from + 1 > limits.maxBlocks) {
      throw Object.assign(new Error(`exceed maximum block range: ${limits.maxBlocks}`), {
        code: -32000,
      });
    }
    const chunk = fakeChunk(from, to, state);
    if (limits.maxLines !== undefined && chunk.lines.length > limits.maxLines) {
      throw Object.assign(new Error(`query returned more than ${limits.maxLines} results`), {
        code: -32005,
      });
    }
    return chunk;
  };
}

describe("runIndexer against a node that limits its ranges", () => {
  it("halves a refused range, asks again without retrying it, and grows back after successes", async () => {
    const files = setup();
    const seen: [number, number][] = [];
    const splits: number[] = [];
    const result = await runIndexer(
      options(files, {
        chunkSize: 8,
        targetBlock: 60,
        retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
        fetchChunk: limitedNode({ maxBlocks: 5 }, seen),
        onSplit: (s) => void splits.push(s.blocks),
      }),
    );
    expect(result.nextBlock).toBe(61);
    expect(fs.readFileSync(files.events, "utf8")).toBe(expectedFile(60));
    // 1..8 refused, then 4 blocks at a time; after 4 successes 8 again (refused), and so on.
    expect(seen.slice(0, 7)).toEqual([
      [1, 8],
      [1, 4],
      [5, 8],
      [9, 12],
      [13, 16],
      [17, 24],
      [17, 20],
    ]);
    expect(splits.every((b) => b === 4)).toBe(true);
  });

  it("splits on too many results down to single blocks when it must", async () => {
    const files = setup();
    const seen: [number, number][] = [];
    await runIndexer(
      options(files, {
        chunkSize: 16,
        fetchChunk: limitedNode({ maxLines: 2 }, seen),
      }),
    );
    expect(fs.readFileSync(files.events, "utf8")).toBe(expectedFile(40));
    expect(seen.some(([from, to]) => from === to)).toBe(true);
  });

  it("names the block the node refuses even alone", async () => {
    const files = setup();
    await expect(
      runIndexer(options(files, { chunkSize: 4, fetchChunk: limitedNode({ maxLines: 1 }, []) })),
    ).rejects.toThrow(
      "the node refuses block 2 alone as too large (query returned more than 1 results): export from a node without this limit",
    );
    expect(readCheckpoint(files.checkpoint)?.nextBlock).toBe(2);
  });

  it("gives the same file for any limits, any first range and any interruptions", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
        fc.option(fc.integer({ min: 2, max: 9 }), { nil: undefined }),
        fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 3 }),
        async (chunkSize, maxBlocks, maxLines, stops) => {
          const files = setup();
          const fetchChunk = limitedNode({ maxBlocks, maxLines }, []);
          for (const after of stops) {
            let n = 0;
            await runIndexer(
              options(files, { chunkSize, fetchChunk, shouldStop: () => n++ >= after }),
            );
          }
          await runIndexer(options(files, { chunkSize, fetchChunk }));
          expect(fs.readFileSync(files.events, "utf8")).toBe(expectedFile(40));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("confirmedTarget", () => {
  it("is the head minus the confirmations, which must be a non-negative integer", () => {
    expect(confirmedTarget(100, 0)).toBe(100);
    expect(confirmedTarget(100, 12)).toBe(88);
    expect(() => confirmedTarget(100, -1)).toThrow(
      "confirmations must be a non-negative integer, got -1",
    );
    expect(() => confirmedTarget(100, 1.5)).toThrow(
      "confirmations must be a non-negative integer, got 1.5",
    );
  });
});
