import { PrivacyError, planAccountDeletion } from "@mailflow/privacy";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { userProcedure } from "../../procedures/authed.ts";
import { passwordField } from "../fields.ts";
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

/** Everything MailFlow holds about the signed-in user's account, as a JSON + CSV zip. */
export const requestAccountExport = userProcedure
  .input(z.strictObject({}))
  .output(queued)
  .mutation(({ ctx }) =>
    queueRequest(ctx, ctx.deps.vault, {
      kind: "ACCOUNT_EXPORT",
      actor: { type: "user", id: ctx.principal.userId },
      workspaceId: null,
      userId: ctx.principal.userId,
    }),
  );

/**
 * Deletes the signed-in user's account (and the workspaces only they belong to). Needs the password; refused while
 * the user is the only owner of a workspace others still use. Every session ends when the worker has run it.
 */
export const requestAccountDeletion = userProcedure
  .input(z.strictObject({ password: passwordField }))
  .output(queued)
  .mutation(async ({ ctx, input }) => {
    const { userId } = ctx.principal;
    const user = await ctx.deps.db.user.findUniqueOrThrow({ where: { id: userId } });
    if (!(await ctx.deps.passwords.verify(input.password, user.passwordHash)))
      throw new AppError("FORBIDDEN", "Your password is incorrect.");
    try {
      await planAccountDeletion(ctx.deps.db, userId);
    } catch (error) {
      if (error instanceof PrivacyError) throw new AppError("CONFLICT", error.message);
      throw error;
    }
    // No new sign-ins while it waits: the token version moves, so every session of the account ends now.
    await ctx.deps.db.user.update({ where: { id: userId }, data: { tokenVersion: { increment: 1 } } });
    return queueRequest(ctx, ctx.deps.vault, {
      kind: "ACCOUNT_DELETION",
      actor: { type: "user", id: userId },
      workspaceId: null,
      userId,
    });
  });

export const listAccountRequests = userProcedure
  .input(z.strictObject({}))
  .output(z.array(privacyRequestSchema))
  .query(async ({ ctx }) => {
    const rows = await ctx.deps.db.privacyRequest.findMany({
      where: { userId: ctx.principal.userId, workspaceId: null },
      select: requestSelect,
      orderBy: { createdAt: "desc" },
      take: 50,
    });
    const files = await withFiles(
      ctx.deps.db,
      rows.map((r) => r.id),
    );
    return rows.map((row) => toPublicRequest(row, files.has(row.id)));
  });

export const downloadAccountExport = userProcedure
  .input(z.strictObject({ requestId: z.uuid() }))
  .output(fileSchema)
  .mutation(({ ctx, input }) =>
    downloadExport(
      ctx,
      { id: input.requestId, userId: ctx.principal.userId, workspaceId: null },
      { type: "user", id: ctx.principal.userId },
      null,
    ),
  );
