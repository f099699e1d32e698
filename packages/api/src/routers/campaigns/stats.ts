import { z } from "zod";
import { workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { findWorkspaceCampaign } from "./find.ts";

const counts = {
  /** Accepted by the recipient's server. */
  sent: z.number(),
  /** Queued or being sent now. */
  pending: z.number(),
  /** Refused for the recipient (5xx): the lead bounced. */
  bounced: z.number(),
  /** Failed for another reason (content refused, retries exhausted). */
  failed: z.number(),
  /** Leads whose sequence stopped with a reply after this step / from this inbox. */
  replied: z.number(),
  /** Leads who unsubscribed after this step / from this inbox. */
  unsubscribed: z.number(),
};

const statsSchema = z.object({
  leads: z.object({
    total: z.number(),
    active: z.number(),
    completed: z.number(),
    replied: z.number(),
    bounced: z.number(),
    unsubscribed: z.number(),
    suppressed: z.number(),
    failed: z.number(),
  }),
  steps: z.array(z.object({ step: z.number(), ...counts })),
  inboxes: z.array(z.object({ inboxId: z.string(), email: z.string(), ...counts })),
  /** Per UTC day, for charts over time. */
  daily: z.array(
    z.object({ day: z.string(), sent: z.number(), bounced: z.number(), replied: z.number(), unsubscribed: z.number() }),
  ),
});

type Counts = { [K in keyof typeof counts]: number };
const zero = (): Counts => ({ sent: 0, pending: 0, bounced: 0, failed: 0, replied: 0, unsubscribed: 0 });

/**
 * Sent, bounced, replied and unsubscribed per step and per inbox. A reply or unsubscribe is credited to the last
 * message the lead received (its step and inbox): that is the email that made them answer.
 */
export const campaignStats = workspaceProcedure
  .input(workspaceInput({ campaignId: z.uuid() }))
  .output(statsSchema)
  .query(async ({ ctx, input }) => {
    const { db } = ctx.deps;
    const campaign = await findWorkspaceCampaign(db, ctx.workspace.id, input.campaignId);
    const [leadGroups, messageGroups, outcomes, daily, dailyOutcomes, steps, inboxLinks] = await Promise.all([
      db.campaignLead.groupBy({ by: ["status"], where: { campaignId: campaign.id }, _count: true }),
      db.$queryRaw<{ step: number; inboxId: string; status: string; bounced: boolean; count: bigint }[]>`
        SELECT "step", "inboxId", "status", "bounced", count(*) AS count FROM "Message"
        WHERE "campaignId" = ${campaign.id}::uuid AND "status" <> 'CANCELLED'
        GROUP BY 1, 2, 3, 4`,
      db.$queryRaw<{ step: number; inboxId: string; status: string; count: bigint }[]>`
        WITH last AS (
          SELECT DISTINCT ON ("campaignLeadId") "campaignLeadId", "step", "inboxId" FROM "Message"
          WHERE "campaignId" = ${campaign.id}::uuid AND "status" = 'SENT'
          ORDER BY "campaignLeadId", "step" DESC)
        SELECT last."step", last."inboxId", cl."status"::text AS status, count(*) AS count
        FROM last JOIN "CampaignLead" cl ON cl."id" = last."campaignLeadId"
        WHERE cl."status" IN ('REPLIED', 'UNSUBSCRIBED')
        GROUP BY 1, 2, 3`,
      db.$queryRaw<{ day: string; sent: bigint; bounced: bigint }[]>`
        SELECT to_char(date_trunc('day', coalesce("sentAt", "finishedAt")), 'YYYY-MM-DD') AS day,
               count(*) FILTER (WHERE "status" = 'SENT') AS sent, count(*) FILTER (WHERE "bounced") AS bounced
        FROM "Message" WHERE "campaignId" = ${campaign.id}::uuid AND "status" IN ('SENT', 'FAILED')
        GROUP BY 1 ORDER BY 1`,
      db.$queryRaw<{ day: string; replied: bigint; unsubscribed: bigint }[]>`
        SELECT to_char(date_trunc('day', "stoppedAt"), 'YYYY-MM-DD') AS day,
               count(*) FILTER (WHERE "status" = 'REPLIED') AS replied,
               count(*) FILTER (WHERE "status" = 'UNSUBSCRIBED') AS unsubscribed
        FROM "CampaignLead" WHERE "campaignId" = ${campaign.id}::uuid AND "status" IN ('REPLIED', 'UNSUBSCRIBED')
          AND "stoppedAt" IS NOT NULL
        GROUP BY 1`,
      db.campaignStep.count({ where: { campaignId: campaign.id } }),
      db.campaignInbox.findMany({ where: { campaignId: campaign.id } }),
    ]);

    const byStep = Array.from({ length: steps }, zero);
    const byInbox = new Map<string, Counts>(inboxLinks.map((l) => [l.inboxId, zero()]));
    const add = (step: number, inboxId: string, key: keyof Counts, n: number) => {
      byStep[step] ??= zero();
      byStep[step][key] += n;
      if (!byInbox.has(inboxId)) byInbox.set(inboxId, zero());
      byInbox.get(inboxId)![key] += n;
    };
    for (const g of messageGroups) {
      const key: keyof Counts =
        g.status === "SENT" ? "sent" : g.status === "FAILED" ? (g.bounced ? "bounced" : "failed") : "pending";
      add(g.step, g.inboxId, key, Number(g.count));
    }
    for (const o of outcomes)
      add(o.step, o.inboxId, o.status === "REPLIED" ? "replied" : "unsubscribed", Number(o.count));

    const inboxes = await db.inbox.findMany({
      where: { id: { in: [...byInbox.keys()] }, workspaceId: ctx.workspace.id },
      select: { id: true, email: true },
    });
    const emailOf = new Map(inboxes.map((i) => [i.id, i.email]));
    const leadCount = (status: string) => leadGroups.find((g) => g.status === status)?._count ?? 0;
    return {
      leads: {
        total: leadGroups.reduce((sum, g) => sum + g._count, 0),
        active: leadCount("ACTIVE"),
        completed: leadCount("COMPLETED"),
        replied: leadCount("REPLIED"),
        bounced: leadCount("BOUNCED"),
        unsubscribed: leadCount("UNSUBSCRIBED"),
        suppressed: leadCount("SUPPRESSED"),
        failed: leadCount("FAILED"),
      },
      steps: byStep.map((c, i) => ({ step: i + 1, ...c })),
      inboxes: [...byInbox.entries()].map(([inboxId, c]) => ({
        inboxId,
        email: emailOf.get(inboxId) ?? "(removed inbox)",
        ...c,
      })),
      daily: mergeDaily(daily, dailyOutcomes),
    };
  });

/** One row per UTC day that saw a send, a bounce, a reply or an unsubscribe, oldest first. */
function mergeDaily(
  sends: { day: string; sent: bigint; bounced: bigint }[],
  outcomes: { day: string; replied: bigint; unsubscribed: bigint }[],
) {
  const days = new Map<string, { day: string; sent: number; bounced: number; replied: number; unsubscribed: number }>();
  const row = (day: string) => {
    if (!days.has(day)) days.set(day, { day, sent: 0, bounced: 0, replied: 0, unsubscribed: 0 });
    return days.get(day)!;
  };
  for (const d of sends) Object.assign(row(d.day), { sent: Number(d.sent), bounced: Number(d.bounced) });
  for (const d of outcomes)
    Object.assign(row(d.day), { replied: Number(d.replied), unsubscribed: Number(d.unsubscribed) });
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}
