import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvLine, neutralizeCsvCell } from "../index.ts";

describe("CSV export safety", () => {
  it.each(['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])("neutralizes %j", (value) => {
    expect(neutralizeCsvCell(value)).toBe(`'${value}`);
  });

  it("leaves ordinary values alone", () => {
    expect(neutralizeCsvCell("ada@example.test")).toBe("ada@example.test");
    expect(csvLine(["a", 'b "c"', "d,e", "=1"])).toBe('a,"b ""c""","d,e",\'=1');
  });

  it("never emits a cell a spreadsheet would evaluate (property)", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(neutralizeCsvCell(value)).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });
});
