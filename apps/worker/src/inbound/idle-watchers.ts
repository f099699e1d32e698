import type { Db } from "@mailflow/db";
import { ManagedImapConnection } from "@mailflow/mail";
import type { ImapFlow } from "imapflow";
import type { WorkerLog } from "../sender/deps.ts";
import type { InboxMail } from "../sender/inbox-mail.ts";

export interface IdleDeps {
  db: Db;
  mail: InboxMail;
  log: WorkerLog;
  /** Long-lived IDLE connections this worker keeps at most; the other inboxes rely on polling. */
  limit: number;
  /** New mail arrived in this inbox: sync it now. */
  onNewMail(inboxId: string): void;
}

/**
 * IMAP IDLE for the inboxes that matter most (those of running campaigns, up to `limit`): the server tells us the
 * moment mail arrives, so a reply stops a sequence within seconds instead of at the next poll. The watcher only
 * listens (EXAMINE INBOX, IDLE); reading is done by the normal sync, which keeps the cursor. Connections reconnect
 * with backoff (ManagedImapConnection); a server without IDLE support falls back to polling on its own.
 */
export class IdleWatchers {
  private readonly watchers = new Map<string, { connection: ManagedImapConnection; version: Date }>();

  constructor(private readonly deps: IdleDeps) {}

  /** Starts watchers for the chosen inboxes and stops the others. Called periodically. */
  async refresh(): Promise<number> {
    const wanted = await this.deps.db.inbox.findMany({
      where: {
        status: "ACTIVE",
        messages: { some: { campaignLead: { status: "ACTIVE", campaign: { status: "ACTIVE" } } } },
      },
      orderBy: { id: "asc" },
      take: this.deps.limit,
    });
    const ids = new Set(wanted.map((i) => i.id));
    for (const [id, watcher] of this.watchers) {
      const current = wanted.find((i) => i.id === id);
      if (!ids.has(id) || (current && current.updatedAt.getTime() !== watcher.version.getTime())) {
        await watcher.connection.stop();
        this.watchers.delete(id);
      }
    }
    for (const inbox of wanted) {
      if (this.watchers.has(inbox.id)) continue;
      try {
        const createClient = await this.deps.mail.imapClientFactory(inbox);
        const connection = new ManagedImapConnection({
          createClient,
          onStateChange: (state) => {
            if (state === "connected") void this.listen(inbox.id, connection);
          },
        }).start();
        this.watchers.set(inbox.id, { connection, version: inbox.updatedAt });
      } catch (error) {
        this.deps.log.warn(`IDLE for inbox ${inbox.id} not started: ${error instanceof Error ? error.message : error}`);
      }
    }
    return this.watchers.size;
  }

  private async listen(inboxId: string, connection: ManagedImapConnection): Promise<void> {
    let client: ImapFlow;
    try {
      client = await connection.client();
      await client.mailboxOpen("INBOX", { readOnly: true });
    } catch {
      return; // the connection dropped: ManagedImapConnection reconnects and calls listen again
    }
    if (!client.capabilities.has("IDLE")) return;
    client.on("exists", () => this.deps.onNewMail(inboxId));
    // Mail that arrived while this connection was down is already counted in EXISTS and raises no event: catch up.
    this.deps.onNewMail(inboxId);
    // idle() returns when the server or a timeout ends it; loop until the connection closes.
    while (client.usable) {
      try {
        await client.idle();
      } catch {
        return;
      }
    }
  }

  get size(): number {
    return this.watchers.size;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.watchers.values()].map((w) => w.connection.stop()));
    this.watchers.clear();
  }
}
