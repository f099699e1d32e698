import { record } from "@mailflow/audit";
import { leadIsSuppressedSql } from "@mailflow/compliance";
import type { Campaign } from "@mailflow/db";
import { fieldsOf, renderForLead, renderStep, stepForLead } from "@mailflow/engine";
import { emitWebhookEvent } from "@mailflow/webhooks";
import { z } from "zod";
import type { Context } from "../../context.ts";
import { AppError, notFound } from "../../errors.ts";
import { workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { requestFacts } from "../shared.ts";
import { findWorkspaceCampaign } from "./find.ts";
import { campaignSchema, storedSteps, toCampaign } from "./schemas.ts";

const MAX_LISTED = 100;
const BATCH = 1000;

const preflightSchema = z.object({
  ok: z.boolean(),
  /** Blocking: the campaign cannot launch until each is fixed. */
  problems: z.array(z.string()),
  /** Leads whose message would have an empty variable (first 100), with the variables. */
  missingVariables: z.array(
    z.object({ leadId: z.string(), email: z.string(), step: z.number(), variables: z.array(z.string()) }),
  ),
  leads: z.number(),
  suppressedLeads: z.number(),
  activeInboxes: z.number(),
  /** Sum of the active inboxes' daily limits, against the campaign's daily cap. */
  dailyCapacity: z.number(),
});

/** Every check a launch needs, run over every lead exactly as its messages would be rendered. */
async function preflight(ctx: Context, campaign: Campaign): Promise<z.infer<typeof preflightSchema>> {
  const { db } = ctx.deps;
  const problems: string[] = [];
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: campaign.workspaceId } });
  if (!workspace.senderCompany || !workspace.senderAddress) {
    problems.push(
      "Add the sender identity (company and postal address) in the workspace settings: the law requires it in every message.",
    );
  }
  const steps = storedSteps(
    await db.campaignStep.findMany({ where: { campaignId: campaign.id }, orderBy: { position: "asc" } }),
  );
  if (steps.length === 0) problems.push("Add at least one step.");
  const inboxes = await db.inbox.findMany({
    where: {
      id: { in: (await db.campaignInbox.findMany({ where: { campaignId: campaign.id } })).map((i) => i.inboxId) },
    },
  });
  const active = inboxes.filter((i) => i.status === "ACTIVE");
  if (active.length === 0) problems.push("Choose at least one active inbox to send from.");
  const leads = await db.campaignLead.count({ where: { campaignId: campaign.id } });
  if (leads === 0) problems.push("Add leads.");

  const missingVariables: z.infer<typeof preflightSchema>["missingVariables"] = [];
  let leadsWithMissing = 0;
  let cursor: string | undefined;
  for (;;) {
    const batch = await db.campaignLead.findMany({
      where: { campaignId: campaign.id },
      include: { lead: true },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (batch.length === 0) break;
    for (const { lead } of batch) {
      let missingHere = false;
      for (const [position, step] of steps.entries()) {
        const { parsed } = stepForLead(step, lead.id);
        const { missing } = renderStep(parsed, fieldsOf(lead), lead.id);
        if (missing.length === 0) continue;
        missingHere = true;
        if (missingVariables.length < MAX_LISTED) {
          missingVariables.push({ leadId: lead.id, email: lead.email, step: position + 1, variables: missing.sort() });
        }
      }
      if (missingHere) leadsWithMissing++;
    }
    cursor = batch.at(-1)!.id;
  }
  if (leadsWithMissing > 0) {
    problems.push(
      `${leadsWithMissing} lead(s) would get an empty variable. Add a fallback ({{name|fallback}}) or fill the field.`,
    );
  }
  const [suppressedRow] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM "CampaignLead" cl JOIN "Lead" l ON l."id" = cl."leadId"
    WHERE cl."campaignId" = ${campaign.id}::uuid AND ${leadIsSuppressedSql}`;
  return {
    ok: problems.length === 0,
    problems,
    missingVariables,
    leads,
    suppressedLeads: Number(suppressedRow?.count ?? 0),
    activeInboxes: active.length,
    dailyCapacity: active.reduce((sum, i) => sum + i.dailyLimit, 0),
  };
}

export const preflightCampaign = workspaceProcedure
  .input(workspaceInput({ campaignId: z.uuid() }))
  .output(preflightSchema)
  .query(async ({ ctx, input }) =>
    preflight(ctx, await findWorkspaceCampaign(ctx.deps.db, ctx.workspace.id, input.campaignId)),
  );

/**
 * Refuses to launch while the pre-flight has a problem. Suppressed leads are marked and never scheduled; the others
 * become due now (the scheduler applies windows, caps and gaps).
 */
export const launchCampaign = workspaceProcedure
  .input(workspaceInput({ campaignId: z.uuid() }))
  .output(campaignSchema)
  .mutation(async ({ ctx, input }) => {
    const { db } = ctx.deps;
    const campaign = await findWorkspaceCampaign(db, ctx.workspace.id, input.campaignId);
    if (campaign.status !== "DRAFT") throw new AppError("CONFLICT", "This campaign has already been launched.");
    const check = await preflight(ctx, campaign);
    if (!check.ok) throw new AppError("INVALID_INPUT", `Not ready to launch: ${check.problems.join(" ")}`);
    return db.$transaction(async (tx) => {
      const suppressed = await tx.$executeRaw`
        UPDATE "CampaignLead" cl SET "status" = 'SUPPRESSED' FROM "Lead" l
        WHERE cl."leadId" = l."id" AND cl."campaignId" = ${campaign.id}::uuid AND ${leadIsSuppressedSql}`;
      await tx.campaignLead.updateMany({
        where: { campaignId: campaign.id, status: "ACTIVE" },
        data: { nextSendAt: new Date() },
      });
      const launched = await tx.campaign.update({
        where: { id: campaign.id },
        data: { status: "ACTIVE", launchedAt: new Date() },
      });
      await record(tx, {
        action: "campaign.launched",
        actor: ctx.actor,
        workspaceId: ctx.workspace.id,
        target: { type: "campaign", id: campaign.id },
        metadata: { leads: check.leads, suppressed: suppressed, inboxes: check.activeInboxes },
        ...requestFacts(ctx),
      });
      await emitWebhookEvent(tx, ctx.workspace.id, "campaign.launched", {
        campaignId: campaign.id,
        name: campaign.name,
        leads: check.leads,
        suppressed,
      });
      return toCampaign(launched);
    });
  });

const setPaused = (paused: boolean) =>
  workspaceProcedure
    .input(workspaceInput({ campaignId: z.uuid() }))
    .output(campaignSchema)
    .mutation(({ ctx, input }) =>
      ctx.deps.db.$transaction(async (tx) => {
        const campaign = await findWorkspaceCampaign(tx, ctx.workspace.id, input.campaignId);
        if (campaign.status !== (paused ? "ACTIVE" : "PAUSED")) {
          throw new AppError(
            "CONFLICT",
            paused ? "Only a running campaign can be paused." : "Only a paused campaign can be resumed.",
          );
        }
        const updated = await tx.campaign.update({
          where: { id: campaign.id },
          data: { status: paused ? "PAUSED" : "ACTIVE" },
        });
        await record(tx, {
          action: paused ? "campaign.paused" : "campaign.resumed",
          actor: ctx.actor,
          workspaceId: ctx.workspace.id,
          target: { type: "campaign", id: campaign.id },
          ...requestFacts(ctx),
        });
        return toCampaign(updated);
      }),
    );
export const pauseCampaign = setPaused(true);
export const resumeCampaign = setPaused(false);

/** Every step exactly as one lead would receive it: variant, personalization, footer and unsubscribe link. */
export const previewCampaign = workspaceProcedure
  .input(workspaceInput({ campaignId: z.uuid(), leadId: z.uuid() }))
  .output(
    z.array(
      z.object({
        step: z.number(),
        variantId: z.string(),
        subject: z.string(),
        text: z.string(),
        html: z.string(),
        missing: z.array(z.string()),
      }),
    ),
  )
  .query(async ({ ctx, input }) => {
    const { db } = ctx.deps;
    const campaign = await findWorkspaceCampaign(db, ctx.workspace.id, input.campaignId);
    const lead = await db.lead.findFirst({ where: { id: input.leadId, workspaceId: ctx.workspace.id } });
    if (!lead) throw notFound("Lead");
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: campaign.workspaceId } });
    const identity = {
      company: workspace.senderCompany ?? "(company name missing)",
      postalAddress: workspace.senderAddress ?? "(postal address missing)",
    };
    const unsubscribeUrl = ctx.deps.unsubscribeTokens.link(ctx.deps.publicUrl, {
      workspaceId: workspace.id,
      email: lead.email,
    });
    const steps = storedSteps(
      await db.campaignStep.findMany({ where: { campaignId: campaign.id }, orderBy: { position: "asc" } }),
    );
    return steps.map((step, position) => ({
      step: position + 1,
      ...renderForLead(step, lead, identity, unsubscribeUrl),
    }));
  });
