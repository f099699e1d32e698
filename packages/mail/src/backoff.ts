export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { initialMs: 1_000, maxMs: 5 * 60_000 };

/**
 * Exponential backoff with full jitter: attempt 0 waits up to initialMs, each further attempt doubles the ceiling up
 * to maxMs, and the actual wait is random below it so that a thousand inboxes failing together do not retry in step.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = defaultBackoff,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
