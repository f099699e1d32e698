import type { UnsubscribeTokens } from "@mailflow/compliance";
import type { Db } from "@mailflow/db";
import type PgBoss from "pg-boss";
import type { BouncePolicy } from "./inbox-health.ts";
import type { InboxMail } from "./inbox-mail.ts";
import type { MessageLocks } from "./message-locks.ts";

export interface WorkerLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface SenderSettings {
  maxAttempts: number;
  retryBaseSeconds: number;
  /** Seconds after a crash before a SENDING message is looked up in Sent (see recover()). */
  settleSeconds: number;
  bounce: BouncePolicy;
}

/** What the sender, the recovery sweep and the scheduler share. Built once per process in worker.ts. */
export interface SenderDeps {
  db: Db;
  boss: PgBoss;
  locks: MessageLocks;
  mail: InboxMail;
  unsubscribe: UnsubscribeTokens;
  publicUrl: string;
  settings: SenderSettings;
  log: WorkerLog;
}
