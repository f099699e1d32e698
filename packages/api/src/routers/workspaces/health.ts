import { z } from "zod";
import { workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { sendingFigures } from "./sending-figures.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A workspace at a glance, for an owner looking after several (the desktop app's overview): inboxes by state with
 * the reasons of those that stopped, the bounce rate of the last 7 days, what waits to be sent, running campaigns,
 * unread replies.
 */
export const workspaceHealth = workspaceProcedure
  .input(workspaceInput({}))
  .output(
    z.object({
      inboxes: z.object({ active: z.number(), paused: z.number(), error: z.number() }),
      stoppedInboxes: z.array(
        z.object({
          id: z.string(),
          email: z.string(),
          status: z.enum(["ACTIVE", "PAUSED", "ERROR"]),
          reason: z.string().nullable(),
        }),
      ),
      sentLast7Days: z.number(),
      bouncedLast7Days: z.number(),
      /** bounced / (sent + bounced) over the last 7 days; null when nothing was sent. */
      bounceRate: z.number().nullable(),
      queueDepth: z.number(),
      activeCampaigns: z.number(),
      unreadReplies: z.number(),
    }),
  )
  .query(async ({ ctx }) => {
    const { db } = ctx.deps;
    const workspaceId = ctx.workspace.id;
    const since = new Date(Date.now() - 7 * DAY_MS);
    const [figures, stopped, recent, activeCampaigns, unreadReplies] = await Promise.all([
      sendingFigures(db, [workspaceId]),
      db.inbox.findMany({
        where: { workspaceId, status: { not: "ACTIVE" } },
        select: { id: true, email: true, status: true, statusReason: true },
        orderBy: { email: "asc" },
        take: 50,
      }),
      db.$queryRaw<{ sent: bigint; bounced: bigint }[]>`
        SELECT count(*) FILTER (WHERE m."status" = 'SENT') AS sent, count(*) FILTER (WHERE m."bounced") AS bounced
        FROM "Message" m
        WHERE m."workspaceId" = ${workspaceId}::uuid AND coalesce(m."sentAt", m."finishedAt") >= ${since}`,
      db.campaign.count({ where: { workspaceId, status: "ACTIVE" } }),
      db.inboundMessage.count({ where: { workspaceId, read: false, kind: { in: ["REPLY", "AUTO_REPLY"] } } }),
    ]);
    const { inboxes, queueDepth } = figures.get(workspaceId)!;
    const sent = Number(recent[0]?.sent ?? 0);
    const bounced = Number(recent[0]?.bounced ?? 0);
    return {
      inboxes,
      stoppedInboxes: stopped.map((i) => ({ id: i.id, email: i.email, status: i.status, reason: i.statusReason })),
      sentLast7Days: sent,
      bouncedLast7Days: bounced,
      bounceRate: sent + bounced > 0 ? bounced / (sent + bounced) : null,
      queueDepth,
      activeCampaigns,
      unreadReplies,
    };
  });
