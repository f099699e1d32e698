import pg from "pg";

/** Advisory-lock namespace of messages being sent (the first key of pg_try_advisory_lock(int, int)). */
const MESSAGE_LOCK_CLASS = 0x6d66_0001;

/**
 * Which messages this process is sending right now, as PostgreSQL session advisory locks on one dedicated
 * connection. If the process dies (even SIGKILL), its connection closes and PostgreSQL releases every lock at once:
 * another worker that can take a message's lock knows its sender is gone. The in-process set covers the embedded
 * database, where all connections share one backend and a lock alone cannot tell two senders apart.
 */
export class MessageLocks {
  private readonly held = new Set<string>();
  /** One query at a time on the connection (pg would queue them, but asks callers to). */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly client: pg.Client) {}

  static async connect(databaseUrl: string, onLost: (error: Error) => void): Promise<MessageLocks> {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: "mailflow-worker-locks" });
    // Losing this connection loses the locks: the owner must stop sending (the caller exits or restarts).
    client.on("error", onLost);
    await client.connect();
    return new MessageLocks(client);
  }

  async tryLock(messageId: string): Promise<boolean> {
    if (this.held.has(messageId)) return false;
    this.held.add(messageId);
    const { rows } = await this.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked", [
      MESSAGE_LOCK_CLASS,
      messageId,
    ]);
    if (!rows[0]?.locked) this.held.delete(messageId);
    return rows[0]?.locked === true;
  }

  async unlock(messageId: string): Promise<void> {
    if (!this.held.delete(messageId)) return;
    await this.query("SELECT pg_advisory_unlock($1, hashtext($2))", [MESSAGE_LOCK_CLASS, messageId]);
  }

  private query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    const run = this.queue.then(() => this.client.query<R>(text, values));
    this.queue = run.catch(() => {});
    return run;
  }

  isHeld(messageId: string): boolean {
    return this.held.has(messageId);
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
