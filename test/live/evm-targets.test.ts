/**
 * The EVM target of the build under test (SEASON_EVM; `npm run test:paris` runs this on the paris
 * build, against the in-process network on the "merge" hardfork): the bytecode of every contract
 * uses only what the target has, and OpenZeppelin's memory copies (MCOPY on Cancun, the equivalent
 * Yul function before it) give the same bytes as a TypeScript model of them.
 */
import { expect } from "chai";
import hre from "hardhat";
import { featuresNeeded } from "../../src/preflight/opcodes";
import { hardforkOf, parseEvmTarget } from "../../src/networks/live";

const target = parseEvmTarget(process.env.SEASON_EVM);
const ALLOWED: Record<string, readonly string[]> = {
  paris: [],
  shanghai: ["PUSH0"],
  cancun: ["PUSH0", "MCOPY", "TLOAD/TSTORE"],
};

describe(`the ${target} build`, () => {
  it("compiles for its target, and the in-process network runs the matching hardfork", () => {
    expect(hre.config.solidity.compilers[0].settings.evmVersion).to.equal(target);
    if (target !== "cancun")
      expect(hre.config.networks.hardhat.hardfork).to.equal(hardforkOf(target));
  });

  it("uses no instruction its target lacks, in any contract", async () => {
    const names = (await hre.artifacts.getAllFullyQualifiedNames()).filter((n) =>
      n.startsWith("contracts/"),
    );
    const contracts = await Promise.all(
      names.map(async (name) => {
        const a = await hre.artifacts.readArtifact(name);
        return { name: a.contractName, bytecode: a.bytecode };
      }),
    );
    expect(contracts.length).to.be.greaterThan(10);
    const extra = featuresNeeded(contracts).filter(
      (f) => !ALLOWED[target].includes(f.feature.name),
    );
    expect(extra.map((f) => `${f.feature.name}: ${f.contracts.join(", ")}`)).to.deep.equal([]);
  });

  it("copies memory as OpenZeppelin's Bytes promises: slice, overlapping splice, replace, concat", async () => {
    const c = await hre.ethers.deployContract("BytesCopies");
    const bytes = (n: number, seed: number) =>
      Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 17 + 1) % 256);
    const hex = (b: Uint8Array) => hre.ethers.hexlify(b);
    for (const n of [0, 1, 31, 32, 33, 64, 95]) {
      const buffer = bytes(n, n);
      for (const [start, end] of [
        [0, n],
        [1, n],
        [Math.floor(n / 3), Math.max(0, n - 1)],
        [n, n],
      ]) {
        const s = Math.max(0, Math.min(start, n));
        const e = Math.max(s, Math.min(end, n));
        expect(await c.slice(hex(buffer), start, end), `slice ${n} ${start} ${end}`).to.equal(
          hex(buffer.slice(s, e)),
        );
        expect(await c.splice(hex(buffer), start, end), `splice ${n} ${start} ${end}`).to.equal(
          hex(buffer.slice(s, e)),
        );
      }
      const replacement = bytes(Math.min(n, 40), 7);
      const pos = Math.floor(n / 4);
      const replaced = Uint8Array.from(buffer);
      replaced.set(replacement.slice(0, Math.max(0, n - pos)), pos);
      expect(await c.replace(hex(buffer), pos, hex(replacement)), `replace ${n}`).to.equal(
        hex(replaced),
      );
      const parts = [buffer, bytes(33, 3), bytes(5, 9)];
      expect(await c.concat(parts.map(hex)), `concat ${n}`).to.equal(
        hex(Uint8Array.from(parts.flatMap((p) => [...p]))),
      );
    }
  });
});
