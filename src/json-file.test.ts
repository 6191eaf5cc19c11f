import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseJson, readJsonFile, validateJson } from "./json-file";

describe("JSON files", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "json-file-"));

  it("reads a file's JSON", () => {
    const file = path.join(dir, "ok.json");
    fs.writeFileSync(file, '{"a":[1,2]}');
    expect(readJsonFile(file)).toEqual({ a: [1, 2] });
  });

  it("names the file that cannot be read or is not JSON, in one line", () => {
    expect(() => readJsonFile(path.join(dir, "missing.json"))).toThrow(
      /missing\.json: cannot read \(ENOENT\)$/,
    );
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, "{ nope");
    expect(() => readJsonFile(bad)).toThrow(/bad\.json: not valid JSON \(.+\)$/);
    expect(() => parseJson("[", "--voucher v.json")).toThrow(/^--voucher v\.json: not valid JSON/);
  });

  it("names the field a schema refuses", () => {
    const schema = z.strictObject({
      contracts: z.record(
        z.string(),
        z.strictObject({ address: z.string().startsWith("0x", "must start with 0x") }),
      ),
    });
    expect(validateJson({ contracts: { M: { address: "0x1" } } }, schema, "f.json")).toEqual({
      contracts: { M: { address: "0x1" } },
    });
    expect(() => validateJson({ contracts: { M: { address: "12" } } }, schema, "f.json")).toThrow(
      "f.json: contracts.M.address: must start with 0x",
    );
  });
});
