import { readFileSync } from "node:fs";
import { z } from "zod";
import { assertPlanFeature, planLimits, planOf } from "../../plans.ts";
import { workspaceAdminProcedure, workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";

/** The workspace's plan, what it allows and how much of it is used: the dashboard's plan card. */
export const planUsage = workspaceProcedure
  .input(workspaceInput({}))
  .output(
    z.object({
      plan: z.enum(["FREE", "PRO", "SCALE"]),
      limits: z.object({ inboxes: z.number(), leads: z.number(), regionChange: z.boolean(), dpa: z.boolean() }),
      usage: z.object({ inboxes: z.number(), leads: z.number() }),
    }),
  )
  .query(async ({ ctx }) => {
    const { db } = ctx.deps;
    const workspaceId = ctx.workspace.id;
    const [plan, inboxes, leads] = await Promise.all([
      planOf(db, workspaceId),
      db.inbox.count({ where: { workspaceId } }),
      db.lead.count({ where: { workspaceId } }),
    ]);
    return { plan, limits: { ...planLimits[plan] }, usage: { inboxes, leads } };
  });

/** The DPA's text lives in the repository (docs/legal/dpa.md), versioned with the code that keeps its promises. */
const dpaFile = new URL("../../../../../docs/legal/dpa.md", import.meta.url);
const dpaText = () => readFileSync(dpaFile, "utf8");

/** The data processing agreement, for owners and admins of Scale-plan workspaces. */
export const downloadDpa = workspaceAdminProcedure
  .input(workspaceInput({}))
  .output(z.object({ fileName: z.string(), text: z.string() }))
  .query(async ({ ctx }) => {
    assertPlanFeature(await planOf(ctx.deps.db, ctx.workspace.id), "dpa");
    const text = dpaText();
    const version = /^Version (\d+)/m.exec(text)?.[1] ?? "1";
    return { fileName: `mailflow-dpa-v${version}.md`, text };
  });
