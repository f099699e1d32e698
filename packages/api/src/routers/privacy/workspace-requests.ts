import type { AuditActor } from "@mailflow/audit";
import { erasedHashOf } from "@mailflow/compliance";
import { normalizeEmail } from "@mailflow/privacy";
import { z } from "zod";
import type { Context } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { workspaceAdminProcedure, workspaceInput } from "../../procedures/workspace.ts";
import { emailField } from "../fields.ts";
import {
  downloadExport,
  fileSchema,
  privacyRequestSchema,
  queueRequest,
  requestSelect,
  toPublicRequest,
  withFiles,
} from "./shared.ts";

const queued = z.object({ id: z.string() });

/** Everything the workspace holds about one address, as a JSON + CSV zip (a job: watch it in `list`). */
export const requestSubjectExport = workspaceAdminProcedure
  .input(workspaceInput({ email: emailField }))
  .output(queued)
  .mutation(({ ctx, input }) => queueSubjectRequest(ctx, "SUBJECT_EXPORT", normalizeEmail(input.email)));

/** A request about one address: sealed on the row, its salted hash beside it. */
async function queueSubjectRequest(
  ctx: Context & { workspace: { id: string }; actor: AuditActor; principal: { userId: string } },
  kind: "SUBJECT_EXPORT" | "SUBJECT_ERASURE",
  email: string,
) {
  const hash = await erasedHashOf(ctx.deps.db, ctx.workspace.id, email);
  return queueRequest(ctx, ctx.deps.vault, {
    kind,
    actor: ctx.actor,
    workspaceId: ctx.workspace.id,
    userId: ctx.principal.userId,
    subject: { email, hash },
  });
}

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
    return queueSubjectRequest(ctx, "SUBJECT_ERASURE", email);
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
  .mutation(({ ctx, input }) =>
    downloadExport(ctx, { id: input.requestId, workspaceId: ctx.workspace.id }, ctx.actor, ctx.workspace.id),
  );
