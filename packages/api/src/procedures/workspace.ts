import type { AuditActor } from "@mailflow/audit";
import type { Role } from "@mailflow/db";
import { z } from "zod";
import { forbidden, notFound } from "../errors.ts";
import { authedProcedure } from "./authed.ts";

const roleRank: Record<Role, number> = { MEMBER: 0, ADMIN: 1, OWNER: 2 };
export const hasRole = (role: Role, atLeast: Role) => roleRank[role] >= roleRank[atLeast];

/** Every workspace procedure's input: its own fields plus workspaceId, unknown fields refused. */
export const workspaceInput = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject({ workspaceId: z.uuid(), ...shape });

/**
 * Checks membership before anything else runs. A workspace the caller does not belong to answers NOT_FOUND,
 * exactly like one that does not exist, so ids cannot be probed. An API key acts only in its own workspace,
 * with its creator's current role there.
 */
export const workspaceProcedure = authedProcedure
  .meta({ scope: "workspace" })
  .input(z.object({ workspaceId: z.uuid() }))
  .use(async ({ ctx, input, next }) => {
    const { principal } = ctx;
    if (principal.kind === "apiKey" && principal.workspaceId !== input.workspaceId) throw notFound("Workspace");
    const membership = await ctx.deps.db.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: input.workspaceId, userId: principal.userId } },
      select: { role: true, workspace: { select: { region: true } } },
    });
    if (!membership) throw notFound("Workspace");
    const actor: AuditActor =
      principal.kind === "user" ? { type: "user", id: principal.userId } : { type: "api_key", id: principal.apiKeyId };
    // Data residency: from here on `deps.db` is the workspace's region database; the global one stays reachable as
    // `globalDb` for what is not the workspace's own (memberships, keys, invitations, the directory).
    const { region } = membership.workspace;
    return next({
      ctx: {
        workspace: { id: input.workspaceId, role: membership.role, region },
        actor,
        globalDb: ctx.deps.db,
        deps: { ...ctx.deps, db: ctx.deps.regions.of(region) },
      },
    });
  });

function withRole(atLeast: Role) {
  return workspaceProcedure.use(({ ctx, next }) => {
    if (!hasRole(ctx.workspace.role, atLeast))
      throw forbidden(`Only a workspace ${atLeast.toLowerCase()} can do this.`);
    return next();
  });
}

export const workspaceAdminProcedure = withRole("ADMIN");

/** Managing people and keys needs a person at the keyboard, not an API key. */
export const workspaceAdminSessionProcedure = workspaceAdminProcedure.use(({ ctx, next }) => {
  if (ctx.principal.kind !== "user") {
    throw forbidden("API keys cannot manage members or keys. Sign in to do this.");
  }
  return next({ ctx: { principal: ctx.principal } });
});
