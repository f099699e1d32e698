import { z } from "zod";
import { userProcedure } from "../../procedures/authed.ts";
import { regionField, roleField } from "../fields.ts";
import { publicUserSchema, toPublicUser } from "../shared.ts";

export const meOutput = z.object({
  user: publicUserSchema,
  /** Whether the admin screens (platform operators) apply; the server checks it again on every admin call. */
  platformAdmin: z.boolean(),
  workspaces: z.array(z.object({ id: z.string(), name: z.string(), role: roleField, region: regionField })),
});

export const me = userProcedure.output(meOutput).query(async ({ ctx }) => {
  const user = await ctx.deps.db.user.findUniqueOrThrow({
    where: { id: ctx.principal.userId },
    include: { memberships: { include: { workspace: true }, orderBy: { createdAt: "asc" } } },
  });
  return {
    user: toPublicUser(user),
    platformAdmin: user.platformAdmin,
    workspaces: user.memberships.map((m) => ({
      id: m.workspace.id,
      name: m.workspace.name,
      role: m.role,
      region: m.workspace.region,
    })),
  };
});
