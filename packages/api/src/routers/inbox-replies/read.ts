import type { InboundMessage } from "@mailflow/db";
import { z } from "zod";
import { notFound } from "../../errors.ts";
import { workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { pageArgs, toPage } from "../shared.ts";

const labels = ["INTERESTED", "NOT_INTERESTED", "MEETING_BOOKED", "OUT_OF_OFFICE"] as const;

export const replySchema = z.object({
  id: z.string(),
  kind: z.enum(["REPLY", "AUTO_REPLY", "BOUNCE", "OTHER"]),
  inboxId: z.string(),
  fromEmail: z.string(),
  fromName: z.string().nullable(),
  subject: z.string(),
  text: z.string(),
  receivedAt: z.date(),
  read: z.boolean(),
  label: z.enum(labels).nullable(),
  unsubscribe: z.boolean(),
  bounceStatus: z.string().nullable(),
  campaignId: z.string().nullable(),
  leadId: z.string().nullable(),
  /** 1-based step of the message it answers. */
  step: z.number().nullable(),
});

export const toReply = (m: InboundMessage): z.infer<typeof replySchema> => ({
  id: m.id,
  kind: m.kind,
  inboxId: m.inboxId,
  fromEmail: m.fromEmail,
  fromName: m.fromName,
  subject: m.subject,
  text: m.text,
  receivedAt: m.receivedAt,
  read: m.read,
  label: m.label,
  unsubscribe: m.unsubscribe,
  bounceStatus: m.bounceStatus,
  campaignId: m.campaignId,
  leadId: m.leadId,
  step: m.step === null ? null : m.step + 1,
});

export async function findWorkspaceReply(db: import("@mailflow/db").DbOrTx, workspaceId: string, id: string) {
  const reply = await db.inboundMessage.findFirst({ where: { id, workspaceId } });
  if (!reply) throw notFound("Reply");
  return reply;
}

/** Every reply across the workspace's inboxes, newest first, filtered and paginated. */
export const listReplies = workspaceProcedure
  .input(
    workspaceInput({
      kind: z.enum(["REPLY", "AUTO_REPLY", "BOUNCE"]).optional(),
      unread: z.boolean().optional(),
      label: z.enum(labels).optional(),
      inboxId: z.uuid().optional(),
      campaignId: z.uuid().optional(),
      cursor: z.uuid().optional(),
      limit: z.number().int().min(1).max(100).default(50),
    }),
  )
  .output(z.object({ items: z.array(replySchema), nextCursor: z.string().nullable(), unread: z.number() }))
  .query(async ({ ctx, input }) => {
    const { db } = ctx.deps;
    const where = {
      workspaceId: ctx.workspace.id,
      kind: input.kind ?? { in: ["REPLY" as const, "AUTO_REPLY" as const] },
      ...(input.unread ? { read: false } : {}),
      ...(input.label ? { label: input.label } : {}),
      ...(input.inboxId ? { inboxId: input.inboxId } : {}),
      ...(input.campaignId ? { campaignId: input.campaignId } : {}),
    };
    const [rows, unread] = await Promise.all([
      db.inboundMessage.findMany({
        where,
        orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
        ...pageArgs(input),
      }),
      db.inboundMessage.count({ where: { workspaceId: ctx.workspace.id, read: false, kind: "REPLY" } }),
    ]);
    return { ...toPage(rows, input.limit, toReply), unread };
  });

/** One conversation: what we sent the lead in this campaign and what came back, in time order. */
export const getThread = workspaceProcedure
  .input(workspaceInput({ replyId: z.uuid() }))
  .output(
    z.object({
      lead: z.object({ id: z.string(), email: z.string(), firstName: z.string().nullable() }).nullable(),
      campaign: z.object({ id: z.string(), name: z.string() }).nullable(),
      entries: z.array(
        z.object({
          direction: z.enum(["sent", "received"]),
          id: z.string(),
          at: z.date(),
          from: z.string(),
          subject: z.string(),
          text: z.string(),
          step: z.number().nullable(),
        }),
      ),
    }),
  )
  .query(async ({ ctx, input }) => {
    const { db } = ctx.deps;
    const reply = await findWorkspaceReply(db, ctx.workspace.id, input.replyId);
    if (!reply.campaignLeadId) {
      return {
        lead: null,
        campaign: null,
        entries: [
          {
            direction: "received" as const,
            id: reply.id,
            at: reply.receivedAt,
            from: reply.fromEmail,
            subject: reply.subject,
            text: reply.text,
            step: null,
          },
        ],
      };
    }
    const [sent, received, lead, campaign] = await Promise.all([
      db.message.findMany({ where: { campaignLeadId: reply.campaignLeadId, status: "SENT" } }),
      db.inboundMessage.findMany({ where: { campaignLeadId: reply.campaignLeadId, workspaceId: ctx.workspace.id } }),
      reply.leadId ? db.lead.findFirst({ where: { id: reply.leadId, workspaceId: ctx.workspace.id } }) : null,
      reply.campaignId
        ? db.campaign.findFirst({ where: { id: reply.campaignId, workspaceId: ctx.workspace.id } })
        : null,
    ]);
    const entries = [
      ...sent.map((m) => ({
        direction: "sent" as const,
        id: m.id,
        at: m.sentAt ?? m.queuedAt,
        from: m.fromEmail,
        subject: m.subject,
        text: m.text,
        step: m.step + 1,
      })),
      ...received.map((m) => ({
        direction: "received" as const,
        id: m.id,
        at: m.receivedAt,
        from: m.fromEmail,
        subject: m.subject,
        text: m.text,
        step: m.step === null ? null : m.step + 1,
      })),
    ]
      // Mail servers stamp arrival to the second: within one second, what we sent came first.
      .sort(
        (a, b) =>
          Math.floor(a.at.getTime() / 1000) - Math.floor(b.at.getTime() / 1000) ||
          (a.direction === b.direction ? a.at.getTime() - b.at.getTime() : a.direction === "sent" ? -1 : 1),
      );
    return {
      lead: lead ? { id: lead.id, email: lead.email, firstName: lead.firstName } : null,
      campaign: campaign ? { id: campaign.id, name: campaign.name } : null,
      entries,
    };
  });

export const markRead = workspaceProcedure
  .input(workspaceInput({ replyIds: z.array(z.uuid()).min(1).max(500), read: z.boolean() }))
  .output(z.object({ updated: z.number() }))
  .mutation(async ({ ctx, input }) => {
    const { count } = await ctx.deps.db.inboundMessage.updateMany({
      where: { id: { in: input.replyIds }, workspaceId: ctx.workspace.id },
      data: { read: input.read },
    });
    return { updated: count };
  });

export const setLabel = workspaceProcedure
  .input(workspaceInput({ replyId: z.uuid(), label: z.enum(labels).nullable() }))
  .output(replySchema)
  .mutation(async ({ ctx, input }) => {
    const reply = await findWorkspaceReply(ctx.deps.db, ctx.workspace.id, input.replyId);
    return toReply(await ctx.deps.db.inboundMessage.update({ where: { id: reply.id }, data: { label: input.label } }));
  });
