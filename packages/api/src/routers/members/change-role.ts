import { z } from "zod";
import { forbidden, notFound } from "../../errors.ts";
import { changeDirectory, dbsOf } from "../../procedures/directory-change.ts";
import { workspaceAdminSessionProcedure, workspaceInput } from "../../procedures/workspace.ts";
import { roleField } from "../fields.ts";
import { requestFacts } from "../shared.ts";
import { assertAnotherOwnerRemains } from "./owners.ts";

/** Admins manage members and admins; only owners grant or take away ownership; the last owner stays. */
export const changeMemberRole = workspaceAdminSessionProcedure
  .input(workspaceInput({ userId: z.uuid(), role: roleField }))
  .output(z.object({ userId: z.string(), role: roleField }))
  .mutation(({ ctx, input }) =>
    changeDirectory(dbsOf(ctx), async (tx) => {
      const workspaceId = ctx.workspace.id;
      const target = await tx.membership.findUnique({
        where: { workspaceId_userId: { workspaceId, userId: input.userId } },
      });
      if (!target) throw notFound("Member");
      if ((target.role === "OWNER" || input.role === "OWNER") && ctx.workspace.role !== "OWNER") {
        throw forbidden("Only an owner can change who owns the workspace.");
      }
      if (target.role === "OWNER" && input.role !== "OWNER") {
        await assertAnotherOwnerRemains(tx, workspaceId, input.userId);
      }
      await tx.membership.update({ where: { id: target.id }, data: { role: input.role } });
      return {
        result: { userId: input.userId, role: input.role },
        audit: [
          {
            action: "member.role_changed",
            actor: ctx.actor,
            workspaceId,
            target: { type: "user", id: input.userId },
            metadata: { from: target.role, to: input.role },
            ...requestFacts(ctx),
          },
        ],
      };
    }),
  );
