import { auditActions, record } from "@mailflow/audit";
import type { Prisma } from "@mailflow/db";
import { csvLine } from "@mailflow/engine";
import { z } from "zod";
import { workspaceAdminProcedure, workspaceInput } from "../../procedures/workspace.ts";
import { router } from "../../trpc.ts";
import { requestFacts } from "../shared.ts";

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

/** The filters the log viewer and the export share. They combine. */
const filterShape = {
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
};
const filterSchema = z.object(filterShape);
type Filters = z.infer<typeof filterSchema>;

function whereOf(workspaceId: string, input: Filters): Prisma.AuditEventWhereInput {
  return {
    workspaceId,
    ...(input.actorId ? { actorId: input.actorId } : {}),
    ...(input.actorType ? { actorType: input.actorType } : {}),
    ...(input.action ? { action: input.action.endsWith(".") ? { startsWith: input.action } : input.action } : {}),
    ...(input.targetType ? { targetType: input.targetType } : {}),
    ...(input.targetId ? { targetId: input.targetId } : {}),
    ...(input.from || input.to ? { createdAt: { gte: input.from, lte: input.to } } : {}),
  };
}

/** The workspace's audit trail, newest first, for admins and owners. Pages by cursor. */
const listAuditEvents = workspaceAdminProcedure
  .input(
    workspaceInput({
      ...filterShape,
      cursor: z.string().regex(/^\d+$/).optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
  )
  .output(z.object({ items: z.array(auditEventSchema), nextCursor: z.string().nullable() }))
  .query(async ({ ctx, input }) => {
    const where = {
      ...whereOf(ctx.workspace.id, input),
      ...(input.cursor ? { id: { lt: BigInt(input.cursor) } } : {}),
    };
    const rows = await ctx.deps.db.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: input.limit + 1 });
    const items = rows.slice(0, input.limit).map(({ hash: _h, prevHash: _p, workspaceId: _w, ...row }) => ({
      ...row,
      id: row.id.toString(),
    }));
    return { items, nextCursor: rows.length > input.limit ? items.at(-1)!.id : null };
  });

export const AUDIT_EXPORT_LIMIT = 50_000;

/**
 * The filtered trail as CSV (newest first, at most 50,000 events), cells neutralized against spreadsheet formula
 * injection. Exporting the trail is itself recorded, with the filters used.
 */
const exportAuditEvents = workspaceAdminProcedure
  .input(workspaceInput(filterShape))
  .output(z.object({ csv: z.string(), rows: z.number(), truncated: z.boolean() }))
  .mutation(async ({ ctx, input }) => {
    const rows = await ctx.deps.db.auditEvent.findMany({
      where: whereOf(ctx.workspace.id, input),
      orderBy: { id: "desc" },
      take: AUDIT_EXPORT_LIMIT + 1,
    });
    const page = rows.slice(0, AUDIT_EXPORT_LIMIT);
    const lines = [
      csvLine([
        "id",
        "created_at",
        "action",
        "actor_type",
        "actor_id",
        "target_type",
        "target_id",
        "ip",
        "user_agent",
        "metadata",
      ]),
    ];
    for (const e of page) {
      lines.push(
        csvLine([
          e.id.toString(),
          e.createdAt.toISOString(),
          e.action,
          e.actorType,
          e.actorId ?? "",
          e.targetType ?? "",
          e.targetId ?? "",
          e.ip ?? "",
          e.userAgent ?? "",
          e.metadata === null ? "" : JSON.stringify(e.metadata),
        ]),
      );
    }
    const { workspaceId: _w, ...filters } = input;
    await record(ctx.deps.db, {
      action: "audit.exported",
      actor: ctx.actor,
      workspaceId: ctx.workspace.id,
      metadata: {
        rows: page.length,
        filters: JSON.stringify(filters),
      },
      ...requestFacts(ctx),
    });
    return { csv: `${lines.join("\r\n")}\r\n`, rows: page.length, truncated: rows.length > AUDIT_EXPORT_LIMIT };
  });

export const auditRouter = router({ list: listAuditEvents, export: exportAuditEvents });
