import type { AuditActor } from "@mailflow/audit";
import { forbidden } from "../errors.ts";
import { userProcedure } from "./authed.ts";

/**
 * Platform-operator procedures (every user and workspace, plans, region pinning). A signed-in person whose account
 * carries `platformAdmin`, read fresh on every call so a revocation takes effect at once; never an API key, which
 * acts inside one workspace only. Everyone else gets FORBIDDEN, whatever their workspace roles.
 */
export const platformAdminProcedure = userProcedure.meta({ scope: "admin" }).use(async ({ ctx, next }) => {
  const user = await ctx.deps.db.user.findUnique({
    where: { id: ctx.principal.userId },
    select: { platformAdmin: true },
  });
  if (!user?.platformAdmin) throw forbidden("Only a platform operator can do this.");
  const actor: AuditActor = { type: "user", id: ctx.principal.userId };
  return next({ ctx: { actor } });
});
