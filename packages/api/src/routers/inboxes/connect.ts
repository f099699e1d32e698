import { randomUUID } from "node:crypto";
import { record } from "@mailflow/audit";
import { mailServerSchema } from "@mailflow/mail";
import { sealInboxPassword } from "@mailflow/secrets";
import { z } from "zod";
import { AppError, forbidden } from "../../errors.ts";
import { assertInboxAllowance, planOf } from "../../plans.ts";
import { hasRole, workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { emailField, nameField } from "../fields.ts";
import { requestFacts } from "../shared.ts";
import { runConnectionCheck } from "./connection.ts";
import {
  connectionCheckSchema,
  connectionColumns,
  inboxSettingsShape,
  publicInboxSchema,
  toPublicInbox,
} from "./schemas.ts";

export const connectInboxInput = workspaceInput({
  email: emailField,
  fromName: nameField,
  provider: z.string().trim().min(1).max(32).default("custom"),
  smtp: mailServerSchema,
  imap: mailServerSchema,
  /** Defaults to the email address, which is what every common provider expects. */
  username: z.string().trim().min(1).max(254).optional(),
  password: z.string().min(1, "Enter the App Password.").max(512),
  allowSelfSigned: z.boolean().default(false),
  settings: z.strictObject(inboxSettingsShape).partial().optional(),
});

/**
 * Logs in to SMTP and IMAP for real first; only a mailbox that passes both is saved. The password is sealed by
 * the vault, bound to the new row's id, and is in no response, log or audit event.
 */
export const connectInbox = workspaceProcedure
  .input(connectInboxInput)
  .output(
    z.discriminatedUnion("connected", [
      z.object({ connected: z.literal(true), inbox: publicInboxSchema, check: connectionCheckSchema }),
      z.object({ connected: z.literal(false), check: connectionCheckSchema }),
    ]),
  )
  .mutation(async ({ ctx, input }) => {
    const workspaceId = ctx.workspace.id;
    if (input.allowSelfSigned && !hasRole(ctx.workspace.role, "ADMIN")) {
      throw forbidden("Only an admin can allow a self-signed certificate.");
    }
    const { db, vault } = ctx.deps;
    if (await db.inbox.findUnique({ where: { workspaceId_email: { workspaceId, email: input.email } } })) {
      throw new AppError("CONFLICT", "This mailbox is already connected to the workspace.");
    }
    // The plan's number of inboxes: checked before the (slow) login check, and again under a lock when saving.
    const plan = await planOf(db, workspaceId);
    assertInboxAllowance(plan, await db.inbox.count({ where: { workspaceId } }));
    const username = input.username ?? input.email;
    const check = await runConnectionCheck(ctx, workspaceId, { ...input, username });
    if (!check.ok) return { connected: false as const, check };

    const id = randomUUID();
    const inbox = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "Workspace" WHERE "id" = ${workspaceId}::uuid FOR UPDATE`;
      assertInboxAllowance(plan, await tx.inbox.count({ where: { workspaceId } }));
      const created = await tx.inbox.create({
        data: {
          id,
          workspaceId,
          email: input.email,
          fromName: input.fromName,
          provider: input.provider,
          ...connectionColumns(input),
          username,
          passwordSealed: sealInboxPassword(vault, id, input.password),
          allowSelfSigned: input.allowSelfSigned,
          lastCheckedAt: new Date(),
          ...input.settings,
        },
      });
      await record(tx, {
        action: "inbox.connected",
        actor: ctx.actor,
        workspaceId,
        target: { type: "inbox", id },
        metadata: {
          email: created.email,
          smtp: `${created.smtpHost}:${created.smtpPort} ${created.smtpSecurity}`,
          imap: `${created.imapHost}:${created.imapPort} ${created.imapSecurity}`,
          allowSelfSigned: created.allowSelfSigned,
        },
        ...requestFacts(ctx),
      });
      return created;
    });
    return { connected: true as const, inbox: toPublicInbox(inbox), check };
  });
