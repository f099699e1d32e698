import { record } from "@mailflow/audit";
import { z } from "zod";
import { AppError, notFound } from "../../errors.ts";
import { assertPlanFeature } from "../../plans.ts";
import { platformAdminProcedure } from "../../procedures/platform-admin.ts";
import { regionField } from "../fields.ts";
import { requestFacts } from "../shared.ts";
import { toWorkspace, workspaceSchema } from "../workspaces/schemas.ts";

const planField = z.enum(["FREE", "PRO", "SCALE"]);

/** Moves a workspace to another plan; recorded in that workspace's own audit trail. */
export const setPlan = platformAdminProcedure
  .input(z.strictObject({ workspaceId: z.uuid(), plan: planField }))
  .output(workspaceSchema)
  .mutation(({ ctx, input }) =>
    ctx.deps.db.$transaction(async (tx) => {
      const before = await tx.workspace.findUnique({ where: { id: input.workspaceId } });
      if (!before) throw notFound("Workspace");
      const workspace = await tx.workspace.update({ where: { id: before.id }, data: { plan: input.plan } });
      await record(tx, {
        action: "admin.plan_changed",
        actor: ctx.actor,
        workspaceId: workspace.id,
        target: { type: "workspace", id: workspace.id },
        metadata: { from: before.plan, to: workspace.plan },
        ...requestFacts(ctx),
      });
      return toWorkspace(workspace);
    }),
  );

/**
 * Pins a workspace to the EU or the US. Only an empty workspace (no inbox, lead or campaign yet) can be re-pinned
 * here: moving stored data between regions is a migration of its own (the data residency work), and until it
 * exists a flag that said "EU" over data kept elsewhere would be a false promise.
 */
export const setRegion = platformAdminProcedure
  .input(z.strictObject({ workspaceId: z.uuid(), region: regionField }))
  .output(workspaceSchema)
  .mutation(({ ctx, input }) =>
    ctx.deps.db.$transaction(async (tx) => {
      const before = await tx.workspace.findUnique({ where: { id: input.workspaceId } });
      if (!before) throw notFound("Workspace");
      if (before.region === input.region) return toWorkspace(before);
      assertPlanFeature(before.plan, "regionChange");
      const [inboxes, leads, campaigns] = await Promise.all([
        tx.inbox.count({ where: { workspaceId: before.id } }),
        tx.lead.count({ where: { workspaceId: before.id } }),
        tx.campaign.count({ where: { workspaceId: before.id } }),
      ]);
      if (inboxes + leads + campaigns > 0) {
        throw new AppError(
          "CONFLICT",
          "This workspace already holds data (inboxes, leads or campaigns); only an empty workspace can be re-pinned to another region.",
        );
      }
      const workspace = await tx.workspace.update({ where: { id: before.id }, data: { region: input.region } });
      await record(tx, {
        action: "admin.region_changed",
        actor: ctx.actor,
        workspaceId: workspace.id,
        target: { type: "workspace", id: workspace.id },
        metadata: { from: before.region, to: workspace.region },
        ...requestFacts(ctx),
      });
      return toWorkspace(workspace);
    }),
  );
