import { record } from "@mailflow/audit";
import { isValidTimeZone } from "@mailflow/engine";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { requestFacts } from "../shared.ts";
import { findWorkspaceCampaign } from "./find.ts";
import { campaignSchema, campaignSettingsShape, toCampaign } from "./schemas.ts";

function checkSettings(settings: { timeZone?: string; windowStart?: string; windowEnd?: string }) {
  if (settings.timeZone && !isValidTimeZone(settings.timeZone)) {
    throw new AppError("INVALID_INPUT", `"${settings.timeZone}" is not a time zone (use e.g. Europe/Berlin).`);
  }
  if (settings.windowStart && settings.windowEnd && settings.windowStart >= settings.windowEnd) {
    throw new AppError("INVALID_INPUT", "The sending window must end after it starts.");
  }
}

export const createCampaign = workspaceProcedure
  .input(
    workspaceInput({ name: campaignSettingsShape.name }).extend(
      z.object(campaignSettingsShape).omit({ name: true }).partial().shape,
    ),
  )
  .output(campaignSchema)
  .mutation(({ ctx, input }) => {
    const { workspaceId, ...settings } = input;
    checkSettings(settings);
    return ctx.deps.db.$transaction(async (tx) => {
      const campaign = await tx.campaign.create({ data: { workspaceId: ctx.workspace.id, ...settings } });
      await record(tx, {
        action: "campaign.created",
        actor: ctx.actor,
        workspaceId: ctx.workspace.id,
        target: { type: "campaign", id: campaign.id },
        metadata: { name: campaign.name },
        ...requestFacts(ctx),
      });
      return toCampaign(campaign);
    });
  });

export const updateCampaign = workspaceProcedure
  .input(workspaceInput({ campaignId: z.uuid() }).extend(z.object(campaignSettingsShape).partial().shape))
  .output(campaignSchema)
  .mutation(({ ctx, input }) => {
    const { workspaceId: _w, campaignId, ...changes } = input;
    return ctx.deps.db.$transaction(async (tx) => {
      const current = await findWorkspaceCampaign(tx, ctx.workspace.id, campaignId);
      checkSettings({ ...current, ...changes });
      const campaign = await tx.campaign.update({ where: { id: current.id }, data: changes });
      await record(tx, {
        action: "campaign.updated",
        actor: ctx.actor,
        workspaceId: ctx.workspace.id,
        target: { type: "campaign", id: campaign.id },
        metadata: { fields: Object.keys(changes).sort().join(",") },
        ...requestFacts(ctx),
      });
      return toCampaign(campaign);
    });
  });

export const getCampaign = workspaceProcedure
  .input(workspaceInput({ campaignId: z.uuid() }))
  .output(
    campaignSchema.extend({
      steps: z.array(
        z.object({ id: z.string(), position: z.number(), delayMinutes: z.number(), variants: z.unknown() }),
      ),
      inboxIds: z.array(z.string()),
      leadCount: z.number(),
    }),
  )
  .query(async ({ ctx, input }) => {
    const campaign = await findWorkspaceCampaign(ctx.deps.db, ctx.workspace.id, input.campaignId);
    const [steps, inboxes, leadCount] = await Promise.all([
      ctx.deps.db.campaignStep.findMany({ where: { campaignId: campaign.id }, orderBy: { position: "asc" } }),
      ctx.deps.db.campaignInbox.findMany({ where: { campaignId: campaign.id } }),
      ctx.deps.db.campaignLead.count({ where: { campaignId: campaign.id } }),
    ]);
    return {
      ...toCampaign(campaign),
      steps: steps.map(({ campaignId: _c, ...step }) => step),
      inboxIds: inboxes.map((i) => i.inboxId),
      leadCount,
    };
  });

export const listCampaigns = workspaceProcedure
  .input(workspaceInput({}))
  .output(z.array(campaignSchema))
  .query(async ({ ctx }) =>
    (
      await ctx.deps.db.campaign.findMany({ where: { workspaceId: ctx.workspace.id }, orderBy: { createdAt: "desc" } })
    ).map(toCampaign),
  );
