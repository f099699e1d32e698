import type { ImapFlow } from "imapflow";

/** The mailbox flagged \Sent (RFC 6154 SPECIAL-USE), else one named like a Sent folder, else "Sent". */
export async function findSentMailbox(client: ImapFlow): Promise<string> {
  const boxes = await client.list();
  const special = boxes.find((box) => box.specialUse === "\\Sent");
  if (special) return special.path;
  const named = boxes.find((box) => /^(sent|sent items|sent messages|\[gmail\]\/sent mail)$/i.test(box.path));
  return named?.path ?? "Sent";
}

/** Is a message with this Message-ID (with brackets) in the mailbox? Read-only: opens it with EXAMINE. */
export async function mailboxHasMessageId(client: ImapFlow, mailbox: string, messageId: string): Promise<boolean> {
  const lock = await client.getMailboxLock(mailbox, { readOnly: true });
  try {
    const found = await client.search({ header: { "message-id": messageId } }, { uid: true });
    return Array.isArray(found) && found.length > 0;
  } finally {
    lock.release();
  }
}

/** Files the exact bytes that were sent in the mailbox, marked as read, as a mail client does after sending. */
export async function appendSentCopy(client: ImapFlow, mailbox: string, raw: Buffer, date: Date): Promise<void> {
  await client.append(mailbox, raw, ["\\Seen"], date);
}
