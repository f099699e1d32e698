import { readFileSync } from "node:fs";
import type { Backups } from "@mailflow/backup";
import { UnsubscribeTokens } from "@mailflow/compliance";
import type { WorkerConfig } from "@mailflow/config";
import { createDb, type Db, distinctDatabaseUrls, RegionalDbs } from "@mailflow/db";
import { LedgerFile } from "@mailflow/privacy";
import { assertVaultHoldsAllKeys, loadKeyRing } from "@mailflow/secrets";
import { Vault } from "@mailflow/vault";
import type PgBoss from "pg-boss";
import { runDueBackup } from "./backups/run-due-backup.ts";
import { requeueAbandonedImports, runNextImport } from "./imports/run-import.ts";
import { IdleWatchers } from "./inbound/idle-watchers.ts";
import { InboxSyncer } from "./inbound/sync-all.ts";
import type { SyncReport } from "./inbound/sync-inbox.ts";
import { runNextPrivacyRequest, sweepPrivacyRequests } from "./privacy/run-request.ts";
import { queues, type SendJob, startBoss } from "./queue/boss.ts";
import { startJobLoop } from "./queue/job-loop.ts";
import { runSchedulerTick, type SchedulerDeps, type TickReport } from "./scheduler/tick.ts";
import type { SenderDeps, WorkerLog } from "./sender/deps.ts";
import { InboxMail } from "./sender/inbox-mail.ts";
import { MessageLocks } from "./sender/message-locks.ts";
import { sweepStuckMessages } from "./sender/recovery-sweep.ts";
import { MessageBusyError, processSendJob } from "./sender/send-message.ts";
import { deliverDueWebhooks } from "./webhooks/deliver.ts";

export interface Worker {
  sender: SenderDeps;
  scheduler: SchedulerDeps;
  /** One IMAP pass over every active inbox now (the running worker does it every IMAP_SYNC_INTERVAL_MS). */
  syncInboxes(): Promise<Map<string, SyncReport>>;
  /** Starts IMAP IDLE for the inboxes of running campaigns now (the running worker refreshes every IMAP_IDLE_REFRESH_MS). */
  watchIdle(): Promise<number>;
  /** One scheduler pass now (tests call it directly; the running worker calls it every SCHEDULER_INTERVAL_MS). */
  tick(now?: Date): Promise<TickReport>;
  /**
   * Starts the send loops, the recovery sweep and (unless `scheduler: false`, for tests that drive the clock with
   * tick(now)) the scheduler timer.
   */
  start(options?: { scheduler?: boolean }): void;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  maxConnections?: number;
  log?: WorkerLog;
  /** pgBackRest, when this worker takes the daily backup (BACKUP_ENABLED; main.ts reads its settings). */
  backups?: Backups | null;
  /** Called when the lock connection is lost: the process must stop sending (main.ts exits). */
  onFatal?: (error: Error) => void;
}

const consoleLog: WorkerLog = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

/**
 * Builds everything a worker process runs on, from a validated config. Nothing runs until start(). With region
 * databases configured (data residency), the worker serves each of them and the global one: the same jobs, one set
 * per database, each on its own queue and locks.
 */
export async function createWorker(config: WorkerConfig, options: WorkerOptions = {}): Promise<Worker> {
  const urls = distinctDatabaseUrls(config);
  const regions = RegionalDbs.fromConfig(config, { maxConnections: 2 });
  const parts = await Promise.all(
    urls.map((url, index) =>
      // The backup is of the whole cluster: one database's worker takes it.
      createDatabaseWorker(
        config,
        url,
        { regions, isGlobal: url === config.DATABASE_URL },
        {
          ...options,
          backups: index === 0 ? options.backups : null,
        },
      ),
    ),
  );
  const [first] = parts;
  if (parts.length === 1) {
    const stop = first!.stop;
    return {
      ...first!,
      stop: async () => {
        await stop();
        await regions.disconnect();
      },
    };
  }
  return {
    sender: first!.sender,
    scheduler: first!.scheduler,
    tick: async (now) => {
      const reports = await Promise.all(parts.map((p) => p.tick(now)));
      return reports.reduce((a, b) => sumReports(a, b));
    },
    syncInboxes: async () => new Map((await Promise.all(parts.map((p) => p.syncInboxes()))).flatMap((m) => [...m])),
    watchIdle: async () => (await Promise.all(parts.map((p) => p.watchIdle()))).reduce((a, b) => a + b, 0),
    start: (startOptions) => {
      for (const part of parts) part.start(startOptions);
    },
    async stop() {
      await Promise.all(parts.map((p) => p.stop()));
      await regions.disconnect();
    },
  };
}

/** Two databases' scheduler reports as one: counts added, ran if either ran. */
function sumReports(a: TickReport, b: TickReport): TickReport {
  const sum = { ...a };
  for (const key of Object.keys(b) as (keyof TickReport)[]) {
    const [x, y] = [a[key], b[key]];
    (sum as Record<string, unknown>)[key] =
      typeof x === "number" && typeof y === "number" ? x + y : typeof x === "boolean" ? x || Boolean(y) : x;
  }
  return sum;
}

/**
 * The worker of one database. `installation` knows every database: data requests reach users, memberships and
 * invitations in the global one and a deleted account's workspaces in their regions.
 */
async function createDatabaseWorker(
  config: WorkerConfig,
  databaseUrl: string,
  installation: { regions: RegionalDbs; isGlobal: boolean },
  options: WorkerOptions,
): Promise<Worker> {
  const log = options.log ?? consoleLog;
  const vault = new Vault(loadKeyRing(config));
  const db: Db = createDb(databaseUrl, { maxConnections: options.maxConnections ?? 8 });
  await assertVaultHoldsAllKeys(db, vault);
  const boss: PgBoss = await startBoss(databaseUrl, { maxConnections: options.maxConnections ?? 4 });
  const locks = await MessageLocks.connect(
    databaseUrl,
    options.onFatal ??
      ((error) => {
        log.error(`lost the lock connection (${error.message}); exiting so no message is sent without its lock`);
        process.exit(1);
      }),
  );
  const mail = new InboxMail(db, vault, {
    allowPrivateHosts: config.MAIL_ALLOW_PRIVATE_HOSTS,
    extraCa: config.MAIL_EXTRA_CA_FILE ? readFileSync(config.MAIL_EXTRA_CA_FILE, "utf8") : undefined,
    timeoutMs: config.MAIL_TIMEOUT_MS,
  });
  const unsubscribe = new UnsubscribeTokens(config.UNSUBSCRIBE_SECRET);
  const sender: SenderDeps = {
    db,
    boss,
    locks,
    mail,
    unsubscribe,
    publicUrl: config.PUBLIC_URL,
    log,
    settings: {
      maxAttempts: config.SEND_MAX_ATTEMPTS,
      retryBaseSeconds: config.SEND_RETRY_BASE_SECONDS,
      settleSeconds: config.RECOVERY_SETTLE_SECONDS,
      bounce: { threshold: config.BOUNCE_PAUSE_THRESHOLD, minSends: config.BOUNCE_PAUSE_MIN_SENDS, window: 100 },
    },
  };
  const scheduler: SchedulerDeps = {
    db,
    boss,
    unsubscribe,
    publicUrl: config.PUBLIC_URL,
    batch: config.SCHEDULER_BATCH,
    random: Math.random,
  };

  const imports = { db, locks, log };
  const privacy = {
    db,
    globalDb: installation.isGlobal ? null : installation.regions.global,
    regions: installation.regions,
    vault,
    locks,
    log,
    ledger: config.ERASURE_LEDGER_FILE ? new LedgerFile(config.ERASURE_LEDGER_FILE) : null,
  };
  const webhooks = {
    db,
    vault,
    log,
    allowPrivateHosts: config.WEBHOOK_ALLOW_PRIVATE_HOSTS,
    extraCa: config.WEBHOOK_EXTRA_CA_FILE ? readFileSync(config.WEBHOOK_EXTRA_CA_FILE, "utf8") : undefined,
    retrySchedule: config.WEBHOOK_RETRY_SCHEDULE,
    disableAfterFailures: config.WEBHOOK_DISABLE_AFTER_FAILURES,
  };
  const syncer = new InboxSyncer({ db, mail, locks, log, concurrency: config.IMAP_SYNC_CONCURRENCY });
  const idle = new IdleWatchers({
    db,
    mail,
    log,
    limit: config.IMAP_IDLE_MAX,
    onNewMail: (inboxId) => syncer.requestSync(inboxId),
  });

  let loop: { stop(): Promise<void> } | null = null;
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  // A periodic task never overlaps itself; its errors are logged, never fatal.
  const every = (ms: number, name: string, task: () => Promise<unknown>) => {
    let busy = false;
    timers.push(
      setInterval(() => {
        if (busy) return;
        busy = true;
        const run = task()
          .catch((error) => log.error(`${name}: ${error instanceof Error ? error.message : String(error)}`))
          .finally(() => {
            busy = false;
            running.delete(run);
          });
        running.add(run);
      }, ms),
    );
  };

  return {
    sender,
    scheduler,
    tick: (now) => runSchedulerTick(scheduler, now),
    syncInboxes: () => syncer.syncAll(),
    watchIdle: () => idle.refresh(),
    start({ scheduler: withScheduler = true } = {}) {
      loop = startJobLoop<SendJob>({
        boss,
        queue: queues.send,
        concurrency: config.SEND_CONCURRENCY,
        pollMs: config.JOB_POLL_MS,
        handle: async ({ messageId }) => {
          await processSendJob(sender, messageId);
        },
        onError: (error) => {
          if (!(error instanceof MessageBusyError))
            log.error(`send: ${error instanceof Error ? error.message : error}`);
        },
      });
      if (withScheduler) every(config.SCHEDULER_INTERVAL_MS, "scheduler", () => runSchedulerTick(scheduler));
      every(Math.max(1000, Math.min(config.RECOVERY_SETTLE_SECONDS * 1000, 10_000)), "recovery", async () => {
        await sweepStuckMessages(sender);
        await requeueAbandonedImports(imports);
        await sweepPrivacyRequests(privacy);
      });
      every(config.IMAP_SYNC_INTERVAL_MS, "imap-sync", () => syncer.syncAll());
      if (config.IMAP_IDLE_MAX > 0) {
        void idle.refresh().catch((error) => log.warn(`idle: ${String(error)}`));
        every(config.IMAP_IDLE_REFRESH_MS, "idle-refresh", () => idle.refresh());
      }
      every(config.JOB_POLL_MS, "webhooks", async () => {
        while ((await deliverDueWebhooks(webhooks)) > 0) {}
      });
      // Lead imports: one at a time per worker, each as fast as the database takes the rows.
      every(config.JOB_POLL_MS, "imports", async () => {
        while (await runNextImport(imports)) {}
      });
      const { backups } = options;
      if (backups) every(config.BACKUP_CHECK_INTERVAL_MS, "backup", () => runDueBackup({ backups, locks, log }));
      // Data requests (exports, erasures, account deletions): one at a time per worker.
      every(config.JOB_POLL_MS, "privacy", async () => {
        while (await runNextPrivacyRequest(privacy)) {}
      });
    },
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await loop?.stop();
      await idle.stopAll();
      await syncer.settled();
      await Promise.allSettled([...running]);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      mail.close();
      await locks.close();
      await db.$disconnect();
    },
  };
}
