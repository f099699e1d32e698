import type { Inbox, Message } from "@mailflow/db";
import { appendSentCopy, findSentMailbox, mailboxHasMessageId } from "@mailflow/mail";
import type { SenderDeps } from "./deps.ts";

/** How long to wait for the server's own copy the first time an inbox sends (it files it right after accepting). */
const DETECTION_WAITS_MS = [0, 250, 500, 1000, 1500];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes sure the sent message is in the inbox's Sent folder, as if the user had sent it from their mail client.
 * Servers that file a copy themselves (SERVER) need nothing; for the others (CLIENT) we append the exact bytes
 * over IMAP. Which kind an inbox is, is learnt on its first send. A failure here never fails the send: the message
 * was delivered; it is logged and the user sees it in MailFlow.
 */
export async function fileSentCopy(
  deps: SenderDeps,
  inbox: Inbox,
  message: Message,
  raw: Buffer,
  date: Date,
): Promise<void> {
  if (inbox.sentCopy === "SERVER") return;
  try {
    await deps.mail.withImap(inbox, async (client) => {
      const mailbox = await findSentMailbox(client);
      if (inbox.sentCopy === "UNKNOWN") {
        for (const wait of DETECTION_WAITS_MS) {
          await sleep(wait);
          if (await mailboxHasMessageId(client, mailbox, message.messageId)) {
            await deps.db.inbox.update({ where: { id: inbox.id }, data: { sentCopy: "SERVER" } });
            return;
          }
        }
      }
      await appendSentCopy(client, mailbox, raw, date);
      if (inbox.sentCopy === "UNKNOWN") {
        await deps.db.inbox.update({ where: { id: inbox.id }, data: { sentCopy: "CLIENT" } });
      }
    });
  } catch (error) {
    deps.log.warn(
      `could not file ${message.messageId} in Sent of inbox ${inbox.id}: ${error instanceof Error ? error.message : error}`,
    );
  }
}
