import { workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { toWorkspace, workspaceWithRoleSchema } from "./schemas.ts";

export const getWorkspace = workspaceProcedure
  .input(workspaceInput({}))
  .output(workspaceWithRoleSchema)
  .query(async ({ ctx }) => {
    const workspace = await ctx.deps.db.workspace.findUniqueOrThrow({ where: { id: ctx.workspace.id } });
    return { ...toWorkspace(workspace), role: ctx.workspace.role };
  });
