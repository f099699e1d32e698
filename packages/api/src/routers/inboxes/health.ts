import { dailyCapacity, sendingDayOf, utcDayStart } from "@mailflow/engine";
import { z } from "zod";
import { workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";

const healthSchema = z.object({
  inboxId: z.string(),
  email: z.string(),
  status: z.enum(["ACTIVE", "PAUSED", "ERROR"]),
  statusReason: z.string().nullable(),
  /** Messages queued or sent today (UTC), against what the inbox may send today (daily limit, ramp-up day). */
  sentToday: z.number(),
  capacityToday: z.number(),
  rampUpDay: z.number(),
  /** In flight now. */
  pending: z.number(),
  /** Over its last 100 finished sends, as used by the automatic pause. */
  recentSends: z.number(),
  recentBounces: z.number(),
  /** Whether its server files Sent copies itself (learnt on the first send). */
  sentCopy: z.enum(["UNKNOWN", "SERVER", "CLIENT"]),
  lastCheckedAt: z.date().nullable(),
});

/** Every inbox's sending health at a glance: today's usage against its limit, bounces, why it is paused. */
export const inboxHealth = workspaceProcedure
  .input(workspaceInput({}))
  .output(z.array(healthSchema))
  .query(async ({ ctx }) => {
    const { db } = ctx.deps;
    const now = new Date();
    const inboxes = await db.inbox.findMany({ where: { workspaceId: ctx.workspace.id }, orderBy: { email: "asc" } });
    if (inboxes.length === 0) return [];
    const ids = inboxes.map((i) => i.id);
    const [today, recent] = await Promise.all([
      db.$queryRaw<{ inboxId: string; today: bigint; pending: bigint }[]>`
        SELECT "inboxId", count(*) FILTER (WHERE "queuedAt" >= ${utcDayStart(now)} AND "status" <> 'CANCELLED') AS today,
               count(*) FILTER (WHERE "status" IN ('QUEUED', 'SENDING')) AS pending
        FROM "Message" WHERE "inboxId" = ANY(${ids}::uuid[]) AND ("queuedAt" >= ${utcDayStart(now)} OR "status" IN ('QUEUED', 'SENDING'))
        GROUP BY "inboxId"`,
      db.$queryRaw<{ inboxId: string; sends: bigint; bounces: bigint }[]>`
        SELECT i."id" AS "inboxId", count(m.*) AS sends, count(m.*) FILTER (WHERE m."bounced") AS bounces
        FROM unnest(${ids}::uuid[]) AS i("id")
        LEFT JOIN LATERAL (SELECT "bounced" FROM "Message" WHERE "inboxId" = i."id" AND "status" IN ('SENT', 'FAILED')
                           ORDER BY "queuedAt" DESC LIMIT 100) m ON true
        GROUP BY i."id"`,
    ]);
    return inboxes.map((inbox) => {
      const day = sendingDayOf(inbox.sendingSince, now);
      const t = today.find((r) => r.inboxId === inbox.id);
      const r = recent.find((x) => x.inboxId === inbox.id);
      return {
        inboxId: inbox.id,
        email: inbox.email,
        status: inbox.status,
        statusReason: inbox.statusReason,
        sentToday: Number(t?.today ?? 0),
        capacityToday: dailyCapacity(inbox, day),
        rampUpDay: day,
        pending: Number(t?.pending ?? 0),
        recentSends: Number(r?.sends ?? 0),
        recentBounces: Number(r?.bounces ?? 0),
        sentCopy: inbox.sentCopy,
        lastCheckedAt: inbox.lastCheckedAt,
      };
    });
  });
