import { record } from "@mailflow/audit";
import { openInboxPassword } from "@mailflow/secrets";
import { emitWebhookEvent } from "@mailflow/webhooks";
import { z } from "zod";
import { workspaceAdminProcedure, workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { requestFacts } from "../shared.ts";
import { failureSummary, runConnectionCheck } from "./connection.ts";
import { findWorkspaceInbox } from "./find.ts";
import { connectionCheckSchema, publicInboxSchema, toPublicInbox } from "./schemas.ts";

/**
 * Logs in again with the stored password (an audited credential read). A failure marks the inbox ERROR with the
 * reason in plain words; a success clears an ERROR. A paused inbox stays paused.
 */
export const testInboxConnection = workspaceProcedure
  .input(workspaceInput({ inboxId: z.uuid() }))
  .output(z.object({ inbox: publicInboxSchema, check: connectionCheckSchema }))
  .mutation(async ({ ctx, input }) => {
    const { db, vault } = ctx.deps;
    const inbox = await findWorkspaceInbox(db, ctx.workspace.id, input.inboxId);
    const password = await db.$transaction((tx) =>
      openInboxPassword(tx, vault, inbox, { actor: ctx.actor, reason: "connection_test", ...requestFacts(ctx) }),
    );
    const view = toPublicInbox(inbox);
    const check = await runConnectionCheck(ctx, ctx.workspace.id, {
      smtp: view.smtp,
      imap: view.imap,
      username: inbox.username,
      password,
      allowSelfSigned: inbox.allowSelfSigned,
    });
    const status = inbox.status === "PAUSED" ? "PAUSED" : check.ok ? "ACTIVE" : "ERROR";
    const updated = await db.inbox.update({
      where: { id: inbox.id },
      data: {
        status,
        statusReason: status === "ERROR" ? failureSummary(check) : status === "ACTIVE" ? null : inbox.statusReason,
        lastCheckedAt: new Date(),
      },
    });
    return { inbox: toPublicInbox(updated), check };
  });

const setPaused = (paused: boolean) =>
  workspaceProcedure
    .input(workspaceInput({ inboxId: z.uuid() }))
    .output(publicInboxSchema)
    .mutation(({ ctx, input }) =>
      ctx.deps.db.$transaction(async (tx) => {
        const inbox = await findWorkspaceInbox(tx, ctx.workspace.id, input.inboxId);
        const updated = await tx.inbox.update({
          where: { id: inbox.id },
          data: paused
            ? { status: "PAUSED", statusReason: "Paused by a member of the workspace." }
            : { status: "ACTIVE", statusReason: null },
        });
        await record(tx, {
          action: paused ? "inbox.paused" : "inbox.resumed",
          actor: ctx.actor,
          workspaceId: ctx.workspace.id,
          target: { type: "inbox", id: inbox.id },
          metadata: { email: inbox.email, previousStatus: inbox.status },
          ...requestFacts(ctx),
        });
        if (paused) {
          await emitWebhookEvent(tx, ctx.workspace.id, "inbox.paused", {
            inboxId: inbox.id,
            email: inbox.email,
            reason: updated.statusReason,
          });
        }
        return toPublicInbox(updated);
      }),
    );

export const pauseInbox = setPaused(true);
export const resumeInbox = setPaused(false);

/** Deletes the inbox and with it the only copy of its sealed password. */
export const removeInbox = workspaceAdminProcedure
  .input(workspaceInput({ inboxId: z.uuid() }))
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) =>
    ctx.deps.db.$transaction(async (tx) => {
      const inbox = await findWorkspaceInbox(tx, ctx.workspace.id, input.inboxId);
      await tx.inbox.delete({ where: { id: inbox.id } });
      await record(tx, {
        action: "inbox.removed",
        actor: ctx.actor,
        workspaceId: ctx.workspace.id,
        target: { type: "inbox", id: inbox.id },
        metadata: { email: inbox.email },
        ...requestFacts(ctx),
      });
      return { ok: true as const };
    }),
  );
