import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next.ts";

describe("where log-in sends you back to", () => {
  it("follows a path on this site and nothing else (no open redirect)", () => {
    expect(safeNext("/w/1/campaigns?tab=stats")).toBe("/w/1/campaigns?tab=stats");
    for (const evil of ["//evil.example/x", "https://evil.example", "javascript:alert(1)", "", null]) {
      expect(safeNext(evil)).toBe("/");
    }
    expect(safeNext("/\\evil.example")).toBe("/");
  });
});
