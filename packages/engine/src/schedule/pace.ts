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

const DAY_MS = 86_400_000;

/** Daily caps count UTC days: they reset at 00:00 UTC for every inbox and campaign. */
export const utcDayStart = (now: Date): Date => new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
export const nextUtcDay = (now: Date): Date => new Date(utcDayStart(now).getTime() + DAY_MS);

/** The ramp-up day an inbox is on: UTC calendar days since its first send (0 before it ever sent). */
export function sendingDayOf(sendingSince: Date | null, now: Date): number {
  if (!sendingSince) return 0;
  return Math.round((utcDayStart(now).getTime() - utcDayStart(sendingSince).getTime()) / DAY_MS);
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
