import { record } from "@mailflow/audit";
import {
  addSuppressions,
  erasedHashOf,
  findSuppression,
  parseSuppressionEntry,
  type SuppressionEntry,
} from "@mailflow/compliance";
import { csvLine } from "@mailflow/engine";
import { z } from "zod";
import { notFound } from "../../errors.ts";
import { workspaceAdminProcedure, workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { router } from "../../trpc.ts";
import { emailField } from "../fields.ts";
import { pageArgs, requestFacts, toPage } from "../shared.ts";

/** ERASED entries hold the salted hash of an address erased at the person's request, never the address. */
const kindSchema = z.enum(["EMAIL", "DOMAIN", "ERASED"]);
const suppressionSchema = z.object({
  id: z.string(),
  kind: kindSchema,
  value: z.string(),
  reason: z.string(),
  createdAt: z.date(),
});
const EXPORT_LIMIT = 200_000;

const list = workspaceProcedure
  .input(
    workspaceInput({
      search: z.string().trim().toLowerCase().max(254).optional(),
      kind: kindSchema.optional(),
      cursor: z.uuid().optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
  )
  .output(z.object({ items: z.array(suppressionSchema), nextCursor: z.string().nullable() }))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.deps.db.suppression.findMany({
      where: {
        workspaceId: ctx.workspace.id,
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.search ? { value: { contains: input.search } } : {}),
      },
      orderBy: { id: "asc" },
      ...pageArgs(input),
    });
    return toPage(rows, input.limit, ({ workspaceId: _w, ...row }) => row);
  });

/**
 * Adds addresses and domains (one per entry: "ada@example.com", "example.com"). Invalid entries are reported by
 * position and the valid ones are still added; entries already on the list are counted, not duplicated.
 */
const add = workspaceProcedure
  .input(
    workspaceInput({
      entries: z.array(z.string().max(320)).min(1).max(10_000),
      reason: z.enum(["manual", "import", "unsubscribed", "bounced", "complaint"]).default("manual"),
    }),
  )
  .output(
    z.object({
      added: z.number(),
      alreadySuppressed: z.number(),
      invalid: z.array(z.object({ index: z.number(), value: z.string() })),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const valid: SuppressionEntry[] = [];
    const invalid: { index: number; value: string }[] = [];
    const seen = new Set<string>();
    input.entries.forEach((raw, index) => {
      const entry = parseSuppressionEntry(raw);
      if (!entry) invalid.push({ index, value: raw.slice(0, 100) });
      else if (!seen.has(`${entry.kind}:${entry.value}`)) {
        seen.add(`${entry.kind}:${entry.value}`);
        valid.push(entry);
      }
    });
    const added = await ctx.deps.db.$transaction(async (tx) => {
      const count = await addSuppressions(tx, ctx.workspace.id, valid, input.reason);
      await record(tx, {
        action: "suppression.added",
        actor: ctx.actor,
        workspaceId: ctx.workspace.id,
        metadata: { added: count, submitted: input.entries.length, invalid: invalid.length, reason: input.reason },
        ...requestFacts(ctx),
      });
      return count;
    });
    return { added, alreadySuppressed: valid.length - added, invalid };
  });

/**
 * Taking someone off the list means mailing them again: admins only, audited with the domain, or with the
 * address's salted hash (the audit trail is permanent and must not keep an address its owner may have erased).
 */
const remove = workspaceAdminProcedure
  .input(workspaceInput({ suppressionId: z.uuid() }))
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) =>
    ctx.deps.db.$transaction(async (tx) => {
      const row = await tx.suppression.findFirst({ where: { id: input.suppressionId, workspaceId: ctx.workspace.id } });
      if (!row) throw notFound("Suppression entry");
      await tx.suppression.delete({ where: { id: row.id } });
      await record(tx, {
        action: "suppression.removed",
        actor: ctx.actor,
        workspaceId: ctx.workspace.id,
        target: { type: "suppression", id: row.id },
        metadata: {
          kind: row.kind,
          value: row.kind === "EMAIL" ? await erasedHashOf(tx, ctx.workspace.id, row.value) : row.value,
          reason: row.reason,
        },
        ...requestFacts(ctx),
      });
      return { ok: true as const };
    }),
  );

const check = workspaceProcedure
  .input(workspaceInput({ email: emailField }))
  .output(
    z.object({
      suppressed: z.boolean(),
      match: z.object({ scope: z.enum(["workspace", "global"]), kind: kindSchema, reason: z.string() }).nullable(),
    }),
  )
  .query(async ({ ctx, input }) => {
    const match = await findSuppression(ctx.deps.db, ctx.workspace.id, input.email);
    return { suppressed: match !== null, match };
  });

/** The whole list as CSV, with every cell safe to open in a spreadsheet. */
const exportCsv = workspaceAdminProcedure
  .input(workspaceInput({}))
  .output(z.object({ csv: z.string(), rows: z.number() }))
  .query(async ({ ctx }) => {
    const rows = await ctx.deps.db.suppression.findMany({
      where: { workspaceId: ctx.workspace.id },
      orderBy: { createdAt: "asc" },
      take: EXPORT_LIMIT,
    });
    const lines = [csvLine(["kind", "value", "reason", "added_at"])];
    for (const row of rows)
      lines.push(csvLine([row.kind.toLowerCase(), row.value, row.reason, row.createdAt.toISOString()]));
    return { csv: `${lines.join("\r\n")}\r\n`, rows: rows.length };
  });

export const suppressionRouter = router({ list, add, remove, check, export: exportCsv });
