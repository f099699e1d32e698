import { auditActions } from "@mailflow/audit";
import type { Prisma } from "@mailflow/db";
import { z } from "zod";
import { workspaceAdminProcedure, workspaceInput } from "../../procedures/workspace.ts";
import { router } from "../../trpc.ts";

const auditEventSchema = z.object({
  id: z.string(),
  action: z.string(),
  actorType: z.enum(["USER", "API_KEY", "SYSTEM"]),
  actorId: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  metadata: z.unknown(),
  createdAt: z.date(),
});

/** The workspace's audit trail, newest first, for admins and owners. Filters combine; pages by cursor. */
const listAuditEvents = workspaceAdminProcedure
  .input(
    workspaceInput({
      actorId: z.string().max(64).optional(),
      actorType: z.enum(["USER", "API_KEY", "SYSTEM"]).optional(),
      /** An exact action ("inbox.connected") or a family ending in a dot ("inbox."). */
      action: z
        .string()
        .max(64)
        .refine((a) => a.endsWith(".") || (auditActions as readonly string[]).includes(a), "Unknown action.")
        .optional(),
      targetType: z.string().max(32).optional(),
      targetId: z.string().max(64).optional(),
      from: z.date().optional(),
      to: z.date().optional(),
      cursor: z.string().regex(/^\d+$/).optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
  )
  .output(z.object({ items: z.array(auditEventSchema), nextCursor: z.string().nullable() }))
  .query(async ({ ctx, input }) => {
    const where: Prisma.AuditEventWhereInput = {
      workspaceId: ctx.workspace.id,
      ...(input.actorId ? { actorId: input.actorId } : {}),
      ...(input.actorType ? { actorType: input.actorType } : {}),
      ...(input.action ? { action: input.action.endsWith(".") ? { startsWith: input.action } : input.action } : {}),
      ...(input.targetType ? { targetType: input.targetType } : {}),
      ...(input.targetId ? { targetId: input.targetId } : {}),
      ...(input.from || input.to ? { createdAt: { gte: input.from, lte: input.to } } : {}),
      ...(input.cursor ? { id: { lt: BigInt(input.cursor) } } : {}),
    };
    const rows = await ctx.deps.db.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: input.limit + 1 });
    const items = rows.slice(0, input.limit).map(({ hash: _h, prevHash: _p, workspaceId: _w, ...row }) => ({
      ...row,
      id: row.id.toString(),
    }));
    return { items, nextCursor: rows.length > input.limit ? items.at(-1)!.id : null };
  });

export const auditRouter = router({ list: listAuditEvents });
