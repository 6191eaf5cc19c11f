import { describe, expect, it } from "vitest";
import { formatTable } from "./table";

describe("formatTable", () => {
  it("aligns text left and numbers right under a rule", () => {
    expect(
      formatTable(
        ["rank", "account", "score"],
        [
          [1, "0xaa", "1,500.000000"],
          [10, "0xbbbb", 7n],
        ],
      ),
    ).toBe(
      [
        "rank  account         score",
        "----  -------  ------------",
        "   1  0xaa     1,500.000000",
        "  10  0xbbbb              7",
      ].join("\n"),
    );
  });

  it("renders a header alone when there are no rows", () => {
    expect(formatTable(["a", "b"], [])).toBe("a  b\n-  -");
  });

  it("follows explicit alignment where given", () => {
    const rows = [
      ["0", "$10,000"],
      ["12", "$5"],
    ];
    expect(formatTable(["tier", "dollars"], rows, [false, true])).toBe(
      ["tier  dollars", "----  -------", "0     $10,000", "12         $5"].join("\n"),
    );
  });
});
