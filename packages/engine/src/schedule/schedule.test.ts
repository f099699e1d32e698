import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dailyCapacity,
  type InboxPace,
  isInWindow,
  nextSendAfter,
  nextUtcDay,
  nextWindowOpening,
  pickInbox,
  type RotationCandidate,
  type SendingWindow,
  sendingDayOf,
  utcDayStart,
} from "../index.ts";

const weekdays = [1, 2, 3, 4, 5];
const nineToFive = (timeZone: string): SendingWindow => ({ days: weekdays, start: "09:00", end: "17:00", timeZone });
const at = (iso: string) => new Date(iso);

describe("sending windows in the lead's time zone", () => {
  it("judges the same instant by each zone's wall clock", () => {
    const mondayNoonUtc = at("2026-11-30T14:00:00Z"); // 09:00 in New York, 15:00 in Berlin, 23:00 in Tokyo
    expect(isInWindow(mondayNoonUtc, nineToFive("America/New_York"))).toBe(true);
    expect(isInWindow(mondayNoonUtc, nineToFive("Europe/Berlin"))).toBe(true);
    expect(isInWindow(mondayNoonUtc, nineToFive("Asia/Tokyo"))).toBe(false);
    expect(isInWindow(at("2026-11-30T13:59:00Z"), nineToFive("America/New_York"))).toBe(false);
  });

  it("skips to Monday 09:00 after Friday's window, keeping 09:00 local across the autumn DST change", () => {
    // Berlin leaves summer time on Sunday 2026-10-25: 09:00 is 07:00Z before and 08:00Z after.
    const fridayEvening = at("2026-10-23T16:00:00Z"); // 18:00 CEST
    expect(nextWindowOpening(fridayEvening, nineToFive("Europe/Berlin")).toISOString()).toBe(
      "2026-10-26T08:00:00.000Z",
    );
    expect(nextWindowOpening(at("2026-10-22T16:00:00Z"), nineToFive("Europe/Berlin")).toISOString()).toBe(
      "2026-10-23T07:00:00.000Z",
    );
  });

  it("opens at the jump when the start falls into the hour skipped in spring", () => {
    // New York skips 02:00-03:00 on Sunday 2027-03-14. A window from 02:30 opens at 03:00 EDT = 07:00Z.
    const window: SendingWindow = { days: [7], start: "02:30", end: "04:00", timeZone: "America/New_York" };
    expect(nextWindowOpening(at("2027-03-14T05:00:00Z"), window).toISOString()).toBe("2027-03-14T07:00:00.000Z");
  });

  it("takes the first of the two 01:30s in the hour repeated in autumn", () => {
    const window: SendingWindow = { days: [7], start: "01:30", end: "03:00", timeZone: "America/New_York" };
    expect(nextWindowOpening(at("2026-11-01T04:00:00Z"), window).toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });

  it("returns the earliest instant inside the window, never one before it (property)", () => {
    const zones = ["UTC", "America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo"];
    fc.assert(
      fc.property(
        fc.date({ min: at("2026-01-01T00:00:00Z"), max: at("2028-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(...zones),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 0, max: 22 * 60 }),
        fc.integer({ min: 30, max: 120 }),
        (instant, timeZone, days, startMinute, length) => {
          const hhmm = (m: number) =>
            `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
          const window = {
            days,
            timeZone,
            start: hhmm(startMinute),
            end: hhmm(Math.min(startMinute + length, 24 * 60 - 1)),
          };
          const opening = nextWindowOpening(instant, window);
          expect(opening.getTime()).toBeGreaterThanOrEqual(instant.getTime());
          expect(isInWindow(opening, window)).toBe(true);
          const minuteBefore = new Date(opening.getTime() - 60_000);
          if (minuteBefore.getTime() >= instant.getTime()) expect(isInWindow(minuteBefore, window)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("pace", () => {
  const pace: InboxPace = {
    dailyLimit: 40,
    rampUpEnabled: true,
    rampUpStart: 5,
    rampUpIncrement: 3,
    minGapSeconds: 300,
  };

  it("ramps up from the start value by the increment to the daily limit", () => {
    expect([0, 1, 2, 10, 11, 12, 100].map((day) => dailyCapacity(pace, day))).toEqual([5, 8, 11, 35, 38, 40, 40]);
    expect(dailyCapacity({ ...pace, rampUpEnabled: false }, 0)).toBe(40);
  });

  it("never decreases and never exceeds the limit (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 500 }),
        fc.nat(400),
        (dailyLimit, rampUpStart, rampUpIncrement, day) => {
          const p = { ...pace, dailyLimit, rampUpStart, rampUpIncrement };
          expect(dailyCapacity(p, day)).toBeLessThanOrEqual(dailyLimit);
          expect(dailyCapacity(p, day + 1)).toBeGreaterThanOrEqual(dailyCapacity(p, day));
        },
      ),
    );
  });

  it("waits at least the minimum gap, plus up to half of it as jitter", () => {
    const last = at("2026-11-30T10:00:00Z");
    expect(nextSendAfter(last, pace, () => 0)!.toISOString()).toBe("2026-11-30T10:05:00.000Z");
    expect(nextSendAfter(last, pace, () => 0.999_999)!.getTime()).toBeLessThan(at("2026-11-30T10:07:30Z").getTime());
    expect(nextSendAfter(null, pace, () => 0)).toBeNull();
  });
});

describe("UTC days", () => {
  it("counts ramp-up days by UTC calendar day, not by 24-hour periods", () => {
    expect(sendingDayOf(null, at("2026-12-02T10:00:00Z"))).toBe(0);
    expect(sendingDayOf(at("2026-12-02T23:59:00Z"), at("2026-12-03T00:01:00Z"))).toBe(1);
    expect(sendingDayOf(at("2026-12-02T00:01:00Z"), at("2026-12-02T23:59:00Z"))).toBe(0);
    expect(sendingDayOf(at("2026-12-01T15:00:00Z"), at("2026-12-08T09:00:00Z"))).toBe(7);
    expect(utcDayStart(at("2026-12-02T23:59:59Z")).toISOString()).toBe("2026-12-02T00:00:00.000Z");
    expect(nextUtcDay(at("2026-12-02T00:00:00Z")).toISOString()).toBe("2026-12-03T00:00:00.000Z");
  });
});

describe("inbox rotation", () => {
  /** Sends `messages` one a minute through the rotation and counts what each inbox sent. */
  function simulate(caps: number[], messages: number, gapMinutes = 0, stepMs = 60_000) {
    const inboxes = caps.map((cap, i) => ({ id: `inbox-${i}`, cap, sent: 0, lastSentAt: null as Date | null }));
    let now = at("2026-11-30T09:00:00Z").getTime();
    for (let m = 0; m < messages; m++, now += stepMs) {
      const candidates: RotationCandidate[] = inboxes.map((i) => ({
        id: i.id,
        remaining: i.cap - i.sent,
        lastSentAt: i.lastSentAt,
        readyAt: i.lastSentAt ? new Date(i.lastSentAt.getTime() + gapMinutes * 60_000) : null,
      }));
      const chosen = pickInbox(candidates, new Date(now));
      if (!chosen) continue;
      const inbox = inboxes.find((i) => i.id === chosen.id)!;
      inbox.sent++;
      inbox.lastSentAt = new Date(now);
    }
    return inboxes;
  }

  it("spreads sends evenly over inboxes with equal caps (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 300 }), (count, messages) => {
        const result = simulate(Array(count).fill(1000), messages);
        const sent = result.map((i) => i.sent);
        expect(Math.max(...sent) - Math.min(...sent)).toBeLessThanOrEqual(1);
        expect(sent.reduce((a, b) => a + b, 0)).toBe(messages);
      }),
    );
  });

  it("spreads evenly even when a scheduler tick picks many messages at the same instant (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 300 }), (count, messages) => {
        const sent = simulate(Array(count).fill(1000), messages, 0, 0).map((i) => i.sent);
        expect(Math.max(...sent) - Math.min(...sent)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("never exceeds any inbox's cap and uses all capacity there is (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 8 }),
        fc.nat(300),
        (caps, messages) => {
          const result = simulate(caps, messages);
          for (const inbox of result) expect(inbox.sent).toBeLessThanOrEqual(inbox.cap);
          const total = result.reduce((a, i) => a + i.sent, 0);
          expect(total).toBe(
            Math.min(
              messages,
              caps.reduce((a, b) => a + b, 0),
            ),
          );
        },
      ),
    );
  });

  it("respects each inbox's minimum gap", () => {
    // 2 inboxes, a message a minute, each may send only every 5 minutes: 2 of every 5 minutes send.
    const result = simulate([100, 100], 20, 5);
    expect(result.map((i) => i.sent)).toEqual([4, 4]);
  });
});
