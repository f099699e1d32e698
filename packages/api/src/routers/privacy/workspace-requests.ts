import { record } from "@mailflow/audit";
import { erasedHashOf } from "@mailflow/compliance";
import { normalizeEmail } from "@mailflow/privacy";
import { z } from "zod";
import { AppError, notFound } from "../../errors.ts";
import { workspaceAdminProcedure, workspaceInput } from "../../procedures/workspace.ts";
import { emailField } from "../fields.ts";
import { requestFacts } from "../shared.ts";
import { fileSchema, privacyRequestSchema, queueRequest, requestSelect, toPublicRequest, withFiles } from "./shared.ts";

const queued = z.object({ id: z.string() });

/** Everything the workspace holds about one address, as a JSON + CSV zip (a job: watch it in `list`). */
export const requestSubjectExport = workspaceAdminProcedure
  .input(workspaceInput({ email: emailField }))
  .output(queued)
  .mutation(async ({ ctx, input }) => {
    const email = normalizeEmail(input.email);
    const hash = await erasedHashOf(ctx.deps.db, ctx.workspace.id, email);
    return queueRequest(ctx, ctx.deps.vault, {
      kind: "SUBJECT_EXPORT",
      actor: ctx.actor,
      workspaceId: ctx.workspace.id,
      userId: ctx.principal.userId,
      subject: { email, hash },
    });
  });

/**
 * Erases one address everywhere in the workspace, keeping only its salted hash on the suppression list so the person
 * is never mailed or imported again. Cannot be undone; the address must be typed twice.
 */
export const requestSubjectErasure = workspaceAdminProcedure
  .input(workspaceInput({ email: emailField, confirmEmail: emailField }))
  .output(queued)
  .mutation(async ({ ctx, input }) => {
    const email = normalizeEmail(input.email);
    if (normalizeEmail(input.confirmEmail) !== email)
      throw new AppError("INVALID_INPUT", "The two addresses differ. Type the address to erase twice.");
    const inbox = await ctx.deps.db.inbox.findFirst({
      where: { workspaceId: ctx.workspace.id, email: { equals: email, mode: "insensitive" } },
      select: { id: true },
    });
    if (inbox)
      throw new AppError(
        "CONFLICT",
        "This address is one of the workspace's connected inboxes. Remove the inbox first, then erase the address.",
      );
    const hash = await erasedHashOf(ctx.deps.db, ctx.workspace.id, email);
    return queueRequest(ctx, ctx.deps.vault, {
      kind: "SUBJECT_ERASURE",
      actor: ctx.actor,
      workspaceId: ctx.workspace.id,
      userId: ctx.principal.userId,
      subject: { email, hash },
    });
  });

/** Everything the workspace holds, every table, as a JSON + CSV zip (secrets excepted). */
export const requestWorkspaceExport = workspaceAdminProcedure
  .input(workspaceInput({}))
  .output(queued)
  .mutation(({ ctx }) =>
    queueRequest(ctx, ctx.deps.vault, {
      kind: "WORKSPACE_EXPORT",
      actor: ctx.actor,
      workspaceId: ctx.workspace.id,
      userId: ctx.principal.userId,
    }),
  );

/** The workspace's data requests, newest first, with their progress. */
export const listRequests = workspaceAdminProcedure
  .input(workspaceInput({ limit: z.number().int().min(1).max(100).default(50) }))
  .output(z.array(privacyRequestSchema))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.deps.db.privacyRequest.findMany({
      where: { workspaceId: ctx.workspace.id },
      select: requestSelect,
      orderBy: { createdAt: "desc" },
      take: input.limit,
    });
    const files = await withFiles(
      ctx.deps.db,
      rows.map((r) => r.id),
    );
    return rows.map((row) => toPublicRequest(row, files.has(row.id)));
  });

/** The export's zip (base64), audited as privacy.downloaded. */
export const downloadRequest = workspaceAdminProcedure
  .input(workspaceInput({ requestId: z.uuid() }))
  .output(fileSchema)
  .mutation(async ({ ctx, input }) => {
    const row = await ctx.deps.db.privacyRequest.findFirst({
      where: { id: input.requestId, workspaceId: ctx.workspace.id },
      select: { id: true, kind: true, result: true, resultName: true },
    });
    if (!row) throw notFound("Data request");
    if (!row.result || !row.resultName)
      throw new AppError("NOT_FOUND", "This export has no file (not ready, or expired).");
    await record(ctx.deps.db, {
      action: "privacy.downloaded",
      actor: ctx.actor,
      workspaceId: ctx.workspace.id,
      target: { type: "privacy_request", id: row.id },
      metadata: { kind: row.kind, bytes: row.result.length },
      ...requestFacts(ctx),
    });
    return { fileName: row.resultName, base64: Buffer.from(row.result).toString("base64"), bytes: row.result.length };
  });
