import { addSuppressions } from "@mailflow/compliance";
import type { Db, Message, Tx } from "@mailflow/db";
import { emitWebhookEvent } from "@mailflow/webhooks";

/**
 * The Message and CampaignLead state changes the sender makes, each in one transaction. Every UPDATE names the
 * state it expects (status = 'SENDING', the lead's step), so a repeat after a crash changes nothing twice.
 */

/** Accepted by the server: the message is SENT and the lead moves to its next step (or completes). */
export async function markSent(
  db: Db,
  message: Message,
  facts: { smtpResponse: string; recovered: boolean },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.message.updateMany({
      where: { id: message.id, status: "SENDING" },
      data: {
        status: "SENT",
        sentAt: now,
        finishedAt: now,
        smtpResponse: facts.smtpResponse,
        recovered: facts.recovered,
        error: null,
      },
    });
    if (count === 0) return false;
    await advanceLead(tx, message, now);
    await emitWebhookEvent(tx, message.workspaceId, "email.sent", {
      ...messageFacts(message),
      smtpResponse: facts.smtpResponse,
    });
    return true;
  });
}

/** What every email.* event says about the message: ids and addresses, never its body. */
export const messageFacts = (message: Message) => ({
  messageId: message.id,
  rfcMessageId: message.messageId,
  campaignId: message.campaignId,
  leadId: message.leadId,
  inboxId: message.inboxId,
  step: message.step + 1,
  from: message.fromEmail,
  to: message.toEmail,
});

async function advanceLead(tx: Tx, message: Message, sentAt: Date): Promise<void> {
  const next = await tx.campaignStep.findFirst({
    where: { campaignId: message.campaignId, position: { gt: message.step } },
    orderBy: { position: "asc" },
  });
  await tx.campaignLead.updateMany({
    where: { id: message.campaignLeadId, status: "ACTIVE", nextStep: message.step },
    data: next
      ? { nextStep: message.step + 1, nextSendAt: new Date(sentAt.getTime() + next.delayMinutes * 60_000) }
      : { nextStep: message.step + 1, nextSendAt: null, status: "COMPLETED", stoppedAt: sentAt },
  });
}

/** A temporary failure: back to QUEUED, not before `notBefore`; the caller enqueues the retry job in `tx`. */
export async function requeueForRetry(
  tx: Tx,
  message: Message,
  facts: { notBefore: Date; error: string },
): Promise<boolean> {
  const { count } = await tx.message.updateMany({
    where: { id: message.id, status: "SENDING" },
    data: { status: "QUEUED", notBefore: facts.notBefore, error: facts.error, smtpResponse: facts.error },
  });
  return count === 1;
}

/** A permanent failure. A recipient error is a bounce: the lead stops as BOUNCED and the address is suppressed. */
export async function markFailed(
  db: Db,
  message: Message,
  facts: { error: string; bounced: boolean },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.message.updateMany({
      where: { id: message.id, status: "SENDING" },
      data: {
        status: "FAILED",
        finishedAt: new Date(),
        error: facts.error,
        smtpResponse: facts.error,
        bounced: facts.bounced,
      },
    });
    if (count === 0) return false;
    await tx.campaignLead.updateMany({
      where: { id: message.campaignLeadId, status: "ACTIVE" },
      data: {
        status: facts.bounced ? "BOUNCED" : "FAILED",
        nextSendAt: null,
        stopReason: facts.bounced ? `Bounced: ${facts.error}` : `Could not be sent: ${facts.error}`,
      },
    });
    if (facts.bounced) {
      await addSuppressions(tx, message.workspaceId, [{ kind: "EMAIL", value: message.toEmail }], "bounced");
      await emitWebhookEvent(tx, message.workspaceId, "email.bounced", {
        ...messageFacts(message),
        severity: "hard",
        reason: facts.error,
      });
    }
    return true;
  });
}

/**
 * The message will not be sent (nothing reached a server). With `reschedule`, its lead is due again at once so the
 * scheduler queues a new message (another inbox, or later); otherwise the lead's sequence has stopped.
 */
export async function cancelMessage(
  db: Db,
  message: Message,
  facts: { reason: string; reschedule: boolean; leadUpdate?: { status: "SUPPRESSED"; stopReason: string } },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.message.updateMany({
      where: { id: message.id, status: { in: ["QUEUED", "SENDING"] } },
      data: { status: "CANCELLED", finishedAt: new Date(), error: facts.reason },
    });
    if (count === 0) return false;
    if (facts.reschedule) {
      await tx.campaignLead.updateMany({
        where: { id: message.campaignLeadId, status: "ACTIVE", nextStep: message.step, nextSendAt: null },
        data: { nextSendAt: new Date() },
      });
    } else if (facts.leadUpdate) {
      await tx.campaignLead.updateMany({
        where: { id: message.campaignLeadId, status: "ACTIVE" },
        data: { ...facts.leadUpdate, nextSendAt: null },
      });
    }
    return true;
  });
}
