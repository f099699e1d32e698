import { record } from "@mailflow/audit";
import { csvLine } from "@mailflow/engine";
import { z } from "zod";
import { notFound } from "../../errors.ts";
import { workspaceAdminProcedure, workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { pageArgs, requestFacts, toPage } from "../shared.ts";

const leadSchema = z.object({
  id: z.string(),
  listId: z.string(),
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  timeZone: z.string().nullable(),
  customFields: z.record(z.string(), z.string()),
  createdAt: z.date(),
});

export const listLeads = workspaceProcedure
  .input(
    workspaceInput({
      listId: z.uuid().optional(),
      search: z.string().trim().max(254).optional(),
      cursor: z.uuid().optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
  )
  .output(z.object({ items: z.array(leadSchema), nextCursor: z.string().nullable() }))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.deps.db.lead.findMany({
      where: {
        workspaceId: ctx.workspace.id,
        ...(input.listId ? { listId: input.listId } : {}),
        ...(input.search
          ? {
              OR: [
                { email: { contains: input.search, mode: "insensitive" } },
                { firstName: { contains: input.search, mode: "insensitive" } },
                { lastName: { contains: input.search, mode: "insensitive" } },
                { company: { contains: input.search, mode: "insensitive" } },
              ],
            }
          : {}),
      },
      orderBy: { id: "asc" },
      ...pageArgs(input),
    });
    return toPage(rows, input.limit, ({ workspaceId: _w, customFields, ...lead }) => ({
      ...lead,
      customFields: customFields as Record<string, string>,
    }));
  });

const EXPORT_LIMIT = 100_000;

/**
 * A list as CSV, every cell neutralized against formula injection. Exporting personal data is audited; admins only.
 */
export const exportLeads = workspaceAdminProcedure
  .input(workspaceInput({ listId: z.uuid() }))
  .output(z.object({ csv: z.string(), rows: z.number() }))
  .query(async ({ ctx, input }) => {
    const { db } = ctx.deps;
    const list = await db.leadList.findFirst({ where: { id: input.listId, workspaceId: ctx.workspace.id } });
    if (!list) throw notFound("Lead list");
    const leads = await db.lead.findMany({
      where: { listId: list.id },
      orderBy: { createdAt: "asc" },
      take: EXPORT_LIMIT,
    });
    const customNames = [
      ...new Set(leads.flatMap((l) => Object.keys(l.customFields as Record<string, string>))),
    ].sort();
    const lines = [csvLine(["email", "first_name", "last_name", "company", "title", "time_zone", ...customNames])];
    for (const lead of leads) {
      const custom = lead.customFields as Record<string, string>;
      lines.push(
        csvLine([
          lead.email,
          lead.firstName ?? "",
          lead.lastName ?? "",
          lead.company ?? "",
          lead.title ?? "",
          lead.timeZone ?? "",
          ...customNames.map((name) => custom[name] ?? ""),
        ]),
      );
    }
    await record(db, {
      action: "leads.exported",
      actor: ctx.actor,
      workspaceId: ctx.workspace.id,
      target: { type: "lead_list", id: list.id },
      metadata: { rows: leads.length },
      ...requestFacts(ctx),
    });
    return { csv: `${lines.join("\r\n")}\r\n`, rows: leads.length };
  });
