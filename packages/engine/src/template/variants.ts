import { createHash } from "node:crypto";

export interface WeightedVariant {
  id: string;
  /** Relative share of leads, e.g. 50/50 or 70/30; 0 turns a variant off. */
  weight: number;
}

/**
 * The A/B variant a lead gets for a step: weighted, and the same every time for the same lead and step, so a retry
 * or a preview shows exactly what is (or was) sent.
 */
export function chooseVariant<T extends WeightedVariant>(variants: readonly T[], seed: string): T {
  const live = variants.filter((v) => v.weight > 0);
  if (live.length === 0) throw new Error("a step needs at least one variant with a weight above 0");
  const total = live.reduce((sum, v) => sum + v.weight, 0);
  const point = (createHash("sha256").update(seed).digest().readUInt32BE(0) / 2 ** 32) * total;
  let cumulative = 0;
  for (const variant of live) {
    cumulative += variant.weight;
    if (point < cumulative) return variant;
  }
  return live.at(-1)!;
}
