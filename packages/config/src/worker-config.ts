import { z } from "zod";
import { databaseUrlFields } from "./databases.ts";
import { ConfigError } from "./errors.ts";
import { secretSchema } from "./secret.ts";

const positiveInt = z.coerce.number().int().positive();
const flag = z
  .enum(["true", "false"])
  .default("false")
  .transform((v) => v === "true");

/**
 * Every variable the worker reads. It needs the vault (to open inbox passwords) and the unsubscribe secret (to
 * write the links), never the session or password secrets. Defaults suit production; tests shorten the delays.
 */
export const workerEnvSchema = z
  .object({
    ...databaseUrlFields,
    UNSUBSCRIBE_SECRET: secretSchema,
    /** The dashboard's public https URL: unsubscribe links point at it. */
    PUBLIC_URL: z.url({ protocol: /^https$/, error: "must be an https:// URL" }),
    VAULT_KEYS: z.string().min(1).optional(),
    VAULT_KEYS_FILE: z.string().min(1).optional(),
    MAIL_ALLOW_PRIVATE_HOSTS: flag,
    MAIL_EXTRA_CA_FILE: z.string().min(1).optional(),
    MAIL_TIMEOUT_MS: positiveInt.default(15_000),
    /** How often the scheduler looks for due leads. */
    SCHEDULER_INTERVAL_MS: positiveInt.default(5_000),
    /** Due leads handled per scheduler transaction. */
    SCHEDULER_BATCH: positiveInt.default(200),
    /** Messages this process sends at once (each waits on an SMTP server most of the time). */
    SEND_CONCURRENCY: positiveInt.default(8),
    /** SMTP attempts before a temporary failure becomes permanent (about a day with the default backoff). */
    SEND_MAX_ATTEMPTS: positiveInt.default(8),
    /** First retry delay; each next one is 4 times longer (60 s, 4 min, 16 min, ~1 h, ~4 h, ...). */
    SEND_RETRY_BASE_SECONDS: positiveInt.default(60),
    /**
     * How long after a crash before a message left "sending" is looked up in the Sent folder: the server files its
     * copy a moment after accepting the message, and a lookup before that would resend it.
     */
    RECOVERY_SETTLE_SECONDS: positiveInt.default(30),
    /** An inbox pauses itself when bounces over its last 100 sends pass this share... */
    BOUNCE_PAUSE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.05),
    /** ...once it has at least this many sends to judge by. */
    BOUNCE_PAUSE_MIN_SENDS: positiveInt.default(20),
    /** Let webhook endpoints be on loopback/private addresses (self-hosting, tests); off: SSRF protection. */
    WEBHOOK_ALLOW_PRIVATE_HOSTS: flag,
    /** PEM file of an extra CA that webhook deliveries trust (a receiver with a company or test CA). */
    WEBHOOK_EXTRA_CA_FILE: z.string().min(1).optional(),
    /** Failed attempts in a row after which an endpoint is disabled. */
    WEBHOOK_DISABLE_AFTER_FAILURES: positiveInt.default(50),
    /** Delays between webhook attempts, in seconds (Standard Webhooks' schedule: 5 s up to 10 h, ~27 h in all). */
    WEBHOOK_RETRY_SCHEDULE: z
      .string()
      .default("5,300,1800,7200,18000,36000,36000")
      .transform((v) => v.split(",").map(Number))
      .refine((v) => v.every((n) => Number.isInteger(n) && n >= 0), "a comma-separated list of seconds"),
    /** How often every active inbox is checked for replies and bounces over IMAP. */
    IMAP_SYNC_INTERVAL_MS: positiveInt.default(60_000),
    /** Inboxes of running campaigns that get a long-lived IDLE connection (replies seen in seconds); 0 = poll only. */
    IMAP_IDLE_MAX: z.coerce.number().int().min(0).default(200),
    /** How often the set of IDLE inboxes is brought up to date. */
    IMAP_IDLE_REFRESH_MS: positiveInt.default(60_000),
    /** IMAP connections one worker opens at once while syncing. */
    IMAP_SYNC_CONCURRENCY: positiveInt.default(20),
    /**
     * The erasure ledger's copy outside the database (one JSON line per GDPR erasure, no personal data): on storage a
     * database restore does not roll back. `mailflow restore` replays it so a restore never brings an erased person
     * back. Unset: the database's copy only (a warning at every erasure).
     */
    ERASURE_LEDGER_FILE: z.string().min(1).optional(),
    /**
     * Take the daily pgBackRest backup from this worker (it must run where pgBackRest reaches the cluster; the
     * PGBACKREST_* / PGDATA settings are read then: docs/operations.md). One worker at a time takes it (a lock).
     */
    BACKUP_ENABLED: flag,
    /** How often the worker asks whether a backup is due (a full one weekly, a differential daily). */
    BACKUP_CHECK_INTERVAL_MS: positiveInt.default(3_600_000),
    /** How often idle job loops poll (pg-boss fetch). */
    JOB_POLL_MS: positiveInt.default(1_000),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.VAULT_KEYS) === Boolean(env.VAULT_KEYS_FILE)) {
      ctx.addIssue({
        code: "custom",
        path: ["VAULT_KEYS_FILE"],
        message: "set exactly one of VAULT_KEYS or VAULT_KEYS_FILE",
      });
    }
  });

export type WorkerConfig = z.infer<typeof workerEnvSchema>;

export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): WorkerConfig {
  const parsed = workerEnvSchema.safeParse(env);
  if (!parsed.success) throw ConfigError.fromZod(parsed.error);
  return parsed.data;
}
