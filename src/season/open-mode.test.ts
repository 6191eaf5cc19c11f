import { describe, expect, it } from "vitest";
import { openModeWarning } from "./open-mode";
import { season1SeasonFile } from "./season1-template";

const pools = (amount: string) => ({ epochs: [{ pools: { tREWARD: amount } }] });

describe("openModeWarning", () => {
  it("warns, in one line, of an open mint in a season with reward pools", () => {
    const w = openModeWarning({ rewards: pools("1000"), chain: { mint: { mode: "open" } } });
    expect(w).toMatch(/^warning: the mint is in open mode/);
    expect(w).not.toContain("\n");
  });

  it("says nothing of voucher mode, of empty pools, or of a season without a mint", () => {
    expect(openModeWarning({ rewards: pools("1000"), chain: { mint: { mode: "voucher" } } })).toBe(
      undefined,
    );
    expect(openModeWarning({ rewards: pools("0"), chain: { mint: { mode: "open" } } })).toBe(
      undefined,
    );
    expect(openModeWarning({ rewards: pools("1000") })).toBe(undefined);
    expect(openModeWarning({ rewards: pools("1000"), chain: { mint: null } })).toBe(undefined);
  });
});

describe("the Season 1 template's mint mode", () => {
  const REGISTRAR = "0x00000000000000000000000000000000000000bb";

  it("defaults to voucher mode, which needs a registrar", () => {
    const file = season1SeasonFile({ start: 1, registrar: REGISTRAR }) as {
      chain: { mint: { mode: string; registrar: string } };
    };
    expect(file.chain.mint.mode).toBe("voucher");
    expect(file.chain.mint.registrar).toBe(REGISTRAR);
    expect(openModeWarning(file)).toBe(undefined);
    expect(() => season1SeasonFile({ start: 1 })).toThrow(/voucher mode needs a registrar/);
  });

  it("writes open mode only when asked, and then the warning applies", () => {
    const file = season1SeasonFile({ start: 1, mintMode: "open" }) as {
      chain: { mint: { mode: string; registrar?: string } };
    };
    expect(file.chain.mint.mode).toBe("open");
    expect(file.chain.mint.registrar).toBe(undefined);
    expect(openModeWarning(file)).toMatch(/^warning: /);
  });
});
