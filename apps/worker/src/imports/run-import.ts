import { Readable } from "node:stream";
import { record } from "@mailflow/audit";
import type { Db, LeadImport } from "@mailflow/db";
import { leadLimitOf } from "@mailflow/engine";
import { createLeadInserter, type ImportProgress, importLeadsCsv, type LeadField } from "@mailflow/leads";
import type { WorkerLog } from "../sender/deps.ts";
import type { MessageLocks } from "../sender/message-locks.ts";

export interface ImportDeps {
  db: Db;
  locks: MessageLocks;
  log: WorkerLog;
  /** Progress is written at most this often (a million-row file would otherwise write a million times). */
  progressEveryMs?: number;
}

const lockKey = (id: string) => `import:${id}`;

/**
 * Claims the oldest queued import (the LeadImport row is the job: FOR UPDATE SKIP LOCKED, so two workers never take
 * the same one), streams its chunks through the CSV importer and keeps the counts on the row current. Returns
 * false when there was nothing to do. The session advisory lock marks it as being run by a live process.
 */
export async function runNextImport(deps: ImportDeps): Promise<boolean> {
  const [claimed] = await deps.db.$queryRaw<{ id: string }[]>`
    UPDATE "LeadImport" SET "status" = 'RUNNING', "startedAt" = now()
    WHERE "id" = (SELECT "id" FROM "LeadImport" WHERE "status" = 'QUEUED' ORDER BY "createdAt"
                  FOR UPDATE SKIP LOCKED LIMIT 1)
    RETURNING "id"`;
  if (!claimed) return false;
  if (!(await deps.locks.tryLock(lockKey(claimed.id)))) return true;
  try {
    const row = await deps.db.leadImport.findUniqueOrThrow({ where: { id: claimed.id } });
    await runImport(deps, row);
  } finally {
    await deps.locks.unlock(lockKey(claimed.id));
  }
  return true;
}

async function runImport(deps: ImportDeps, row: LeadImport): Promise<void> {
  const { db } = deps;
  let bytesRead = 0;
  let lastWrite = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const saveProgress = (progress: ImportProgress, force = false) => {
    const now = Date.now();
    if (!force && now - lastWrite < (deps.progressEveryMs ?? 500)) return;
    lastWrite = now;
    writing = writing.then(() =>
      db.leadImport.update({
        where: { id: row.id },
        data: { ...progress, bytesRead: BigInt(bytesRead) },
      }),
    );
  };
  const source = Readable.from(chunksOf(db, row.id, (n) => (bytesRead += n)));
  // The plan's lead limit: rows past it are reported by line, like any other row that could not be imported.
  const { plan } = await db.workspace.findUniqueOrThrow({ where: { id: row.workspaceId }, select: { plan: true } });
  const leadLimit = leadLimitOf(plan);
  const report = await importLeadsCsv(source, {
    mapping: row.mapping as Partial<Record<LeadField, string>>,
    insertBatch: createLeadInserter(db, row.workspaceId, row.listId, leadLimit),
    onProgress: (progress) => saveProgress(progress),
  });
  await writing;
  await db.$transaction(async (tx) => {
    await tx.leadImport.update({
      where: { id: row.id },
      data: {
        status: report.fatal ? "FAILED" : "DONE",
        processed: report.processed,
        imported: report.imported,
        duplicates: report.duplicates,
        rejected: report.rejected,
        rejections: report.rejections,
        fatal: report.fatal,
        bytesRead: row.bytesTotal,
        finishedAt: new Date(),
      },
    });
    // The file is not kept once imported: the leads are the data now.
    await tx.leadImportChunk.deleteMany({ where: { importId: row.id } });
    await record(tx, {
      action: "leads.imported",
      actor: row.actorType === "api_key" ? { type: "api_key", id: row.actorId } : { type: "user", id: row.actorId },
      workspaceId: row.workspaceId,
      target: { type: "lead_list", id: row.listId },
      metadata: {
        importId: row.id,
        processed: report.processed,
        imported: report.imported,
        duplicates: report.duplicates,
        rejected: report.rejected,
      },
    });
  });
  deps.log.info(`import ${row.id}: ${report.imported} imported, ${report.rejected} rejected of ${report.processed}`);
}

/** The uploaded file, chunk by chunk in order: only one chunk is in memory at a time. */
async function* chunksOf(db: Db, importId: string, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const chunk = await db.leadImportChunk.findUnique({ where: { importId_seq: { importId, seq } } });
    if (!chunk) return;
    onBytes(chunk.data.length);
    yield Buffer.from(chunk.data);
  }
}

/**
 * An import left RUNNING by a worker that died (its lock is free) goes back to the queue and runs again from the
 * start: leads already stored are skipped by the database's unique key (they count as duplicates the second time).
 */
export async function requeueAbandonedImports(deps: ImportDeps): Promise<number> {
  const running = await deps.db.leadImport.findMany({ where: { status: "RUNNING" }, select: { id: true } });
  let requeued = 0;
  for (const { id } of running) {
    if (deps.locks.isHeld(lockKey(id)) || !(await deps.locks.tryLock(lockKey(id)))) continue;
    try {
      const { count } = await deps.db.leadImport.updateMany({
        where: { id, status: "RUNNING" },
        data: { status: "QUEUED", processed: 0, imported: 0, duplicates: 0, rejected: 0, bytesRead: 0 },
      });
      requeued += count;
    } finally {
      await deps.locks.unlock(lockKey(id));
    }
  }
  return requeued;
}
