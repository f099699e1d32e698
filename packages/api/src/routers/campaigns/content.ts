import { randomUUID } from "node:crypto";
import { parseTemplate, TemplateSyntaxError } from "@mailflow/engine";
import { z } from "zod";
import { AppError, notFound } from "../../errors.ts";
import { workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { assertEditable, findWorkspaceCampaign } from "./find.ts";
import { type StoredVariant, stepInput } from "./schemas.ts";

/** Replaces the sequence. Every subject and body must parse; the error says which step, variant and where. */
export const setCampaignSteps = workspaceProcedure
  .input(workspaceInput({ campaignId: z.uuid(), steps: z.array(stepInput).min(1).max(20) }))
  .output(z.object({ steps: z.number() }))
  .mutation(async ({ ctx, input }) => {
    input.steps.forEach((step, s) => {
      if (!step.variants.some((v) => v.weight > 0)) {
        throw new AppError("INVALID_INPUT", `Step ${s + 1}: at least one variant needs a weight above 0.`);
      }
      step.variants.forEach((variant, v) => {
        for (const part of ["subject", "body"] as const) {
          try {
            parseTemplate(variant[part]);
          } catch (error) {
            if (!(error instanceof TemplateSyntaxError)) throw error;
            throw new AppError("INVALID_INPUT", `Step ${s + 1}, variant ${v + 1}, ${part}: ${error.message}`);
          }
        }
      });
    });
    return ctx.deps.db.$transaction(async (tx) => {
      const campaign = await findWorkspaceCampaign(tx, ctx.workspace.id, input.campaignId);
      assertEditable(campaign);
      await tx.campaignStep.deleteMany({ where: { campaignId: campaign.id } });
      await tx.campaignStep.createMany({
        data: input.steps.map((step, position) => ({
          campaignId: campaign.id,
          position,
          delayMinutes: step.delayMinutes,
          variants: step.variants.map((v): StoredVariant => ({ id: randomUUID(), ...v })),
        })),
      });
      return { steps: input.steps.length };
    });
  });

/** The inboxes the campaign rotates through; each must belong to the workspace. */
export const setCampaignInboxes = workspaceProcedure
  .input(workspaceInput({ campaignId: z.uuid(), inboxIds: z.array(z.uuid()).max(1000) }))
  .output(z.object({ inboxes: z.number() }))
  .mutation(({ ctx, input }) =>
    ctx.deps.db.$transaction(async (tx) => {
      const campaign = await findWorkspaceCampaign(tx, ctx.workspace.id, input.campaignId);
      const unique = [...new Set(input.inboxIds)];
      const owned = await tx.inbox.count({ where: { id: { in: unique }, workspaceId: ctx.workspace.id } });
      if (owned !== unique.length) throw notFound("Inbox");
      await tx.campaignInbox.deleteMany({ where: { campaignId: campaign.id } });
      await tx.campaignInbox.createMany({ data: unique.map((inboxId) => ({ campaignId: campaign.id, inboxId })) });
      return { inboxes: unique.length };
    }),
  );

/** Adds every lead of a list; leads already in the campaign are skipped. */
export const addCampaignLeads = workspaceProcedure
  .input(workspaceInput({ campaignId: z.uuid(), listId: z.uuid() }))
  .output(z.object({ added: z.number() }))
  .mutation(async ({ ctx, input }) => {
    const { db } = ctx.deps;
    const campaign = await findWorkspaceCampaign(db, ctx.workspace.id, input.campaignId);
    assertEditable(campaign);
    const list = await db.leadList.findFirst({ where: { id: input.listId, workspaceId: ctx.workspace.id } });
    if (!list) throw notFound("Lead list");
    const added = await db.$executeRaw`
      INSERT INTO "CampaignLead" ("id", "campaignId", "leadId", "status", "nextStep")
      SELECT gen_random_uuid(), ${campaign.id}::uuid, l."id", 'ACTIVE', 0 FROM "Lead" l
      WHERE l."listId" = ${list.id}::uuid AND l."workspaceId" = ${ctx.workspace.id}::uuid
      ON CONFLICT ("campaignId", "leadId") DO NOTHING`;
    return { added };
  });
