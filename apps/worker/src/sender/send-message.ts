import { findSuppression } from "@mailflow/compliance";
import type { Inbox, Message } from "@mailflow/db";
import { composeMessage, findSentMailbox, mailboxHasMessageId } from "@mailflow/mail";
import { enqueueSend } from "../queue/boss.ts";
import type { SenderDeps } from "./deps.ts";
import { checkBounceRate, pauseInbox } from "./inbox-health.ts";
import { InboxUnreachableError } from "./inbox-mail.ts";
import { fileSentCopy } from "./sent-copy.ts";
import { classifySmtpError, retryDelaySeconds, type SmtpErrorFacts, serverReply } from "./smtp-outcome.ts";
import { cancelMessage, markFailed, markSent, requeueForRetry } from "./transitions.ts";

export type SendOutcome =
  | "sent"
  | "recovered"
  | "retry"
  | "bounced"
  | "failed"
  | "cancelled"
  | "ambiguous"
  | "not-yet"
  | "done-already"
  | "busy";

/** A message another live worker holds: the job fails and pg-boss offers it again later. */
export class MessageBusyError extends Error {}

/**
 * Handles one send job. Only the holder of the message's advisory lock acts on it:
 *   QUEUED   -> claim (SENDING, committed before any SMTP), send, SENT / retry / FAILED / CANCELLED;
 *   SENDING  -> its sender died (we hold the lock): look for the Message-ID in Sent before sending again;
 *   anything else -> already done.
 */
export async function processSendJob(deps: SenderDeps, messageId: string): Promise<SendOutcome> {
  if (!(await deps.locks.tryLock(messageId))) throw new MessageBusyError(`message ${messageId} is being sent`);
  try {
    const message = await deps.db.message.findUnique({ where: { id: messageId } });
    if (!message) return "done-already";
    if (message.status === "SENDING") return await recover(deps, message);
    if (message.status !== "QUEUED") return "done-already";
    // A retry's own job carries startAfter; an older job for the same message arriving early leaves it be.
    if (message.notBefore.getTime() > Date.now() + 1000) return "not-yet";
    return await deliver(deps, message);
  } finally {
    await deps.locks.unlock(messageId);
  }
}

/**
 * A message left SENDING by a dead sender may or may not have been accepted. The server's copy in Sent (Gmail and
 * Outlook file one on acceptance; so does our test stack) says it was: mark it sent. Not there: send it again.
 * Until RECOVERY_SETTLE_SECONDS have passed the copy may still be on its way, so it waits.
 */
async function recover(deps: SenderDeps, message: Message): Promise<SendOutcome> {
  const settledAt = (message.sendingAt?.getTime() ?? 0) + deps.settings.settleSeconds * 1000;
  if (Date.now() < settledAt) throw new MessageBusyError(`message ${message.id} is settling after a crash`);
  const inbox = await deps.db.inbox.findUniqueOrThrow({ where: { id: message.inboxId } });
  const inSent = await deps.mail.withImap(inbox, async (client) =>
    mailboxHasMessageId(client, await findSentMailbox(client), message.messageId),
  );
  if (inSent) {
    await markSent(deps.db, message, { smtpResponse: "Accepted before a restart (found in Sent).", recovered: true });
    deps.log.info(`recovered ${message.messageId}: found in Sent, not sent again`);
    return "recovered";
  }
  const { count } = await deps.db.message.updateMany({
    where: { id: message.id, status: "SENDING" },
    data: { status: "QUEUED" },
  });
  if (count === 0) return "done-already";
  deps.log.info(`recovering ${message.messageId}: not in Sent, sending it again`);
  return deliver(deps, { ...message, status: "QUEUED" });
}

async function deliver(deps: SenderDeps, queued: Message): Promise<SendOutcome> {
  const { db } = deps;
  const claimed = await db.message.updateManyAndReturn({
    where: { id: queued.id, status: "QUEUED" },
    data: { status: "SENDING", sendingAt: new Date(), attempts: { increment: 1 } },
  });
  const message = claimed[0];
  if (!message) return "done-already";

  const inbox = await db.inbox.findUniqueOrThrow({ where: { id: message.inboxId } });
  const stop = await reasonNotToSend(deps, message, inbox);
  if (stop) {
    await cancelMessage(db, message, stop);
    return "cancelled";
  }
  const date = new Date();
  let raw: Buffer;
  try {
    raw = await composeMessage({
      from: { name: inbox.fromName, address: inbox.email },
      to: { address: message.toEmail },
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
      date,
      unsubscribe: {
        url: deps.unsubscribe.link(deps.publicUrl, { workspaceId: message.workspaceId, email: message.toEmail }),
        // A reply to the sending inbox asking to unsubscribe: reply detection (IMAP) suppresses the address.
        mailto: `${inbox.email}?subject=unsubscribe`,
      },
    });
  } catch (error) {
    await markFailed(db, message, { error: `The message could not be built: ${errorText(error)}`, bounced: false });
    return "failed";
  }

  let response: string;
  try {
    const transport = await deps.mail.smtp(inbox);
    const info = await transport.sendMail({ envelope: { from: inbox.email, to: [message.toEmail] }, raw });
    response = serverReply({ response: info.response });
  } catch (error) {
    return handleFailure(deps, message, inbox, error);
  }
  await markSent(db, message, { smtpResponse: response, recovered: false });
  // A success can complete the sample a rate is judged on (BOUNCE_PAUSE_MIN_SENDS), so it checks too.
  await pauseIfBouncing(deps, inbox.id);
  await fileSentCopy(deps, inbox, message, raw, date);
  return "sent";
}

async function pauseIfBouncing(deps: SenderDeps, inboxId: string): Promise<void> {
  const rate = await checkBounceRate(deps.db, inboxId, deps.settings.bounce);
  if (rate.reason && (await pauseInbox(deps.db, inboxId, rate.reason))) {
    deps.log.warn(`paused inbox ${inboxId}: ${rate.reason}`);
  }
}

/** Checked after the claim, right before SMTP: a lead that replied or unsubscribed a moment ago gets nothing. */
async function reasonNotToSend(
  deps: SenderDeps,
  message: Message,
  inbox: Inbox,
): Promise<Parameters<typeof cancelMessage>[2] | null> {
  const { db } = deps;
  const lead = await db.campaignLead.findUniqueOrThrow({
    where: { id: message.campaignLeadId },
    include: { campaign: { select: { status: true } } },
  });
  if (lead.status !== "ACTIVE" || lead.nextStep !== message.step) {
    return { reason: `The lead's sequence stopped (${lead.status.toLowerCase()}).`, reschedule: false };
  }
  if (lead.campaign.status !== "ACTIVE") return { reason: "The campaign is not running.", reschedule: true };
  if (inbox.status !== "ACTIVE") {
    return { reason: `The inbox ${inbox.email} is paused; the lead gets another inbox.`, reschedule: true };
  }
  const suppressed = await findSuppression(db, message.workspaceId, message.toEmail);
  if (suppressed) {
    const stopReason = `On the ${suppressed.scope} suppression list (${suppressed.reason}).`;
    return { reason: stopReason, reschedule: false, leadUpdate: { status: "SUPPRESSED", stopReason } };
  }
  return null;
}

async function handleFailure(deps: SenderDeps, message: Message, inbox: Inbox, error: unknown): Promise<SendOutcome> {
  const { db, settings } = deps;
  const facts = error as SmtpErrorFacts;
  const failure =
    error instanceof InboxUnreachableError
      ? { kind: "inbox" as const, reason: error.message }
      : classifySmtpError(facts);
  deps.mail.resetSmtp(inbox.id);
  switch (failure.kind) {
    case "inbox":
      await cancelMessage(db, message, { reason: failure.reason, reschedule: true });
      if (await pauseInbox(db, inbox.id, failure.reason)) deps.log.warn(`paused inbox ${inbox.id}: ${failure.reason}`);
      return "cancelled";
    case "recipient":
      await markFailed(db, message, { error: failure.reason, bounced: true });
      await pauseIfBouncing(deps, inbox.id);
      return "bounced";
    case "message":
      await markFailed(db, message, { error: failure.reason, bounced: false });
      return "failed";
    case "temporary": {
      if (isAmbiguous(facts)) {
        // The connection broke where the server may already have accepted the message: treat it as a crash, so
        // recovery checks Sent before any resend.
        await db.message.updateMany({
          where: { id: message.id, status: "SENDING" },
          data: { error: `Connection lost while sending: ${failure.reason}` },
        });
        return "ambiguous";
      }
      if (message.attempts >= settings.maxAttempts) {
        await markFailed(db, message, {
          error: `Gave up after ${message.attempts} attempts. Last reply: ${failure.reason}`,
          bounced: false,
        });
        return "failed";
      }
      const notBefore = new Date(Date.now() + retryDelaySeconds(message.attempts, settings.retryBaseSeconds) * 1000);
      await db.$transaction(async (tx) => {
        if (await requeueForRetry(tx, message, { notBefore, error: failure.reason })) {
          await enqueueSend(deps.boss, tx, message.id, notBefore);
        }
      });
      return "retry";
    }
  }
}

/** No SMTP reply and not a failure to connect: the message may have reached the server. */
function isAmbiguous(facts: SmtpErrorFacts): boolean {
  if (facts.responseCode !== undefined) return false;
  if (facts.code === "ECONNECTION" || facts.code === "EDNS") return false;
  return !["CONN", "EHLO", "HELO", "STARTTLS", "AUTH PLAIN", "AUTH LOGIN", "MAIL FROM", "RCPT TO"].includes(
    facts.command ?? "",
  );
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
