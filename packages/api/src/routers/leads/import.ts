import { record } from "@mailflow/audit";
import { leadLimitOf } from "@mailflow/engine";
import { createLeadInserter, importLeadsCsv, leadFields } from "@mailflow/leads";
import { z } from "zod";
import { notFound } from "../../errors.ts";
import { planOf } from "../../plans.ts";
import { workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { requestFacts } from "../shared.ts";

/**
 * Imports a CSV sent in the request (up to the server's body limit, 1 MB by default: a few thousand leads). Bad rows
 * come back with line numbers and reasons while every good row is stored; duplicates within the file and of leads
 * already in the workspace are counted, not stored twice. Large files go through the streaming upload and an
 * import job (worker), which run the same importer.
 */
/** What an import reports, inline (this procedure) or as a job (import-upload.ts adds the job's progress). */
export const importReportSchema = z.object({
  processed: z.number(),
  imported: z.number(),
  duplicates: z.number(),
  rejected: z.number(),
  rejections: z.array(z.object({ line: z.number(), reason: z.string() })),
  fatal: z.string().nullable(),
});

export const importLeadsFromCsv = workspaceProcedure
  .input(
    workspaceInput({
      listId: z.uuid(),
      csv: z.string().min(1, "The file is empty."),
      mapping: z.partialRecord(z.enum(leadFields), z.string().max(200)).optional(),
    }),
  )
  .output(importReportSchema)
  .mutation(async ({ ctx, input }) => {
    const { db } = ctx.deps;
    const workspaceId = ctx.workspace.id;
    const list = await db.leadList.findFirst({ where: { id: input.listId, workspaceId } });
    if (!list) throw notFound("Lead list");
    const plan = await planOf(db, workspaceId);
    const leadLimit = leadLimitOf(plan);
    const report = await importLeadsCsv(input.csv, {
      ...(input.mapping ? { mapping: input.mapping } : {}),
      // The (workspaceId, email) key skips leads already in the workspace or earlier in the file.
      insertBatch: createLeadInserter(db, workspaceId, list.id, leadLimit),
    });
    await record(db, {
      action: "leads.imported",
      actor: ctx.actor,
      workspaceId,
      target: { type: "lead_list", id: list.id },
      metadata: {
        processed: report.processed,
        imported: report.imported,
        duplicates: report.duplicates,
        rejected: report.rejected,
      },
      ...requestFacts(ctx),
    });
    return report;
  });
