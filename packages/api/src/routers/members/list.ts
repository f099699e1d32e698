import { z } from "zod";
import { hasRole, workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { roleField } from "../fields.ts";

export const listMembersOutput = z.object({
  members: z.array(
    z.object({ userId: z.string(), email: z.string(), name: z.string(), role: roleField, joinedAt: z.date() }),
  ),
  /** Pending invitations; shown to admins and owners only. */
  invitations: z.array(
    z.object({ id: z.string(), email: z.string(), role: roleField, expiresAt: z.date(), createdAt: z.date() }),
  ),
});

export const listMembers = workspaceProcedure
  .input(workspaceInput({}))
  .output(listMembersOutput)
  .query(async ({ ctx }) => {
    const workspaceId = ctx.workspace.id;
    const memberships = await ctx.globalDb.membership.findMany({
      where: { workspaceId },
      include: { user: true },
      orderBy: { createdAt: "asc" },
    });
    const invitations = hasRole(ctx.workspace.role, "ADMIN")
      ? await ctx.globalDb.invitation.findMany({
          where: { workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
          orderBy: { createdAt: "desc" },
        })
      : [];
    return {
      members: memberships.map((m) => ({
        userId: m.userId,
        email: m.user.email,
        name: m.user.name,
        role: m.role,
        joinedAt: m.createdAt,
      })),
      invitations: invitations.map((i) => ({
        id: i.id,
        email: i.email,
        role: i.role,
        expiresAt: i.expiresAt,
        createdAt: i.createdAt,
      })),
    };
  });
