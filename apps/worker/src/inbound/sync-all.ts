import type { Inbox } from "@mailflow/db";
import { emitWebhookEvent } from "@mailflow/webhooks";
import type { WorkerLog } from "../sender/deps.ts";
import { pauseInbox } from "../sender/inbox-health.ts";
import type { MessageLocks } from "../sender/message-locks.ts";
import { type SyncDeps, type SyncReport, syncInbox } from "./sync-inbox.ts";

export interface SyncAllDeps extends SyncDeps {
  locks: MessageLocks;
  log: WorkerLog;
  /** IMAP connections open at once (each pass connects, reads, logs out). */
  concurrency: number;
}

/** After a failure an inbox waits 30 s, 1 min, 2 min ... up to 30 min before the next try. */
const BACKOFF_MS = (failures: number) => Math.min(30 * 60_000, 30_000 * 2 ** Math.max(0, failures - 1));
/** Consecutive refused logins after which the inbox is paused (its password was revoked). */
const AUTH_FAILURES_TO_PAUSE = 3;

/**
 * Polls every active inbox (UID-incremental: one short connection per inbox per pass, `concurrency` at a time), so a
 * worker can watch thousands with a bounded number of sockets. Each inbox is synced by one worker at a time (an
 * advisory lock); an inbox that fails backs off exponentially, and one whose login is refused repeatedly pauses
 * itself with a readable reason.
 */
export class InboxSyncer {
  private readonly failures = new Map<string, { count: number; authFailures: number; retryAt: number }>();
  /** requestSync: inboxes waiting out the short debounce, queued, and syncing now. */
  private readonly requested = new Set<string>();
  private readonly queue: string[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly deps: SyncAllDeps) {}

  /**
   * New mail in an inbox (IMAP IDLE said so): sync it shortly after the first signal of a burst, one sync per inbox
   * at a time and no more than `concurrency` of these at once (200 watchers reconnecting must not open 200 sockets).
   * Returns at once; `settled()` waits for what it started.
   */
  requestSync(inboxId: string): void {
    if (this.requested.has(inboxId)) return;
    this.requested.add(inboxId);
    setTimeout(() => {
      this.requested.delete(inboxId);
      this.queue.push(inboxId);
      this.drain();
    }, 300);
  }

  /** Resolves when the syncs started by requestSync have finished. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private drain(): void {
    while (this.inFlight.size < this.deps.concurrency && this.queue.length > 0) {
      const inboxId = this.queue.shift()!;
      const run: Promise<unknown> = this.deps.db.inbox
        .findUnique({ where: { id: inboxId } })
        .then((inbox) => (inbox?.status === "ACTIVE" ? this.syncLocked(inbox) : null))
        .catch((error) => this.deps.log.warn(`idle sync: ${String(error)}`))
        .finally(() => {
          this.inFlight.delete(run);
          this.drain();
        });
      this.inFlight.add(run);
    }
  }

  async syncAll(now = Date.now()): Promise<Map<string, SyncReport>> {
    const inboxes = await this.deps.db.inbox.findMany({ where: { status: "ACTIVE" }, orderBy: { id: "asc" } });
    const due = inboxes.filter((inbox) => (this.failures.get(inbox.id)?.retryAt ?? 0) <= now);
    const reports = new Map<string, SyncReport>();
    let next = 0;
    const lane = async () => {
      while (next < due.length) {
        const inbox = due[next++]!;
        const report = await this.syncLocked(inbox);
        if (report) reports.set(inbox.id, report);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.deps.concurrency, due.length) }, lane));
    return reports;
  }

  /** One pass over one inbox under its lock (one worker at a time); null when busy elsewhere or failed. */
  private async syncLocked(inbox: Inbox): Promise<SyncReport | null> {
    const key = `sync:${inbox.id}`;
    if (!(await this.deps.locks.tryLock(key))) return null;
    try {
      const report = await syncInbox(this.deps, inbox);
      this.failures.delete(inbox.id);
      return report;
    } catch (error) {
      await this.recordFailure(inbox.id, error);
      return null;
    } finally {
      await this.deps.locks.unlock(key);
    }
  }

  private async recordFailure(inboxId: string, error: unknown): Promise<void> {
    const previous = this.failures.get(inboxId) ?? { count: 0, authFailures: 0, retryAt: 0 };
    const authFailed = (error as { authenticationFailed?: boolean }).authenticationFailed === true;
    const state = {
      count: previous.count + 1,
      authFailures: authFailed ? previous.authFailures + 1 : 0,
      retryAt: Date.now() + BACKOFF_MS(previous.count + 1),
    };
    this.failures.set(inboxId, state);
    const reason = error instanceof Error ? error.message : String(error);
    this.deps.log.warn(`imap sync of inbox ${inboxId} failed (${state.count} in a row): ${reason}`);
    if (state.count === 1) {
      // The first failure after a success: tell the workspace once, not on every retry.
      const inbox = await this.deps.db.inbox.findUnique({ where: { id: inboxId } });
      if (inbox) {
        await emitWebhookEvent(this.deps.db, inbox.workspaceId, "inbox.error", {
          inboxId,
          email: inbox.email,
          reason: `Replies cannot be read right now: ${reason}`,
        });
      }
    }
    if (state.authFailures >= AUTH_FAILURES_TO_PAUSE) {
      await pauseInbox(
        this.deps.db,
        inboxId,
        "The mail server refused the inbox's IMAP login several times in a row, so replies cannot be read. " +
          "Reconnect it with a new App Password.",
      );
      this.failures.delete(inboxId);
    }
  }
}
