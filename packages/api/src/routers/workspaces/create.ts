import { z } from "zod";
import { userProcedure } from "../../procedures/authed.ts";
import { placeNewWorkspace } from "../../procedures/directory-change.ts";
import { nameField, regionField } from "../fields.ts";
import { requestFacts } from "../shared.ts";
import { toWorkspace, workspaceWithRoleSchema } from "./schemas.ts";

export const createWorkspace = userProcedure
  .input(z.strictObject({ name: nameField, region: regionField.default("US") }))
  .output(workspaceWithRoleSchema)
  .mutation(({ ctx, input }) =>
    ctx.deps.db.$transaction(async (tx) => {
      const userId = ctx.principal.userId;
      const workspace = await tx.workspace.create({
        data: { name: input.name, region: input.region, memberships: { create: { userId, role: "OWNER" } } },
      });
      await placeNewWorkspace(ctx.deps.regions, tx, workspace, {
        action: "workspace.created",
        actor: { type: "user", id: userId },
        workspaceId: workspace.id,
        target: { type: "workspace", id: workspace.id },
        metadata: { region: workspace.region },
        ...requestFacts(ctx),
      });
      return { ...toWorkspace(workspace), role: "OWNER" as const };
    }),
  );

export const listMyWorkspaces = userProcedure.output(z.array(workspaceWithRoleSchema)).query(async ({ ctx }) => {
  const memberships = await ctx.deps.db.membership.findMany({
    where: { userId: ctx.principal.userId },
    include: { workspace: true },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((m) => ({ ...toWorkspace(m.workspace), role: m.role }));
});
