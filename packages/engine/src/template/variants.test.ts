import { describe, expect, it } from "vitest";
import { chooseVariant } from "../index.ts";

describe("A/B variants", () => {
  const variants = [
    { id: "a", weight: 70 },
    { id: "b", weight: 30 },
    { id: "off", weight: 0 },
  ];

  it("gives each lead the same variant every time", () => {
    for (let i = 0; i < 100; i++)
      expect(chooseVariant(variants, `lead-${i}:step`)).toBe(chooseVariant(variants, `lead-${i}:step`));
  });

  it("splits leads by weight and never picks a variant weighted 0", () => {
    const counts: Record<string, number> = { a: 0, b: 0, off: 0 };
    for (let i = 0; i < 10_000; i++) counts[chooseVariant(variants, `lead-${i}`).id]!++;
    expect(counts.off).toBe(0);
    expect(counts.a! / 10_000).toBeGreaterThan(0.67);
    expect(counts.a! / 10_000).toBeLessThan(0.73);
  });

  it("refuses a step with no live variant", () => {
    expect(() => chooseVariant([{ id: "x", weight: 0 }], "s")).toThrow(/at least one variant/);
  });
});
