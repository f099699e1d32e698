import { record } from "@mailflow/audit";
import { type MailServer, mailServerSchema } from "@mailflow/mail";
import { openInboxPassword, sealInboxPassword } from "@mailflow/secrets";
import { z } from "zod";
import { AppError, forbidden } from "../../errors.ts";
import { hasRole, workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { nameField } from "../fields.ts";
import { requestFacts } from "../shared.ts";
import { runConnectionCheck } from "./connection.ts";
import { findWorkspaceInbox } from "./find.ts";
import {
  connectionCheckSchema,
  connectionColumns,
  inboxSettingsShape,
  publicInboxSchema,
  toPublicInbox,
} from "./schemas.ts";

/** Name, signature and sending pace: no new login needed. */
export const updateInboxSettings = workspaceProcedure
  .input(
    workspaceInput({
      inboxId: z.uuid(),
      fromName: nameField.optional(),
      ...z.object(inboxSettingsShape).partial().shape,
    }),
  )
  .output(publicInboxSchema)
  .mutation(({ ctx, input }) =>
    ctx.deps.db.$transaction(async (tx) => {
      const { workspaceId: _w, inboxId, ...changes } = input;
      const inbox = await findWorkspaceInbox(tx, ctx.workspace.id, inboxId);
      const merged = { ...inbox, ...changes };
      if (merged.rampUpEnabled && merged.rampUpStart > merged.dailyLimit) {
        throw new AppError("INVALID_INPUT", "The ramp-up start must not exceed the daily limit.");
      }
      const updated = await tx.inbox.update({ where: { id: inbox.id }, data: changes });
      await record(tx, {
        action: "inbox.updated",
        actor: ctx.actor,
        workspaceId: ctx.workspace.id,
        target: { type: "inbox", id: inbox.id },
        metadata: { fields: Object.keys(changes).sort().join(",") },
        ...requestFacts(ctx),
      });
      return toPublicInbox(updated);
    }),
  );

const sameServer = (a: MailServer, b: MailServer) =>
  a.host === b.host && a.port === b.port && a.security === b.security;

/**
 * New servers, username, password or certificate rule: checked live like a new connection before anything is
 * saved. Without a new password the stored one is opened (an audited credential read), but only to log in to the
 * same servers with the same username.
 */
export const updateInboxConnection = workspaceProcedure
  .input(
    workspaceInput({
      inboxId: z.uuid(),
      smtp: mailServerSchema.optional(),
      imap: mailServerSchema.optional(),
      username: z.string().trim().min(1).max(254).optional(),
      password: z.string().min(1).max(512).optional(),
      allowSelfSigned: z.boolean().optional(),
    }),
  )
  .output(
    z.discriminatedUnion("updated", [
      z.object({ updated: z.literal(true), inbox: publicInboxSchema, check: connectionCheckSchema }),
      z.object({ updated: z.literal(false), check: connectionCheckSchema }),
    ]),
  )
  .mutation(async ({ ctx, input }) => {
    const { db, vault } = ctx.deps;
    const workspaceId = ctx.workspace.id;
    if (input.allowSelfSigned !== undefined && !hasRole(ctx.workspace.role, "ADMIN")) {
      throw forbidden("Only an admin can change whether a self-signed certificate is allowed.");
    }
    const current = await findWorkspaceInbox(db, workspaceId, input.inboxId);
    const currentView = toPublicInbox(current);
    const next = {
      smtp: input.smtp ?? currentView.smtp,
      imap: input.imap ?? currentView.imap,
      username: input.username ?? current.username,
      allowSelfSigned: input.allowSelfSigned ?? current.allowSelfSigned,
    };
    // The stored password is only ever sent to the servers it was entered for. Otherwise anyone allowed to edit
    // an inbox could point it at a server they control and receive the password during the check.
    const sameServers =
      sameServer(next.smtp, currentView.smtp) &&
      sameServer(next.imap, currentView.imap) &&
      next.username === current.username;
    if (!input.password && !sameServers) {
      throw new AppError("INVALID_INPUT", "Enter the App Password again to connect to a different server or username.");
    }
    const password =
      input.password ??
      (await db.$transaction((tx) =>
        openInboxPassword(tx, vault, current, { actor: ctx.actor, reason: "connection_update", ...requestFacts(ctx) }),
      ));
    const check = await runConnectionCheck(ctx, workspaceId, { ...next, password });
    if (!check.ok) return { updated: false as const, check };
    const changed = (["smtp", "imap", "username", "password", "allowSelfSigned"] as const).filter(
      (k) => input[k] !== undefined,
    );
    const inbox = await db.$transaction(async (tx) => {
      const updated = await tx.inbox.update({
        where: { id: current.id },
        data: {
          ...connectionColumns(next),
          username: next.username,
          allowSelfSigned: next.allowSelfSigned,
          ...(input.password ? { passwordSealed: sealInboxPassword(vault, current.id, input.password) } : {}),
          status: current.status === "ERROR" ? "ACTIVE" : current.status,
          statusReason: current.status === "ERROR" ? null : current.statusReason,
          lastCheckedAt: new Date(),
        },
      });
      await record(tx, {
        action: "inbox.updated",
        actor: ctx.actor,
        workspaceId,
        target: { type: "inbox", id: current.id },
        metadata: { fields: changed.join(","), allowSelfSigned: next.allowSelfSigned },
        ...requestFacts(ctx),
      });
      return updated;
    });
    return { updated: true as const, inbox: toPublicInbox(inbox), check };
  });
