/**
 * Where an auditor gets the published tree dump: a file path, or an http(s) URL fetched with
 * Node's global fetch. The bytes are kept exactly as received: their keccak256 is compared with
 * the `dataHash` published on chain.
 */
import fs from "node:fs";

export interface DumpBytes {
  /** The path or URL as given. */
  readonly source: string;
  readonly kind: "file" | "url";
  readonly bytes: Buffer;
}

export interface ReadDumpOptions {
  /** Abort a download after this many milliseconds (default 60 s). */
  readonly timeoutMs?: number;
  /** Refuse a dump larger than this (default 2 GiB). */
  readonly maxBytes?: number;
  /** Injected for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_BYTES = 2 ** 31;

/** True when `source` names a URL (scheme://…) rather than a path. */
export function isUrl(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source);
}

function oneLine(e: unknown): string {
  const err = e as { message?: string; cause?: { message?: string; code?: string } };
  const cause = err?.cause?.code ?? err?.cause?.message;
  const text = `${err?.message ?? String(e)}${cause ? ` (${cause})` : ""}`;
  return text.split("\n")[0];
}

/** Reads the dump's bytes; throws one line naming the source on any failure. */
export async function readDump(source: string, options: ReadDumpOptions = {}): Promise<DumpBytes> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!isUrl(source)) {
    let bytes: Buffer;
    try {
      const size = fs.statSync(source).size;
      if (size > maxBytes) throw new Error(`${size} bytes is more than the ${maxBytes} allowed`);
      bytes = fs.readFileSync(source);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new Error(`dump ${source}: cannot read (${code ?? oneLine(e)})`);
    }
    return { source, kind: "file", bytes };
  }
  const url = new URL(source);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`dump ${source}: only http(s) URLs and file paths are supported`);
  }
  const get = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await get(url, {
      redirect: "follow",
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (e) {
    throw new Error(`dump ${source}: download failed: ${oneLine(e)}`);
  }
  if (!response.ok) {
    throw new Error(
      `dump ${source}: the server answered HTTP ${response.status} ${response.statusText}`.trimEnd(),
    );
  }
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new Error(`dump ${source}: ${declared} bytes is more than the ${maxBytes} allowed`);
  }
  let bytes: Buffer;
  try {
    bytes = Buffer.from(await response.arrayBuffer());
  } catch (e) {
    throw new Error(`dump ${source}: download failed: ${oneLine(e)}`);
  }
  if (bytes.length > maxBytes) {
    throw new Error(`dump ${source}: ${bytes.length} bytes is more than the ${maxBytes} allowed`);
  }
  return { source, kind: "url", bytes };
}
