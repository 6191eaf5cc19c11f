/**
 * The reward Merkle tree (SPEC §4), built to be identical to OpenZeppelin's
 * `StandardMerkleTree.of(values, ["address", "address", "uint256"])` (@openzeppelin/merkle-tree
 * 1.0.8, default `sortLeaves: true`), which stays the test oracle:
 * - leaf = keccak256(keccak256(abi.encode(account, token, cumulativeAmount)));
 * - leaves sorted by hash (ascending), stored at the end of a heap-ordered array in reverse
 *   (sorted leaf i at index length − 1 − i);
 * - node i = keccak256 of its children 2i+1 and 2i+2, the smaller first (sorted pairs);
 * - the dump lists the nodes in index order and the values in input order, each with its
 *   treeIndex; `JSON.stringify(dump)` is the file (OpenZeppelin's documented way to save one).
 * The library needs about a minute for 1,000,000 leaves; this builder hashes in WebAssembly
 * (keccak-wasm.ts), sorts natively (sort-bytes.ts) and streams the dump.
 */
import { HEAP_BASE, instantiateKeccak, type KeccakKernels } from "./keccak-wasm";
import { MemorySponge, ensureMemory } from "./keccak";
import { sortByBytes } from "./sort-bytes";

export const LEAF_ENCODING = ["address", "address", "uint256"] as const;
export type LeafValue = [account: string, token: string, amount: string];

/** OpenZeppelin's `StandardMerkleTreeData` for our leaf encoding. */
export interface TreeDump {
  format: "standard-v1";
  leafEncoding: string[];
  tree: string[];
  values: { value: LeafValue; treeIndex: number }[];
}

/**
 * The leaves, in the order of the dump's `values`: leaf i is
 * (accounts[leafAccount[i]], tokens[leafToken[i]], amounts[i]).
 */
export interface LeafSet {
  count: number;
  /** 20 bytes per account address. */
  accountBytes: Uint8Array;
  /** Lowercase 0x-hex of each account. */
  accountHex: readonly string[];
  tokenBytes: Uint8Array;
  tokenHex: readonly string[];
  leafAccount: Uint32Array;
  leafToken: Uint32Array;
  amounts: readonly bigint[];
}

/** Builds a LeafSet from values (small inputs, tests). Addresses are lowercased. */
export function leafSetOf(values: readonly (readonly [string, string, bigint])[]): LeafSet {
  const index = (list: string[], map: Map<string, number>, address: string) => {
    const a = address.toLowerCase();
    if (!/^0x[0-9a-f]{40}$/.test(a)) throw new Error(`'${address}' is not an address`);
    let i = map.get(a);
    if (i === undefined) {
      i = list.push(a) - 1;
      map.set(a, i);
    }
    return i;
  };
  const accounts: string[] = [];
  const tokens: string[] = [];
  const am = new Map<string, number>();
  const tm = new Map<string, number>();
  const leafAccount = new Uint32Array(values.length);
  const leafToken = new Uint32Array(values.length);
  values.forEach(([a, t], i) => {
    leafAccount[i] = index(accounts, am, a);
    leafToken[i] = index(tokens, tm, t);
  });
  const bytesOf = (list: string[]) => {
    const out = new Uint8Array(20 * list.length);
    list.forEach((a, i) => out.set(Buffer.from(a.slice(2), "hex"), 20 * i));
    return out;
  };
  return {
    count: values.length,
    accountBytes: bytesOf(accounts),
    accountHex: accounts,
    tokenBytes: bytesOf(tokens),
    tokenHex: tokens,
    leafAccount,
    leafToken,
    amounts: values.map(([, , amount]) => amount),
  };
}

const UINT256_LIMIT = 1n << 256n;
const TWO_32 = 2 ** 32;
/** Kernel calls are batched so the engine optimises the kernels early (it cannot mid-call). */
const BATCH = 4096;
/** Longest proof the writer has room for: 32 levels (4 billion leaves) of 69 bytes. */
const MAX_PROOF_TEXT = 32 * 69;
const WRITER_BYTES = 1 << 22;

interface Layout {
  /** 32-byte nodes in index order. */
  nodes: number;
  /** 64 hex digits per node. */
  hex: number;
  /** Sponge state for the dump's hash. */
  sponge: number;
  /** Text staging area of the writers. */
  writer: number;
  end: number;
}

/** Sink of output bytes (a file). The chunk is only valid during the call. */
export type ByteSink = (chunk: Uint8Array) => void;

export class RewardTree {
  private constructor(
    private readonly k: KeccakKernels,
    private readonly layout: Layout,
    readonly leaves: LeafSet,
    /** treeIndex of each value (leaf in input order). */
    readonly treeIndex: Uint32Array,
  ) {}

  /** Number of leaves. */
  get length(): number {
    return this.leaves.count;
  }

  /** Number of nodes (2·length − 1). */
  get nodeCount(): number {
    return 2 * this.leaves.count - 1;
  }

  /** The root, 0x-hex. */
  get root(): string {
    return this.nodeHex(0);
  }

  /** Node `index` (0 = root), 0x-hex. */
  nodeHex(index: number): string {
    const at = this.layout.hex + 64 * index;
    return `0x${Buffer.from(this.k.memory.buffer, at, 64).toString("latin1")}`;
  }

  /** The proof of value `v`: sibling hashes from its leaf up to the root. */
  proof(v: number): string[] {
    const out: string[] = [];
    let i = this.treeIndex[v];
    while (i > 0) {
      out.push(this.nodeHex(i % 2 === 1 ? i + 1 : i - 1));
      i = (i - 1) >>> 1;
    }
    return out;
  }

  private amountText: string[] | undefined;

  /** The decimal text of value `v`'s amount (computed once for all the outputs). */
  amount(v: number): string {
    if (!this.amountText) this.amountText = this.leaves.amounts.map((a) => a.toString());
    return this.amountText[v];
  }

  /** The value `v` as the dump writes it. */
  value(v: number): LeafValue {
    const l = this.leaves;
    return [l.accountHex[l.leafAccount[v]], l.tokenHex[l.leafToken[v]], this.amount(v)];
  }

  /** The whole dump as an object (small trees: tests, verification). */
  dump(): TreeDump {
    return {
      format: "standard-v1",
      leafEncoding: [...LEAF_ENCODING],
      tree: Array.from({ length: this.nodeCount }, (_, i) => this.nodeHex(i)),
      values: Array.from({ length: this.length }, (_, v) => ({
        value: this.value(v),
        treeIndex: this.treeIndex[v],
      })),
    };
  }

  /** A writer of text and proofs into `sink`, optionally hashing what it writes. */
  writer(sink: ByteSink, hashed = false): TreeTextWriter {
    const sponge = hashed ? new MemorySponge(this.k, this.layout.sponge) : undefined;
    return new TreeTextWriter(this.k, this.layout, sink, sponge);
  }

  /**
   * Streams the dump's bytes — exactly `JSON.stringify(dump())` — to `sink` and returns their
   * keccak256 (the `dataHash` the distributor records with the root).
   */
  writeDump(sink: ByteSink): string {
    const w = this.writer(sink, true);
    w.text(`{"format":"standard-v1","leafEncoding":${JSON.stringify(LEAF_ENCODING)},"tree":[`);
    w.nodes(0, this.nodeCount);
    w.text(`],"values":[`);
    const l = this.leaves;
    for (let v = 0; v < this.length; v++) {
      w.text(
        `${v === 0 ? "" : ","}{"value":["${l.accountHex[l.leafAccount[v]]}","${l.tokenHex[l.leafToken[v]]}","${this.amount(v)}"],"treeIndex":${this.treeIndex[v]}}`,
      );
    }
    w.text("]}");
    return w.finish();
  }

  /** Builds the tree of `leaves` (at least one). */
  static build(leaves: LeafSet): RewardTree {
    const n = leaves.count;
    if (n < 1) throw new Error("a Merkle tree needs at least one leaf");
    const nodeCount = 2 * n - 1;
    const nodes = HEAP_BASE;
    const hex = nodes + 32 * nodeCount;
    // the leaf encodings (96 bytes) and hashes (32 bytes) are staged where the hex will go
    const hexBytes = Math.max(64 * nodeCount, 128 * n);
    const sponge = hex + hexBytes;
    const writer = sponge + 512;
    const layout: Layout = { nodes, hex, sponge, writer, end: writer + WRITER_BYTES };
    const k = instantiateKeccak();
    ensureMemory(k, layout.end);
    const mem = new Uint8Array(k.memory.buffer);
    const encoded = hex;
    const hashes = hex + 96 * n;
    for (let i = 0; i < n; i++) {
      const at = encoded + 96 * i;
      const a = 20 * leaves.leafAccount[i];
      const t = 20 * leaves.leafToken[i];
      for (let j = 0; j < 20; j++) {
        mem[at + 12 + j] = leaves.accountBytes[a + j];
        mem[at + 44 + j] = leaves.tokenBytes[t + j];
      }
      writeUint256(mem, at + 64, leaves.amounts[i]);
    }
    for (let i = 0; i < n; i += BATCH) {
      k.leafHashes(encoded + 96 * i, Math.min(BATCH, n - i), hashes + 32 * i);
    }
    const order = sortByBytes(mem, hashes, 32, 32, n);
    const treeIndex = new Uint32Array(n);
    for (let p = 0; p < n; p++) {
      const index = nodeCount - 1 - p;
      const v = order[p];
      treeIndex[v] = index;
      mem.copyWithin(nodes + 32 * index, hashes + 32 * v, hashes + 32 * v + 32);
    }
    for (let hi = n - 2; hi >= 0; hi -= BATCH) k.nodeHashes(nodes, hi, Math.max(0, hi - BATCH + 1));
    for (let i = 0; i < nodeCount; i += BATCH) {
      const count = Math.min(BATCH, nodeCount - i);
      k.toHex(nodes + 32 * i, 32 * count, hex + 64 * i);
    }
    return new RewardTree(k, layout, leaves, treeIndex);
  }
}

/** 32 bytes big-endian at mem[at …]. */
function writeUint256(mem: Uint8Array, at: number, value: bigint): void {
  if (value < 0n || value >= UINT256_LIMIT) throw new Error(`amount ${value} is not a uint256`);
  if (value <= BigInt(Number.MAX_SAFE_INTEGER)) {
    const v = Number(value);
    const hi = Math.floor(v / TWO_32);
    const lo = v % TWO_32;
    mem.fill(0, at, at + 24);
    mem[at + 24] = hi >>> 24;
    mem[at + 25] = (hi >>> 16) & 0xff;
    mem[at + 26] = (hi >>> 8) & 0xff;
    mem[at + 27] = hi & 0xff;
    mem[at + 28] = lo >>> 24;
    mem[at + 29] = (lo >>> 16) & 0xff;
    mem[at + 30] = (lo >>> 8) & 0xff;
    mem[at + 31] = lo & 0xff;
    return;
  }
  mem.set(Buffer.from(value.toString(16).padStart(64, "0"), "hex"), at);
}

/**
 * Node's Buffer has had `latin1Write(string, offset, length)` since v0.x (Buffer#write dispatches to
 * it); calling it directly skips the argument normalisation that dominates a million short writes.
 */
type Latin1Writable = Buffer & { latin1Write(s: string, offset: number, length: number): number };

/**
 * Text (ASCII) and proofs staged in the kernels' memory and flushed to a sink in large chunks,
 * optionally hashed on the way.
 */
export class TreeTextWriter {
  private cursor: number;
  private readonly start: number;
  private readonly limit: number;
  /** The staging area as a Buffer (the memory does not grow once the tree is built). */
  private readonly view: Latin1Writable;

  constructor(
    private readonly k: KeccakKernels,
    private readonly layout: Layout,
    private readonly sink: ByteSink,
    private readonly sponge: MemorySponge | undefined,
  ) {
    this.start = layout.writer;
    this.limit = layout.end;
    this.cursor = this.start;
    this.view = Buffer.from(k.memory.buffer, this.start, this.limit - this.start) as Latin1Writable;
  }

  private room(bytes: number): void {
    if (this.cursor + bytes > this.limit) this.flush();
    if (this.cursor + bytes > this.limit) throw new Error("text too long for the writer");
  }

  /** Appends ASCII text. */
  text(s: string): void {
    this.room(s.length);
    this.cursor += this.view.latin1Write(s, this.cursor - this.start, s.length);
  }

  /** Appends `"0x…","0x…"`: the proof items of the leaf at `treeIndex`. */
  proof(treeIndex: number): void {
    this.room(MAX_PROOF_TEXT);
    this.cursor = this.k.writeProof(this.layout.hex, treeIndex, this.cursor);
  }

  /** Appends `"0x…",…,"0x…"` for nodes first … first+count−1. */
  nodes(first: number, count: number): void {
    const perFlush = Math.floor((this.limit - this.start) / 69);
    let written = 0;
    while (written < count) {
      if (this.cursor + 69 > this.limit) this.flush();
      const batch = Math.min(
        count - written,
        Math.floor((this.limit - this.cursor) / 69),
        perFlush,
      );
      this.cursor = this.k.writeNodes(this.layout.hex, first + written, batch, this.cursor);
      written += batch;
    }
    if (count > 0) this.cursor--; // the last comma
  }

  /** Sends what is staged to the sink. */
  flush(): void {
    const length = this.cursor - this.start;
    if (length === 0) return;
    this.sponge?.update(this.start, length);
    this.sink(new Uint8Array(this.k.memory.buffer, this.start, length));
    this.cursor = this.start;
  }

  /** Flushes; returns the keccak256 of everything written when hashing, else "". */
  finish(): string {
    this.flush();
    return this.sponge ? `0x${Buffer.from(this.sponge.digest()).toString("hex")}` : "";
  }
}
