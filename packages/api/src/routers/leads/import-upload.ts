import type { LeadImport } from "@mailflow/db";
import { leadFields } from "@mailflow/leads";
import { z } from "zod";
import { AppError, notFound } from "../../errors.ts";
import { workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { importReportSchema } from "./import.ts";

/** Raw bytes per chunk: base64 of 512 KiB stays well under the request body limit (1 MB). */
export const IMPORT_CHUNK_BYTES = 512 * 1024;
/** The largest file accepted: a few million leads. */
export const IMPORT_MAX_BYTES = 1024 * 1024 * 1024;

export const importStatusSchema = z.object({
  id: z.string(),
  listId: z.string(),
  fileName: z.string(),
  status: z.enum(["UPLOADING", "QUEUED", "RUNNING", "DONE", "FAILED"]),
  bytesTotal: z.number(),
  bytesUploaded: z.number(),
  bytesRead: z.number(),
  /** 0-100: how much of the file the importer has read. */
  percent: z.number(),
  ...importReportSchema.shape,
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});

export function toImportStatus(row: LeadImport): z.infer<typeof importStatusSchema> {
  const total = Number(row.bytesTotal);
  const read = Number(row.bytesRead);
  return {
    id: row.id,
    listId: row.listId,
    fileName: row.fileName,
    status: row.status,
    bytesTotal: total,
    bytesUploaded: Number(row.bytesUploaded),
    bytesRead: read,
    percent: row.status === "DONE" ? 100 : total > 0 ? Math.min(99, Math.floor((read / total) * 100)) : 0,
    processed: row.processed,
    imported: row.imported,
    duplicates: row.duplicates,
    rejected: row.rejected,
    rejections: row.rejections as { line: number; reason: string }[],
    fatal: row.fatal,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

async function findImport(ctx: { deps: { db: import("@mailflow/db").Db }; workspace: { id: string } }, id: string) {
  const row = await ctx.deps.db.leadImport.findFirst({ where: { id, workspaceId: ctx.workspace.id } });
  if (!row) throw notFound("Import");
  return row;
}

/**
 * Step 1 of a large import: announces the file. The file then arrives in ordered chunks (uploadChunk) stored in the
 * database, so any API server can take any chunk and any worker can run the import; finishImport queues it.
 */
export const startImport = workspaceProcedure
  .input(
    workspaceInput({
      listId: z.uuid(),
      fileName: z.string().trim().min(1).max(255),
      bytes: z
        .number()
        .int()
        .min(1, "The file is empty.")
        .max(IMPORT_MAX_BYTES, `Files up to ${IMPORT_MAX_BYTES / 1024 ** 3} GiB can be imported.`),
      mapping: z.partialRecord(z.enum(leadFields), z.string().max(200)).optional(),
    }),
  )
  .output(z.object({ importId: z.string(), chunkBytes: z.number() }))
  .mutation(async ({ ctx, input }) => {
    const { db } = ctx.deps;
    const list = await db.leadList.findFirst({ where: { id: input.listId, workspaceId: ctx.workspace.id } });
    if (!list) throw notFound("Lead list");
    const row = await db.leadImport.create({
      data: {
        workspaceId: ctx.workspace.id,
        listId: list.id,
        fileName: input.fileName,
        bytesTotal: BigInt(input.bytes),
        mapping: input.mapping ?? {},
        actorType: ctx.actor.type,
        actorId: ctx.actor.id ?? "",
      },
    });
    return { importId: row.id, chunkBytes: IMPORT_CHUNK_BYTES };
  });

/** Step 2, repeated: chunk `seq` (0, 1, 2, ...) as base64. Sending the same chunk again (a retry) is harmless. */
export const uploadImportChunk = workspaceProcedure
  .input(
    workspaceInput({
      importId: z.uuid(),
      seq: z.number().int().min(0),
      data: z
        .string()
        .min(1)
        .max(Math.ceil(IMPORT_CHUNK_BYTES / 3) * 4)
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, "Send the chunk as base64."),
    }),
  )
  .output(z.object({ bytesUploaded: z.number() }))
  .mutation(async ({ ctx, input }) => {
    const { db } = ctx.deps;
    const row = await findImport(ctx, input.importId);
    if (row.status !== "UPLOADING") throw new AppError("CONFLICT", "This import has already been submitted.");
    const data = Buffer.from(input.data, "base64");
    return db.$transaction(async (tx) => {
      const count = await tx.leadImportChunk.count({ where: { importId: row.id } });
      if (input.seq > count) throw new AppError("INVALID_INPUT", `Send chunk ${count} first.`);
      const existing = await tx.leadImportChunk.findUnique({
        where: { importId_seq: { importId: row.id, seq: input.seq } },
        select: { data: true },
      });
      const delta = BigInt(data.length) - BigInt(existing?.data.length ?? 0);
      const uploaded = row.bytesUploaded + delta;
      if (uploaded > row.bytesTotal) throw new AppError("INVALID_INPUT", "More data than the announced file size.");
      await tx.leadImportChunk.upsert({
        where: { importId_seq: { importId: row.id, seq: input.seq } },
        create: { importId: row.id, seq: input.seq, data },
        update: { data },
      });
      const updated = await tx.leadImport.update({
        where: { id: row.id },
        data: { bytesUploaded: { increment: delta } },
      });
      return { bytesUploaded: Number(updated.bytesUploaded) };
    });
  });

/** Step 3: every byte is there; a worker imports it and the counts below move (importStatus). */
export const finishImport = workspaceProcedure
  .input(workspaceInput({ importId: z.uuid() }))
  .output(importStatusSchema)
  .mutation(async ({ ctx, input }) => {
    const row = await findImport(ctx, input.importId);
    if (row.status !== "UPLOADING") throw new AppError("CONFLICT", "This import has already been submitted.");
    if (row.bytesUploaded !== row.bytesTotal) {
      throw new AppError("INVALID_INPUT", `Only ${row.bytesUploaded} of ${row.bytesTotal} bytes have arrived.`);
    }
    const { count } = await ctx.deps.db.leadImport.updateMany({
      where: { id: row.id, status: "UPLOADING" },
      data: { status: "QUEUED" },
    });
    if (count === 0) throw new AppError("CONFLICT", "This import has already been submitted.");
    return toImportStatus({ ...row, status: "QUEUED" });
  });

export const importStatus = workspaceProcedure
  .input(workspaceInput({ importId: z.uuid() }))
  .output(importStatusSchema)
  .query(async ({ ctx, input }) => toImportStatus(await findImport(ctx, input.importId)));

export const listImports = workspaceProcedure
  .input(workspaceInput({ listId: z.uuid().optional() }))
  .output(z.array(importStatusSchema))
  .query(async ({ ctx, input }) =>
    (
      await ctx.deps.db.leadImport.findMany({
        where: { workspaceId: ctx.workspace.id, ...(input.listId ? { listId: input.listId } : {}) },
        orderBy: { createdAt: "desc" },
        take: 50,
      })
    ).map(toImportStatus),
  );
