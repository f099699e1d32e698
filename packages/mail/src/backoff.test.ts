import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff.ts";

describe("backoff", () => {
  const policy = { initialMs: 1000, maxMs: 60_000 };

  it("doubles its ceiling per attempt up to the maximum, never below half of it", () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(500);
    expect(backoffDelay(0, policy, () => 1)).toBe(1000);
    expect(backoffDelay(3, policy, () => 1)).toBe(8000);
    expect(backoffDelay(20, policy, () => 1)).toBe(60_000);
  });

  it("always waits at least half the ceiling and at most the maximum (property)", () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const delay = backoffDelay(attempt, policy, () => r);
        const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(delay).toBeLessThanOrEqual(policy.maxMs);
      }),
    );
  });
});
