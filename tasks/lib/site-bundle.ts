/**
 * The participant app's one JavaScript bundle (esbuild, from app/src/main.ts) and its page. The app
 * reuses src/ (commitments, tiers, vouchers, formats); the few Node built-ins some of those modules
 * import for their file-reading helpers are replaced by empty modules in the browser, and
 * node:crypto's randomBytes by the Web Crypto API (a riddle's salt).
 */
import fs from "node:fs";
import path from "node:path";
import type { Plugin } from "esbuild";

const BROWSER_SHIMS: Record<string, string> = {
  "node:crypto":
    "export function randomBytes(n) { return globalThis.crypto.getRandomValues(new Uint8Array(n)); }",
  "node:fs": "export default {};",
  "node:os": "export default {};",
  "node:path": "export default {};",
  "node:readline": "export default {};",
  "node:worker_threads": "export const Worker = undefined; export default {};",
};

const shims: Plugin = {
  name: "browser-shims",
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: "shim" }));
    b.onLoad({ filter: /.*/, namespace: "shim" }, (args) => {
      const contents = BROWSER_SHIMS[args.path];
      if (contents === undefined)
        throw new Error(`the app imports ${args.path}, which has no browser stand-in`);
      return { contents, loader: "js" };
    });
  },
};

/** Writes index.html and app.js into `out`; returns the bundle's size in bytes. */
export async function bundleApp(root: string, out: string): Promise<number> {
  const appDir = path.join(root, "app");
  fs.mkdirSync(out, { recursive: true });
  const { build } = await import("esbuild"); // only site:build needs it
  const result = await build({
    entryPoints: [path.join(appDir, "src", "main.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2022"],
    minify: true,
    legalComments: "none",
    outfile: path.join(out, "app.js"),
    plugins: [shims],
    logLevel: "silent",
    metafile: true,
  });
  fs.copyFileSync(path.join(appDir, "index.html"), path.join(out, "index.html"));
  return Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
}
