import { ConfigError } from "@mailflow/config";
import { z } from "zod";

/**
 * Where the cluster and the backup repository are, as the operator configures them (environment variables, see
 * docs/operations.md). The cipher passphrase is the repository's own: never the vault key, so a leaked backup
 * passphrase opens no inbox password and a leaked vault key opens no backup.
 */
export const backupSettingsSchema = z
  .object({
    PGBACKREST_STANZA: z
      .string()
      .regex(/^[a-z0-9_-]+$/)
      .default("mailflow"),
    /** The rendered pgBackRest configuration (holds the cipher passphrase: written 0600). */
    PGBACKREST_CONFIG: z.string().min(1),
    /** A directory for the repository (repo1-path); S3-compatible storage: see docs/operations.md. */
    PGBACKREST_REPO_PATH: z.string().min(1),
    /** Also write the repo1-s3-* options from PGBACKREST_REPO_S3_* (bucket, endpoint, region; keys via env). */
    PGBACKREST_REPO_TYPE: z.enum(["posix", "s3"]).default("posix"),
    PGBACKREST_REPO_S3_BUCKET: z.string().optional(),
    PGBACKREST_REPO_S3_ENDPOINT: z.string().optional(),
    PGBACKREST_REPO_S3_REGION: z.string().optional(),
    BACKUP_CIPHER_PASS: z.string().min(32, "must be at least 32 characters (openssl rand -base64 48)").optional(),
    BACKUP_CIPHER_PASS_FILE: z.string().min(1).optional(),
    BACKUP_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
    /** The cluster's data directory (pg1-path) and how to reach it locally. */
    PGDATA: z.string().min(1),
    PG_PORT: z.coerce.number().int().default(5432),
    PG_SOCKET_DIR: z.string().default("/var/run/postgresql"),
    PG_BIN_DIR: z.string().default("/usr/lib/postgresql/15/bin"),
    /** When the command runs as root: the OS user that owns PGDATA (pg_ctl and pgBackRest run as that user). */
    PG_OS_USER: z.string().optional(),
    /** Where pgBackRest keeps its logs, spool and locks. */
    PGBACKREST_WORK_DIR: z.string().default("/var/lib/pgbackrest-work"),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.BACKUP_CIPHER_PASS) === Boolean(env.BACKUP_CIPHER_PASS_FILE))
      ctx.addIssue({
        code: "custom",
        path: ["BACKUP_CIPHER_PASS_FILE"],
        message: "set exactly one of BACKUP_CIPHER_PASS or BACKUP_CIPHER_PASS_FILE (not the vault key)",
      });
    if (env.PGBACKREST_REPO_TYPE === "s3" && !(env.PGBACKREST_REPO_S3_BUCKET && env.PGBACKREST_REPO_S3_ENDPOINT))
      ctx.addIssue({
        code: "custom",
        path: ["PGBACKREST_REPO_S3_BUCKET"],
        message: "an s3 repository needs PGBACKREST_REPO_S3_BUCKET and PGBACKREST_REPO_S3_ENDPOINT",
      });
  });

export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export function loadBackupSettings(env: Record<string, string | undefined> = process.env): BackupSettings {
  const parsed = backupSettingsSchema.safeParse(env);
  if (!parsed.success) throw ConfigError.fromZod(parsed.error);
  return parsed.data;
}
