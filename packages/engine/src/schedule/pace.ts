/** An inbox's sending pace (stored on the Inbox row). */
export interface InboxPace {
  dailyLimit: number;
  rampUpEnabled: boolean;
  rampUpStart: number;
  rampUpIncrement: number;
  minGapSeconds: number;
}

/**
 * How many messages the inbox may send on its n-th sending day (0 = the first): with ramp-up it starts at
 * rampUpStart and grows by rampUpIncrement a day, never above dailyLimit.
 */
export function dailyCapacity(pace: InboxPace, sendingDay: number): number {
  if (!pace.rampUpEnabled) return pace.dailyLimit;
  return Math.min(pace.dailyLimit, pace.rampUpStart + pace.rampUpIncrement * Math.max(0, sendingDay));
}

export function remainingToday(pace: InboxPace, sendingDay: number, sentToday: number): number {
  return Math.max(0, dailyCapacity(pace, sendingDay) - sentToday);
}

/**
 * The earliest next send after `lastSentAt`: the minimum gap plus a random extra of up to `jitter` times the gap,
 * so an inbox's sends do not fall on a machine-like rhythm. `random` is injected: the engine has no hidden state.
 */
export function nextSendAfter(
  lastSentAt: Date | null,
  pace: InboxPace,
  random: () => number,
  jitter = 0.5,
): Date | null {
  if (!lastSentAt) return null;
  const gapMs = pace.minGapSeconds * 1000 * (1 + random() * jitter);
  return new Date(lastSentAt.getTime() + gapMs);
}
