import { z } from "zod";
import { forbidden, notFound } from "../../errors.ts";
import { changeDirectory, dbsOf } from "../../procedures/directory-change.ts";
import { hasRole, workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { requestFacts } from "../shared.ts";
import { assertAnotherOwnerRemains } from "./owners.ts";

/**
 * Anyone may leave; admins remove members and admins; only owners remove owners; the last owner stays.
 * The removed person's API keys in this workspace are revoked with them.
 */
export const removeMember = workspaceProcedure
  .input(workspaceInput({ userId: z.uuid() }))
  .output(z.object({ ok: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    if (ctx.principal.kind !== "user") throw forbidden("API keys cannot manage members. Sign in to do this.");
    const workspaceId = ctx.workspace.id;
    const leavingSelf = input.userId === ctx.principal.userId;
    const revokedKeyIds = await changeDirectory(dbsOf(ctx), async (tx) => {
      const target = await tx.membership.findUnique({
        where: { workspaceId_userId: { workspaceId, userId: input.userId } },
      });
      if (!target) throw notFound("Member");
      if (!leavingSelf && !hasRole(ctx.workspace.role, "ADMIN")) throw forbidden("Only an admin can remove members.");
      if (!leavingSelf && target.role === "OWNER" && ctx.workspace.role !== "OWNER") {
        throw forbidden("Admins cannot remove an owner.");
      }
      if (target.role === "OWNER") await assertAnotherOwnerRemains(tx, workspaceId, input.userId);
      await tx.membership.delete({ where: { id: target.id } });
      const keys = await tx.apiKey.findMany({
        where: { workspaceId, createdById: input.userId, revokedAt: null },
        select: { id: true },
      });
      await tx.apiKey.updateMany({ where: { id: { in: keys.map((k) => k.id) } }, data: { revokedAt: new Date() } });
      return {
        result: keys.map((k) => k.id),
        audit: [
          {
            action: "member.removed",
            actor: ctx.actor,
            workspaceId,
            target: { type: "user", id: input.userId },
            metadata: { role: target.role, self: leavingSelf, apiKeysRevoked: keys.length },
            ...requestFacts(ctx),
          },
        ],
      };
    });
    for (const id of revokedKeyIds) ctx.deps.apiKeys.forget(id);
    return { ok: true as const };
  });
