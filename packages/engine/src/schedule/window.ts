import { DateTime } from "luxon";

/** When a campaign may send, in one IANA time zone (the campaign's, or each lead's own). */
export interface SendingWindow {
  /** ISO weekdays: 1 = Monday ... 7 = Sunday. */
  days: readonly number[];
  /** Local "HH:MM", inclusive. */
  start: string;
  /** Local "HH:MM", exclusive; after start (windows do not cross midnight). */
  end: string;
  timeZone: string;
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
};

export function isValidTimeZone(timeZone: string): boolean {
  return DateTime.now().setZone(timeZone).isValid;
}

/** Is this instant inside the window, on the wall clock of the window's time zone? */
export function isInWindow(instant: Date, window: SendingWindow): boolean {
  const local = DateTime.fromJSDate(instant).setZone(window.timeZone);
  if (!window.days.includes(local.weekday)) return false;
  const minute = local.hour * 60 + local.minute;
  return minute >= minutesOf(window.start) && minute < minutesOf(window.end);
}

/**
 * The first instant at or after `instant` inside the window. Wall-clock times are resolved in the window's zone by
 * Luxon, so across a DST change "09:00" stays 09:00 local: a start inside a skipped hour moves forward to the first
 * valid minute (the moment of the jump); in a repeated hour the first occurrence counts.
 */
export function nextWindowOpening(instant: Date, window: SendingWindow): Date {
  if (isInWindow(instant, window)) return instant;
  const local = DateTime.fromJSDate(instant).setZone(window.timeZone);
  const start = minutesOf(window.start);
  for (let dayOffset = 0; dayOffset <= 7; dayOffset++) {
    const day = local.plus({ days: dayOffset });
    if (!window.days.includes(day.weekday)) continue;
    let opening = day.set({ hour: Math.floor(start / 60), minute: start % 60, second: 0, millisecond: 0 });
    // If the start fell into a skipped hour, Luxon moved it forward by the gap; the window really opened at the
    // jump itself, so walk back while the previous minute is still inside the window.
    while (
      opening.toMillis() - 60_000 >= instant.getTime() &&
      isInWindow(new Date(opening.toMillis() - 60_000), window)
    ) {
      opening = opening.minus({ minutes: 1 });
    }
    if (opening.toMillis() >= instant.getTime() && isInWindow(opening.toJSDate(), window)) return opening.toJSDate();
  }
  throw new Error("this sending window has no day on which it opens");
}
