import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { AbiCoder, keccak256 } from "ethers";
import { dappReportRef, relayRef } from "./ref";

const TX = `0x${"ab".repeat(32)}`;

describe("relayRef", () => {
  it("is keccak256 of the ABI-encoded chain id, tx hash and log index", () => {
    const expected = keccak256(
      AbiCoder.defaultAbiCoder().encode(["uint256", "bytes32", "uint256"], [31337n, TX, 7n]),
    );
    expect(relayRef(31337, TX, 7)).toBe(expected);
  });

  it("differs when any of its parts differs, and is stable otherwise", () => {
    const base = relayRef(1, TX, 0);
    expect(relayRef(1n, TX, 0)).toBe(base);
    expect(relayRef(2, TX, 0)).not.toBe(base);
    expect(relayRef(1, TX, 1)).not.toBe(base);
    expect(relayRef(1, `0x${"cd".repeat(32)}`, 0)).not.toBe(base);
  });

  it("equals the ABI encoder's form for any chain id, tx hash (either case) and log index", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.boolean(),
        fc.nat(),
        (chainId, bytes, upper, logIndex) => {
          const hex = Buffer.from(bytes).toString("hex");
          const tx = `0x${upper ? hex.toUpperCase() : hex}`;
          const expected = keccak256(
            AbiCoder.defaultAbiCoder().encode(
              ["uint256", "bytes32", "uint256"],
              [chainId, `0x${hex}`, logIndex],
            ),
          );
          expect(relayRef(chainId, tx, logIndex)).toBe(expected);
        },
      ),
    );
  });

  it("refuses a chain id that is not a uint256", () => {
    expect(() => relayRef(-1n, TX, 0)).toThrow(/chain id -1 is not a uint256/);
    expect(() => relayRef(1n << 256n, TX, 0)).toThrow(/is not a uint256/);
  });

  it("refuses a malformed tx hash or log index", () => {
    expect(() => relayRef(1, "0x1234", 0)).toThrow(/tx hash '0x1234' is not 32 bytes/);
    expect(() => relayRef(1, TX, -1)).toThrow(/log index -1/);
    expect(() => relayRef(1, TX, 1.5)).toThrow(/log index 1.5/);
  });
});

describe("dappReportRef", () => {
  it("is keccak256 of the ABI-encoded chain id, dApp address and sequence", () => {
    const dapp = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    const expected = keccak256(
      AbiCoder.defaultAbiCoder().encode(["uint256", "address", "uint256"], [31337n, dapp, 3n]),
    );
    expect(dappReportRef(31337, dapp, 3n)).toBe(expected);
    expect(dappReportRef(31337, dapp, 4n)).not.toBe(expected);
  });
});
