import { type AuditActor, record } from "@mailflow/audit";
import { type Db, type PrivacyRequest, type RegionalDbs, sealedContext } from "@mailflow/db";
import {
  countsOf,
  deleteAccount,
  type ErasureEntry,
  eraseSubject,
  exportZip,
  findAccountRecords,
  findSubjectRecords,
  findWorkspaceRecords,
  type LedgerFile,
  PrivacyError,
  recordErasure,
  type Sections,
} from "@mailflow/privacy";
import type { Vault } from "@mailflow/vault";
import type { WorkerLog } from "../sender/deps.ts";
import type { MessageLocks } from "../sender/message-locks.ts";

export interface PrivacyDeps {
  /** The database whose requests this runs (a region's, or the global one). */
  db: Db;
  /** The global database when `db` is a region's own; null when `db` is the global one. */
  globalDb?: Db | null;
  /** Every database: a deleted account's workspaces are deleted in their regions too. */
  regions?: RegionalDbs;
  vault: Vault;
  locks: MessageLocks;
  log: WorkerLog;
  /** The erasure ledger outside the database; without it a restore could bring erased people back (logged). */
  ledger: LedgerFile | null;
  /** How long an export stays downloadable. */
  exportTtlMs?: number;
}

const EXPORT_TTL_MS = 7 * 24 * 3600 * 1000;
const lockKey = (id: string) => `privacy:${id}`;

/**
 * Claims the oldest queued data request (the row is the job: FOR UPDATE SKIP LOCKED) and runs it, keeping its
 * progress on the row. Returns false when there was nothing to do.
 */
export async function runNextPrivacyRequest(deps: PrivacyDeps): Promise<boolean> {
  const [claimed] = await deps.db.$queryRaw<{ id: string }[]>`
    UPDATE "PrivacyRequest" SET "status" = 'RUNNING', "startedAt" = now(), "stage" = 'starting'
    WHERE "id" = (SELECT "id" FROM "PrivacyRequest" WHERE "status" = 'QUEUED' ORDER BY "createdAt"
                  FOR UPDATE SKIP LOCKED LIMIT 1)
    RETURNING "id"`;
  if (!claimed) return false;
  if (!(await deps.locks.tryLock(lockKey(claimed.id)))) return true;
  try {
    const request = await deps.db.privacyRequest.findUniqueOrThrow({ where: { id: claimed.id } });
    try {
      await runRequest(deps, request);
    } catch (error) {
      // The user sees the reason when it is theirs to act on; anything else is logged here (never with the address).
      const message =
        error instanceof PrivacyError
          ? error.message
          : "The request failed; it can be made again. Support has the details.";
      deps.log.error(`privacy request ${request.id} (${request.kind}) failed: ${(error as Error).message}`);
      await deps.db.privacyRequest.update({
        where: { id: request.id },
        data: { status: "FAILED", error: message, stage: "failed", subjectSealed: null, finishedAt: new Date() },
      });
    }
  } finally {
    await deps.locks.unlock(lockKey(claimed.id));
  }
  return true;
}

const actorOf = (request: PrivacyRequest): AuditActor =>
  request.actorType === "api_key" ? { type: "api_key", id: request.actorId } : { type: "user", id: request.actorId };

async function runRequest(deps: PrivacyDeps, request: PrivacyRequest): Promise<void> {
  const { db } = deps;
  const progress = async (value: number, stage: string) => {
    await db.privacyRequest.update({ where: { id: request.id }, data: { progress: value, stage } });
  };
  const subject = () => {
    if (!request.subjectSealed) throw new PrivacyError("NOT_FOUND", "The request no longer holds its address.");
    return deps.vault.open(request.subjectSealed, sealedContext.privacySubject(request.id));
  };

  switch (request.kind) {
    case "SUBJECT_EXPORT": {
      await progress(10, "collecting records");
      const email = subject();
      const sections = await findSubjectRecords(db, request.workspaceId!, email, deps.globalDb ?? db);
      await finishExport(deps, request, "subject", { subject: email }, sections);
      return;
    }
    case "WORKSPACE_EXPORT": {
      const sections = await findWorkspaceRecords(
        db,
        request.workspaceId!,
        (done, total) => progress(Math.round((done / total) * 80), "collecting records"),
        deps.globalDb ?? db,
      );
      await finishExport(deps, request, "workspace", { workspaceId: request.workspaceId }, sections);
      return;
    }
    case "ACCOUNT_EXPORT": {
      await progress(10, "collecting records");
      const sections = await findAccountRecords(db, request.userId!, regionDbsOf(deps));
      await finishExport(deps, request, "account", { userId: request.userId }, sections);
      return;
    }
    case "SUBJECT_ERASURE": {
      await progress(10, "erasing");
      const email = subject();
      const workspaceId = request.workspaceId!;
      const entry = await db.$transaction(
        async (tx) => {
          const { hash, counts } = await eraseSubject(tx, workspaceId, email, {
            exceptRequestId: request.id,
            ...(deps.globalDb ? { globalDb: deps.globalDb } : {}),
          });
          const erased: ErasureEntry = {
            scope: "subject",
            workspaceId,
            subjectHash: hash,
            erasedAt: new Date().toISOString(),
          };
          await recordErasure(tx, erased);
          await tx.privacyRequest.update({
            where: { id: request.id },
            data: finished({ counts: { ...counts }, subjectSealed: null }),
          });
          // The confirmation: what was erased, by count, and the hash; never the address.
          await record(tx, {
            action: "privacy.erased",
            actor: actorOf(request),
            workspaceId,
            target: { type: "privacy_request", id: request.id },
            metadata: { subjectHash: hash, ...counts },
          });
          return erased;
        },
        { timeout: 300_000 },
      );
      appendToLedger(deps, [entry]);
      return;
    }
    case "ACCOUNT_DELETION": {
      await progress(10, "deleting");
      const userId = request.userId!;
      const { entries, workspacesDeleted } = await db.$transaction(
        async (tx) => {
          const { workspacesDeleted } = await deleteAccount(tx, userId);
          const erasedAt = new Date().toISOString();
          const erased: ErasureEntry[] = [
            ...workspacesDeleted.map(({ id: workspaceId }) => ({ scope: "workspace" as const, workspaceId, erasedAt })),
            { scope: "account", userId, erasedAt },
          ];
          for (const entry of erased) await recordErasure(tx, entry);
          await tx.privacyRequest.update({
            where: { id: request.id },
            data: finished({ counts: { workspacesDeleted: workspacesDeleted.length } }),
          });
          await record(tx, {
            action: "account.deleted",
            actor: { type: "user", id: userId },
            target: { type: "user", id: userId },
            metadata: { workspacesDeleted: workspacesDeleted.length },
          });
          return { entries: erased, workspacesDeleted };
        },
        { timeout: 300_000 },
      );
      // Each deleted workspace's data in its region's own database, once the directory has committed.
      for (const { id, region } of workspacesDeleted)
        if (deps.regions && !deps.regions.isGlobal(region))
          await deps.regions.of(region).workspace.deleteMany({ where: { id } });
      appendToLedger(deps, entries);
      return;
    }
  }
}

/** The databases other than the global one that hold workspaces' trails (for an account's export). */
const regionDbsOf = (deps: PrivacyDeps): Db[] =>
  deps.regions ? deps.regions.distinct().filter((d) => d !== deps.regions!.global) : [];

const finished = <T extends object>(data: T) => ({
  ...data,
  status: "DONE" as const,
  progress: 100,
  stage: "done",
  finishedAt: new Date(),
});

async function finishExport(
  deps: PrivacyDeps,
  request: PrivacyRequest,
  name: string,
  about: Record<string, unknown>,
  sections: Sections,
): Promise<void> {
  await deps.db.privacyRequest.update({ where: { id: request.id }, data: { progress: 85, stage: "packing" } });
  const generatedAt = new Date();
  const zip = exportZip(name, { ...about, generatedAt, format: "mailflow-export-v1" }, sections);
  const counts = countsOf(sections);
  await deps.db.$transaction(async (tx) => {
    await tx.privacyRequest.update({
      where: { id: request.id },
      data: finished({
        counts,
        result: Buffer.from(zip),
        resultName: `mailflow-${name}-export-${generatedAt.toISOString().slice(0, 10)}.zip`,
        expiresAt: new Date(generatedAt.getTime() + (deps.exportTtlMs ?? EXPORT_TTL_MS)),
      }),
    });
    await record(tx, {
      action: "privacy.exported",
      actor: actorOf(request),
      workspaceId: request.workspaceId,
      target: { type: "privacy_request", id: request.id },
      metadata: { kind: request.kind, bytes: zip.length, ...counts },
    });
  });
}

function appendToLedger(deps: PrivacyDeps, entries: ErasureEntry[]): void {
  if (!deps.ledger) {
    deps.log.warn(
      "ERASURE_LEDGER_FILE is not set: this erasure is in the database's ledger only, which a restore rolls back",
    );
    return;
  }
  deps.ledger.append(entries);
}

/** Exports past their expiry lose their file; a request left RUNNING by a dead worker goes back to the queue. */
export async function sweepPrivacyRequests(deps: PrivacyDeps): Promise<void> {
  await deps.db.privacyRequest.updateMany({
    where: { expiresAt: { lt: new Date() }, result: { not: null } },
    data: { result: null },
  });
  const running = await deps.db.privacyRequest.findMany({ where: { status: "RUNNING" }, select: { id: true } });
  for (const { id } of running) {
    if (deps.locks.isHeld(lockKey(id)) || !(await deps.locks.tryLock(lockKey(id)))) continue;
    try {
      await deps.db.privacyRequest.updateMany({
        where: { id, status: "RUNNING" },
        data: { status: "QUEUED", progress: 0, stage: "waiting" },
      });
    } finally {
      await deps.locks.unlock(lockKey(id));
    }
  }
}
