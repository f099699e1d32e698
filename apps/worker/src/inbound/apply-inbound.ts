import { addSuppressions, unsubscribeAddress } from "@mailflow/compliance";
import type { Inbox, Message, Tx } from "@mailflow/db";
import { type IncomingKind, normalizeSubject } from "@mailflow/mail";
import { emitWebhookEvent } from "@mailflow/webhooks";
import type { Email } from "postal-mime";
import { messageFacts } from "../sender/transitions.ts";

export interface InboundFacts {
  inbox: Inbox;
  folder: string;
  uidValidity: bigint;
  uid: bigint;
  email: Email;
  kind: IncomingKind;
  receivedAt: Date;
}

export type InboundOutcome = "replied" | "auto_replied" | "bounced" | "soft_bounce" | "unrelated" | "duplicate";

/** Our message that an incoming one answers: by its thread ids, else by sender + subject within the inbox's sends. */
async function findAnswered(tx: Tx, facts: InboundFacts): Promise<Message | null> {
  const { inbox, email, kind } = facts;
  if (kind.kind === "bounce") {
    if (kind.originalMessageId) {
      const byId = await tx.message.findFirst({
        where: { workspaceId: inbox.workspaceId, inboxId: inbox.id, messageId: kind.originalMessageId },
      });
      if (byId) return byId;
    }
    const recipient = kind.recipients[0]?.recipient;
    if (!recipient) return null;
    return tx.message.findFirst({
      where: { inboxId: inbox.id, toEmail: recipient, status: "SENT" },
      orderBy: { sentAt: "desc" },
    });
  }
  if (kind.threadIds.length > 0) {
    const byThread = await tx.message.findMany({
      where: { workspaceId: inbox.workspaceId, messageId: { in: kind.threadIds } },
    });
    // The newest step of the thread the reply refers to.
    const best = byThread.sort((a, b) => b.step - a.step)[0];
    if (best) return best;
  }
  const from = email.from?.address?.toLowerCase();
  if (!from) return null;
  const subject = normalizeSubject(email.subject ?? "");
  const candidates = await tx.message.findMany({
    where: { inboxId: inbox.id, toEmail: from, status: "SENT" },
    orderBy: { sentAt: "desc" },
    take: 10,
  });
  return candidates.find((m) => normalizeSubject(m.subject) === subject) ?? null;
}

/**
 * Records one incoming message and applies it, in the caller's transaction (with the cursor update, so a restart
 * neither misses nor repeats it): a reply stops the lead's sequence (stop-on-reply) and cancels what is queued for
 * it; a reply asking to stop unsubscribes the address; an auto-reply is recorded and stops nothing unless the
 * campaign says so; a hard bounce marks the message bounced, the lead BOUNCED and suppresses the address. Mail that
 * concerns none of our messages is not stored: it is the user's own mail.
 */
export async function applyInbound(tx: Tx, facts: InboundFacts): Promise<InboundOutcome> {
  const { inbox, email, kind } = facts;
  const answered = await findAnswered(tx, facts);
  if (!answered) return "unrelated";
  const hard = kind.kind === "bounce" ? kind.recipients.find((r) => r.severity === "hard") : undefined;
  const soft = kind.kind === "bounce" ? kind.recipients[0] : undefined;
  const inserted = await tx.inboundMessage.createManyAndReturn({
    data: [
      {
        workspaceId: inbox.workspaceId,
        inboxId: inbox.id,
        folder: facts.folder,
        uidValidity: facts.uidValidity,
        uid: facts.uid,
        kind: kind.kind === "bounce" ? "BOUNCE" : kind.kind === "auto_reply" ? "AUTO_REPLY" : "REPLY",
        messageId: email.messageId ?? null,
        fromEmail: email.from?.address?.toLowerCase() ?? "",
        fromName: email.from?.name || null,
        subject: email.subject ?? "",
        text: email.text ?? "",
        html: email.html ?? null,
        receivedAt: facts.receivedAt,
        sentMessageId: answered.id,
        campaignId: answered.campaignId,
        campaignLeadId: answered.campaignLeadId,
        leadId: answered.leadId,
        step: answered.step,
        bounceStatus: (hard ?? soft)?.status ?? null,
        bounceSeverity: (hard ?? soft)?.severity ?? null,
        unsubscribe: kind.kind === "reply" && kind.unsubscribe,
      },
    ],
    skipDuplicates: true,
  });
  if (inserted.length === 0) return "duplicate";

  const campaign = await tx.campaign.findUniqueOrThrow({ where: { id: answered.campaignId } });
  const facts_ = { ...messageFacts(answered), inboundId: inserted[0]!.id, subject: email.subject ?? "" };
  const stopLead = async (status: "REPLIED" | "BOUNCED", stopReason: string) => {
    await tx.campaignLead.updateMany({
      where: { id: answered.campaignLeadId, status: "ACTIVE" },
      data: { status, nextSendAt: null, stopReason, stoppedAt: new Date() },
    });
    // Anything already queued for this lead is not sent (the sender re-checks the lead before SMTP as well).
    await tx.message.updateMany({
      where: { campaignLeadId: answered.campaignLeadId, status: "QUEUED" },
      data: { status: "CANCELLED", finishedAt: new Date(), error: `The lead ${status.toLowerCase()}.` },
    });
  };

  switch (kind.kind) {
    case "bounce":
      if (!hard) return "soft_bounce";
      await tx.message.update({
        where: { id: answered.id },
        data: { bounced: true, error: hard.diagnostic ?? hard.status },
      });
      await stopLead("BOUNCED", `Bounced: ${hard.status}${hard.diagnostic ? ` ${hard.diagnostic}` : ""}`);
      await addSuppressions(tx, inbox.workspaceId, [{ kind: "EMAIL", value: hard.recipient }], "bounced");
      await emitWebhookEvent(tx, inbox.workspaceId, "email.bounced", {
        ...facts_,
        severity: "hard",
        status: hard.status,
        reason: hard.diagnostic,
      });
      return "bounced";
    case "auto_reply":
      if (campaign.stopOnAutoReply) await stopLead("REPLIED", "Automatic reply (the campaign stops on those).");
      await emitWebhookEvent(tx, inbox.workspaceId, "email.auto_replied", facts_);
      return "auto_replied";
    case "reply":
      if (kind.unsubscribe) {
        await unsubscribeAddress(tx, inbox.workspaceId, answered.toEmail, "asked in a reply");
        await emitWebhookEvent(tx, inbox.workspaceId, "lead.unsubscribed", {
          email: answered.toEmail,
          leadId: answered.leadId,
          source: "reply",
        });
      } else if (campaign.stopOnReply) {
        await stopLead("REPLIED", "Replied.");
      }
      await emitWebhookEvent(tx, inbox.workspaceId, "email.replied", { ...facts_, unsubscribe: kind.unsubscribe });
      return "replied";
  }
}
