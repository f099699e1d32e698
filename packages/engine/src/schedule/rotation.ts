export interface RotationCandidate {
  id: string;
  /** Messages it may still send today (dailyCapacity - sent, and the campaign's share). */
  remaining: number;
  /** When it may send again (minimum gap + jitter), or null if now. */
  readyAt: Date | null;
  lastSentAt: Date | null;
}

/**
 * Picks the inbox for the next message: among those with capacity left and whose gap has passed, the one that has
 * waited longest since its last send (never-used first); on a tie (several picked at the same instant), the one with
 * the most capacity left, then by id, so the choice is reproducible. Over a day this spreads sends evenly, and no
 * inbox ever goes over its cap.
 */
export function pickInbox(candidates: readonly RotationCandidate[], now: Date): RotationCandidate | null {
  let best: RotationCandidate | null = null;
  for (const candidate of candidates) {
    if (candidate.remaining <= 0) continue;
    if (candidate.readyAt && candidate.readyAt.getTime() > now.getTime()) continue;
    if (!best || waitedLonger(candidate, best)) best = candidate;
  }
  return best;
}

function waitedLonger(a: RotationCandidate, b: RotationCandidate): boolean {
  const at = a.lastSentAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const bt = b.lastSentAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (at !== bt) return at < bt;
  if (a.remaining !== b.remaining) return a.remaining > b.remaining;
  return a.id < b.id;
}
