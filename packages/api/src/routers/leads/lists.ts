import { record } from "@mailflow/audit";
import { z } from "zod";
import { workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { nameField } from "../fields.ts";
import { requestFacts } from "../shared.ts";

const listSchema = z.object({ id: z.string(), name: z.string(), leadCount: z.number(), createdAt: z.date() });

export const createLeadList = workspaceProcedure
  .input(workspaceInput({ name: nameField }))
  .output(listSchema)
  .mutation(({ ctx, input }) =>
    ctx.deps.db.$transaction(async (tx) => {
      const list = await tx.leadList.create({ data: { workspaceId: ctx.workspace.id, name: input.name } });
      await record(tx, {
        action: "lead_list.created",
        actor: ctx.actor,
        workspaceId: ctx.workspace.id,
        target: { type: "lead_list", id: list.id },
        metadata: { name: list.name },
        ...requestFacts(ctx),
      });
      return { id: list.id, name: list.name, leadCount: 0, createdAt: list.createdAt };
    }),
  );

export const listLeadLists = workspaceProcedure
  .input(workspaceInput({}))
  .output(z.array(listSchema))
  .query(async ({ ctx }) => {
    const lists = await ctx.deps.db.leadList.findMany({
      where: { workspaceId: ctx.workspace.id },
      include: { _count: { select: { leads: true } } },
      orderBy: { createdAt: "asc" },
    });
    return lists.map((l) => ({ id: l.id, name: l.name, leadCount: l._count.leads, createdAt: l.createdAt }));
  });
