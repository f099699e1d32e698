import { record } from "@mailflow/audit";
import type { Db } from "@mailflow/db";
import { emitWebhookEvent } from "@mailflow/webhooks";

/**
 * Pauses an active inbox with a reason the user can act on, and records `inbox.paused` by the system. Returns
 * false when it was not active (already paused by someone else: nothing to do).
 */
export async function pauseInbox(db: Db, inboxId: string, reason: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.inbox.updateMany({
      where: { id: inboxId, status: "ACTIVE" },
      data: { status: "PAUSED", statusReason: reason },
    });
    if (count === 0) return false;
    const inbox = await tx.inbox.findUniqueOrThrow({ where: { id: inboxId } });
    await record(tx, {
      action: "inbox.paused",
      actor: { type: "system" },
      workspaceId: inbox.workspaceId,
      target: { type: "inbox", id: inboxId },
      metadata: { reason },
    });
    await emitWebhookEvent(tx, inbox.workspaceId, "inbox.paused", { inboxId, email: inbox.email, reason });
    return true;
  });
}

export interface BouncePolicy {
  /** Share of bounces (0-1) over the window above which the inbox pauses. */
  threshold: number;
  /** Fewest finished sends before the rate is judged (one early bounce is not a trend). */
  minSends: number;
  /** How many recent sends count. */
  window: number;
}

/** The bounce rate over the inbox's last `window` finished sends, and a pause reason if it is too high. */
export async function checkBounceRate(
  db: Db,
  inboxId: string,
  policy: BouncePolicy,
): Promise<{ bounced: number; sends: number; reason: string | null }> {
  const [row] = await db.$queryRaw<{ bounced: bigint; sends: bigint }[]>`
    SELECT count(*) FILTER (WHERE t."bounced") AS bounced, count(*) AS sends FROM (
      SELECT "bounced" FROM "Message" WHERE "inboxId" = ${inboxId}::uuid AND "status" IN ('SENT', 'FAILED')
      ORDER BY "queuedAt" DESC LIMIT ${policy.window}) t`;
  const bounced = Number(row?.bounced ?? 0);
  const sends = Number(row?.sends ?? 0);
  const tooHigh = sends >= policy.minSends && bounced / sends > policy.threshold;
  const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
  return {
    bounced,
    sends,
    reason: tooHigh
      ? `${bounced} of its last ${sends} messages bounced (${percent(bounced / sends)}), above the ` +
        `${percent(policy.threshold)} limit. Clean the lead list, then resume the inbox.`
      : null,
  };
}
