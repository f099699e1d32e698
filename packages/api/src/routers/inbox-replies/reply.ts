import { randomUUID } from "node:crypto";
import { record } from "@mailflow/audit";
import { erasedHashOf } from "@mailflow/compliance";
import { appendComplianceFooter, escapeHtml } from "@mailflow/engine";
import { composeMessage, createSmtpTransport, deterministicMessageId, resolveMailHost } from "@mailflow/mail";
import { openInboxPassword } from "@mailflow/secrets";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import { workspaceInput, workspaceProcedure } from "../../procedures/workspace.ts";
import { toPublicInbox } from "../inboxes/schemas.ts";
import { requestFacts } from "../shared.ts";
import { findWorkspaceReply } from "./read.ts";

/**
 * Answers a reply from the inbox it arrived in, over that inbox's SMTP (TLS rules as everywhere), threaded:
 * In-Reply-To is their message, References carry our original and theirs, so it lands in the lead's conversation.
 * The inbox password is opened for this send only (an audited credential.read by the person replying).
 */
export const sendReply = workspaceProcedure
  .input(workspaceInput({ replyId: z.uuid(), text: z.string().trim().min(1, "Write a reply.").max(20_000) }))
  .output(z.object({ messageId: z.string(), smtpResponse: z.string() }))
  .mutation(async ({ ctx, input }) => {
    const { db, vault } = ctx.deps;
    const reply = await findWorkspaceReply(db, ctx.workspace.id, input.replyId);
    if (reply.kind === "BOUNCE") throw new AppError("INVALID_INPUT", "A bounce report cannot be answered.");
    const inbox = await db.inbox.findFirstOrThrow({ where: { id: reply.inboxId, workspaceId: ctx.workspace.id } });
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: ctx.workspace.id } });
    const original = reply.sentMessageId ? await db.message.findUnique({ where: { id: reply.sentMessageId } }) : null;
    const target = await resolveMailHost(inbox.smtpHost, ctx.deps.mailPolicy.allowPrivateHosts);
    if (!target.ok) throw new AppError("INVALID_INPUT", `The mail server ${inbox.smtpHost} cannot be reached.`);
    const password = await db.$transaction((tx) =>
      openInboxPassword(tx, vault, inbox, { actor: ctx.actor, reason: "manual_reply", ...requestFacts(ctx) }),
    );
    const unsubscribeUrl = ctx.deps.unsubscribeTokens.link(ctx.deps.publicUrl, {
      workspaceId: workspace.id,
      email: reply.fromEmail,
    });
    const body = appendComplianceFooter(
      { text: input.text, html: `<p>${escapeHtml(input.text).replace(/\r?\n/g, "<br>")}</p>` },
      { company: workspace.senderCompany ?? workspace.name, postalAddress: workspace.senderAddress ?? "" },
      unsubscribeUrl,
    );
    const messageId = deterministicMessageId(randomUUID(), inbox.email.slice(inbox.email.lastIndexOf("@") + 1));
    const references = [original?.messageId, reply.messageId].filter((id): id is string => !!id);
    const raw = await composeMessage({
      from: { name: inbox.fromName, address: inbox.email },
      to: { address: reply.fromEmail },
      subject: /^re:/i.test(reply.subject) ? reply.subject : `Re: ${reply.subject}`,
      text: body.text,
      html: body.html,
      messageId,
      ...(reply.messageId ? { inReplyTo: reply.messageId } : {}),
      references,
      unsubscribe: { url: unsubscribeUrl, mailto: `${inbox.email}?subject=unsubscribe` },
    });
    const transport = createSmtpTransport(
      {
        server: toPublicInbox(inbox).smtp,
        address: target.address,
        servername: target.servername,
      },
      { username: inbox.username, password },
      { ...ctx.deps.mailPolicy, allowSelfSigned: inbox.allowSelfSigned },
    );
    try {
      const info = await transport.sendMail({ envelope: { from: inbox.email, to: [reply.fromEmail] }, raw });
      await db.$transaction(async (tx) => {
        await tx.inboundMessage.update({ where: { id: reply.id }, data: { read: true } });
        // Mail sent by a person from a connected inbox: who, from which inbox, to whom (never the text; the
        // recipient as the salted hash, since the trail is permanent and the address may be erased one day).
        await record(tx, {
          action: "reply.sent",
          actor: ctx.actor,
          workspaceId: workspace.id,
          target: { type: "inbox", id: inbox.id },
          metadata: { replyId: reply.id, toHash: await erasedHashOf(tx, workspace.id, reply.fromEmail), messageId },
          ...requestFacts(ctx),
        });
      });
      return { messageId, smtpResponse: String(info.response) };
    } catch (error) {
      const reason = (error as { response?: string; message?: string }).response ?? (error as Error).message;
      throw new AppError("INVALID_INPUT", `The mail server refused the reply: ${reason}`);
    } finally {
      transport.close();
    }
  });
