import type { Inbox, Tx } from "@mailflow/db";
import {
  type InboxPace,
  nextUtcDay,
  type RotationCandidate,
  remainingToday,
  sendingDayOf,
  utcDayStart,
} from "@mailflow/engine";

/** An inbox as the scheduler sees it during one tick: what it may still send today and when it may send next. */
export interface InboxSlot extends RotationCandidate {
  inbox: Inbox;
}

/** Messages queued today per inbox (cancelled ones never reached a server and do not count) and the latest. */
export async function loadInboxSlots(tx: Tx, inboxes: Inbox[], now: Date): Promise<Map<string, InboxSlot>> {
  const ids = inboxes.map((i) => i.id);
  const usage = ids.length
    ? await tx.$queryRaw<{ inboxId: string; today: bigint; last: Date | null }[]>`
        SELECT "inboxId", count(*) AS today, max("queuedAt") AS last FROM "Message"
        WHERE "inboxId" = ANY(${ids}::uuid[]) AND "queuedAt" >= ${utcDayStart(now)} AND "status" <> 'CANCELLED'
        GROUP BY "inboxId"`
    : [];
  const byId = new Map(usage.map((u) => [u.inboxId, u]));
  return new Map(
    inboxes.map((inbox) => {
      const used = byId.get(inbox.id);
      // Ramp-up days are UTC calendar days since the first send, like the caps they raise.
      const sendingDay = sendingDayOf(inbox.sendingSince, now);
      return [
        inbox.id,
        {
          id: inbox.id,
          inbox,
          remaining: remainingToday(paceOf(inbox), sendingDay, Number(used?.today ?? 0)),
          readyAt: inbox.nextSendAt,
          lastSentAt: used?.last ?? null,
        },
      ];
    }),
  );
}

export const paceOf = (inbox: Inbox): InboxPace => ({
  dailyLimit: inbox.dailyLimit,
  rampUpEnabled: inbox.rampUpEnabled,
  rampUpStart: inbox.rampUpStart,
  rampUpIncrement: inbox.rampUpIncrement,
  minGapSeconds: inbox.minGapSeconds,
});

/** When a campaign whose inboxes are all busy or spent should look again: the first gap to end, or tomorrow. */
export function nextCapacity(slots: InboxSlot[], now: Date): Date {
  const waiting = slots.filter((s) => s.remaining > 0 && s.readyAt).map((s) => s.readyAt!.getTime());
  if (waiting.length > 0) return new Date(Math.max(now.getTime() + 1000, Math.min(...waiting)));
  // No inbox at all (all paused): look again in a quarter of an hour, when one may have been resumed.
  if (slots.length === 0) return new Date(now.getTime() + 15 * 60_000);
  return nextUtcDay(now);
}

export async function messagesQueuedToday(tx: Tx, campaignIds: string[], now: Date): Promise<Map<string, number>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ campaignId: string; today: bigint }[]>`
    SELECT "campaignId", count(*) AS today FROM "Message"
    WHERE "campaignId" = ANY(${campaignIds}::uuid[]) AND "queuedAt" >= ${utcDayStart(now)} AND "status" <> 'CANCELLED'
    GROUP BY "campaignId"`;
  return new Map(rows.map((r) => [r.campaignId, Number(r.today)]));
}
