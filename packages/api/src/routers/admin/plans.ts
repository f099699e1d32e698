import { record } from "@mailflow/audit";
import { moveWorkspace } from "@mailflow/db";
import { z } from "zod";
import { AppError, notFound } from "../../errors.ts";
import { assertPlanFeature } from "../../plans.ts";
import { updateDirectoryEntry } from "../../procedures/directory-change.ts";
import { platformAdminProcedure } from "../../procedures/platform-admin.ts";
import { regionField } from "../fields.ts";
import { requestFacts } from "../shared.ts";
import { toWorkspace, workspaceSchema } from "../workspaces/schemas.ts";

const planField = z.enum(["FREE", "PRO", "SCALE"]);

/** Moves a workspace to another plan; recorded in that workspace's own audit trail. */
export const setPlan = platformAdminProcedure
  .input(z.strictObject({ workspaceId: z.uuid(), plan: planField }))
  .output(workspaceSchema)
  .mutation(async ({ ctx, input }) => {
    const exists = await ctx.deps.db.workspace.findUnique({ where: { id: input.workspaceId }, select: { id: true } });
    if (!exists) throw notFound("Workspace");
    const workspace = await updateDirectoryEntry(ctx.deps.regions, input.workspaceId, async (tx) => {
      const before = await tx.workspace.findUniqueOrThrow({ where: { id: input.workspaceId } });
      const workspace = await tx.workspace.update({ where: { id: before.id }, data: { plan: input.plan } });
      return {
        workspace,
        audit: [
          {
            action: "admin.plan_changed",
            actor: ctx.actor,
            workspaceId: workspace.id,
            target: { type: "workspace", id: workspace.id },
            metadata: { from: before.plan, to: workspace.plan },
            ...requestFacts(ctx),
          },
        ],
      };
    });
    return toWorkspace(workspace);
  });

/**
 * Pins a workspace to the EU or the US (Scale plan): everything it owns moves to the other region's database
 * (moveWorkspace), then the directory says so; recorded, with what moved, in its trail in the new region. Refused
 * while something writes to it: running campaigns, imports or data requests.
 */
export const setRegion = platformAdminProcedure
  .input(z.strictObject({ workspaceId: z.uuid(), region: regionField }))
  .output(workspaceSchema)
  .mutation(async ({ ctx, input }) => {
    const before = await ctx.deps.db.workspace.findUnique({ where: { id: input.workspaceId } });
    if (!before) throw notFound("Workspace");
    if (before.region === input.region) return toWorkspace(before);
    assertPlanFeature(before.plan, "regionChange");
    const source = ctx.deps.regions.of(before.region);
    const [campaigns, imports, requests] = await Promise.all([
      source.campaign.count({ where: { workspaceId: before.id, status: "ACTIVE" } }),
      source.leadImport.count({ where: { workspaceId: before.id, status: { in: ["QUEUED", "RUNNING"] } } }),
      source.privacyRequest.count({ where: { workspaceId: before.id, status: { in: ["QUEUED", "RUNNING"] } } }),
    ]);
    if (campaigns + imports + requests > 0)
      throw new AppError(
        "CONFLICT",
        "Pause the workspace's running campaigns and wait for its imports and data requests to finish, then move it.",
      );
    const moved = await moveWorkspace(ctx.deps.regions, before.id, input.region);
    await record(ctx.deps.regions.of(input.region), {
      action: "admin.region_changed",
      actor: ctx.actor,
      workspaceId: before.id,
      target: { type: "workspace", id: before.id },
      metadata: {
        from: moved.from,
        to: moved.to,
        rowsMoved: Object.values(moved.rows).reduce((a, b) => a + b, 0),
        leads: moved.rows.Lead ?? 0,
        messages: moved.rows.Message ?? 0,
      },
      ...requestFacts(ctx),
    });
    return toWorkspace(await ctx.deps.db.workspace.findUniqueOrThrow({ where: { id: before.id } }));
  });
