import { randomUUID } from "node:crypto";
import { type AuditActor, record } from "@mailflow/audit";
import { type Db, type Prisma, type PrivacyRequest, type PrivacyRequestKind, sealedContext } from "@mailflow/db";
import type { Vault } from "@mailflow/vault";
import { z } from "zod";
import type { Context } from "../../context.ts";
import { AppError, notFound } from "../../errors.ts";
import { requestFacts } from "../shared.ts";

/** A data request as both apps show it: never the address, never the file's bytes. */
export const privacyRequestSchema = z.object({
  id: z.string(),
  kind: z.enum(["SUBJECT_EXPORT", "SUBJECT_ERASURE", "WORKSPACE_EXPORT", "ACCOUNT_EXPORT", "ACCOUNT_DELETION"]),
  status: z.enum(["QUEUED", "RUNNING", "DONE", "FAILED"]),
  progress: z.number(),
  stage: z.string(),
  counts: z.record(z.string(), z.number()),
  error: z.string().nullable(),
  /** Set while the export can be downloaded. */
  fileName: z.string().nullable(),
  expiresAt: z.date().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});

export const requestSelect = {
  id: true,
  kind: true,
  status: true,
  progress: true,
  stage: true,
  counts: true,
  error: true,
  resultName: true,
  expiresAt: true,
  createdAt: true,
  finishedAt: true,
} as const;

type Listed = Pick<PrivacyRequest, keyof typeof requestSelect>;
export const toPublicRequest = ({ resultName, counts, ...row }: Listed, hasFile: boolean) => ({
  ...row,
  counts: (counts ?? {}) as Record<string, number>,
  fileName: hasFile ? resultName : null,
});

/** Which listed requests still hold their file (one query, without reading the files). */
export async function withFiles(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.privacyRequest.findMany({
    where: { id: { in: ids }, result: { not: null } },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}

/**
 * Queues a request for the worker, audited as privacy.requested in the same transaction. A subject's address is
 * sealed by the vault, bound to the request's id; only its salted hash is readable.
 */
export async function queueRequest(
  ctx: Context,
  vault: Vault,
  request: {
    kind: PrivacyRequestKind;
    actor: AuditActor;
    workspaceId: string | null;
    userId: string | null;
    subject?: { email: string; hash: string };
  },
): Promise<{ id: string }> {
  const id = randomUUID();
  return ctx.deps.db.$transaction(async (tx) => {
    await tx.privacyRequest.create({
      data: {
        id,
        kind: request.kind,
        workspaceId: request.workspaceId,
        userId: request.userId,
        actorType: request.actor.type === "api_key" ? "api_key" : "user",
        actorId: request.actor.id ?? "",
        subjectSealed: request.subject ? vault.seal(request.subject.email, sealedContext.privacySubject(id)) : null,
        subjectHash: request.subject?.hash ?? null,
      },
    });
    await record(tx, {
      action: "privacy.requested",
      actor: request.actor,
      workspaceId: request.workspaceId,
      target: { type: "privacy_request", id },
      metadata: { kind: request.kind, ...(request.subject ? { subjectHash: request.subject.hash } : {}) },
      ...requestFacts(ctx),
    });
    return { id };
  });
}

export const fileSchema = z.object({ fileName: z.string(), base64: z.string(), bytes: z.number() });

/**
 * Hands over an export's zip (base64) from a request `where` selects (the caller scopes it to the workspace or the
 * user), recording privacy.downloaded in the same scope.
 */
export async function downloadExport(
  ctx: Context,
  where: Prisma.PrivacyRequestWhereInput,
  actor: AuditActor,
  workspaceId: string | null,
) {
  const row = await ctx.deps.db.privacyRequest.findFirst({
    where,
    select: { id: true, kind: true, result: true, resultName: true },
  });
  if (!row) throw notFound("Data request");
  if (!row.result || !row.resultName)
    throw new AppError("NOT_FOUND", "This export has no file (not ready, or expired).");
  await record(ctx.deps.db, {
    action: "privacy.downloaded",
    actor,
    workspaceId,
    target: { type: "privacy_request", id: row.id },
    metadata: { kind: row.kind, bytes: row.result.length },
    ...requestFacts(ctx),
  });
  return { fileName: row.resultName, base64: Buffer.from(row.result).toString("base64"), bytes: row.result.length };
}
