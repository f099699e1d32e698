import type { Db, Inbox } from "@mailflow/db";
import { classifyIncoming } from "@mailflow/mail";
import type { ImapFlow } from "imapflow";
import PostalMime from "postal-mime";
import type { WorkerLog } from "../sender/deps.ts";
import type { InboxMail } from "../sender/inbox-mail.ts";
import { applyInbound, type InboundOutcome } from "./apply-inbound.ts";

export interface SyncDeps {
  db: Db;
  mail: InboxMail;
  log: WorkerLog;
  /** Messages read per inbox per pass; the rest wait for the next pass (no inbox can starve the others). */
  batch?: number;
}

export interface SyncReport {
  read: number;
  outcomes: Partial<Record<InboundOutcome, number>>;
  resynced: boolean;
}

const FOLDER = "INBOX";

/**
 * One pass over an inbox's INBOX: read what arrived after the stored cursor (UIDVALIDITY + last UID), classify it,
 * apply it and move the cursor in the same transaction, so a crash or restart resumes exactly there. The folder is
 * opened read-only (EXAMINE) and bodies fetched with BODY.PEEK: syncing never marks the user's mail as read. On the
 * first pass, or when the server renumbered the folder (a new UIDVALIDITY), it reads what arrived since the inbox was
 * connected; messages already stored are recognised and skipped.
 */
export async function syncInbox(deps: SyncDeps, inbox: Inbox): Promise<SyncReport> {
  const report: SyncReport = { read: 0, outcomes: {}, resynced: false };
  await deps.mail.withImap(inbox, async (client) => {
    const lock = await client.getMailboxLock(FOLDER, { readOnly: true });
    try {
      const mailbox = client.mailbox;
      if (!mailbox) return;
      const uidValidity = BigInt(mailbox.uidValidity);
      const cursor = await deps.db.inboxCursor.findUnique({
        where: { inboxId_folder: { inboxId: inbox.id, folder: FOLDER } },
      });
      let uids: number[];
      if (!cursor || cursor.uidValidity !== uidValidity) {
        report.resynced = true;
        const found = await client.search({ since: inbox.createdAt }, { uid: true });
        uids = Array.isArray(found) ? found : [];
        if (uids.length === 0) {
          await saveCursor(deps.db, inbox.id, uidValidity, BigInt(Math.max(0, Number(mailbox.uidNext) - 1)));
          return;
        }
        if (cursor && cursor.uidValidity !== uidValidity) {
          deps.log.warn(`inbox ${inbox.id}: UIDVALIDITY changed, reading the folder again`);
        }
      } else {
        const found = await client.search({ uid: `${cursor.lastUid + 1n}:*` }, { uid: true });
        uids = (Array.isArray(found) ? found : []).filter((uid) => BigInt(uid) > cursor.lastUid);
      }
      uids.sort((a, b) => a - b);
      for (const uid of uids.slice(0, deps.batch ?? 200)) {
        const outcome = await readOne(deps, client, inbox, uidValidity, uid);
        report.read++;
        report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
      }
    } finally {
      lock.release();
    }
  });
  return report;
}

async function readOne(
  deps: SyncDeps,
  client: ImapFlow,
  inbox: Inbox,
  uidValidity: bigint,
  uid: number,
): Promise<InboundOutcome> {
  const message = await client.fetchOne(String(uid), { source: true, internalDate: true }, { uid: true });
  let outcome: InboundOutcome = "unrelated";
  await deps.db.$transaction(async (tx) => {
    if (message !== false && message.source) {
      const email = await PostalMime.parse(message.source);
      // After a UIDVALIDITY change the same message comes back under a new UID: recognise it by Message-ID.
      const seen =
        email.messageId &&
        (await tx.inboundMessage.findFirst({ where: { inboxId: inbox.id, messageId: email.messageId } }));
      if (!seen) {
        const internal = message.internalDate;
        outcome = await applyInbound(tx, {
          inbox,
          folder: FOLDER,
          uidValidity,
          uid: BigInt(uid),
          email,
          kind: classifyIncoming(email),
          receivedAt: internal instanceof Date ? internal : new Date(),
        });
      } else {
        outcome = "duplicate";
      }
    }
    await saveCursor(tx, inbox.id, uidValidity, BigInt(uid));
  });
  return outcome;
}

type CursorDb = Pick<Db, "inboxCursor">;

async function saveCursor(db: CursorDb, inboxId: string, uidValidity: bigint, lastUid: bigint): Promise<void> {
  await db.inboxCursor.upsert({
    where: { inboxId_folder: { inboxId, folder: FOLDER } },
    create: { inboxId, folder: FOLDER, uidValidity, lastUid },
    update: { uidValidity, lastUid },
  });
}
