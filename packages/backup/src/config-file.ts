import type { BackupSettings } from "./settings.ts";

/**
 * The pgBackRest configuration for one stanza, as INI text: an encrypted repository (AES-256-CBC, pgBackRest's
 * only cipher) with time-based retention (full backups kept for BACKUP_RETENTION_DAYS, with the WAL between them,
 * so any moment of that window can be restored), asynchronous WAL archiving with a local spool, and the cluster.
 * S3 credentials are never written here: pgBackRest reads PGBACKREST_REPO1_S3_KEY(_SECRET) from the environment.
 */
export function renderPgbackrestConfig(settings: BackupSettings, cipherPass: string): string {
  const repo =
    settings.PGBACKREST_REPO_TYPE === "s3"
      ? [
          "repo1-type=s3",
          `repo1-path=${settings.PGBACKREST_REPO_PATH}`,
          `repo1-s3-bucket=${settings.PGBACKREST_REPO_S3_BUCKET}`,
          `repo1-s3-endpoint=${settings.PGBACKREST_REPO_S3_ENDPOINT}`,
          `repo1-s3-region=${settings.PGBACKREST_REPO_S3_REGION ?? "us-east-1"}`,
        ]
      : ["repo1-type=posix", `repo1-path=${settings.PGBACKREST_REPO_PATH}`];
  const work = settings.PGBACKREST_WORK_DIR;
  return [
    "[global]",
    ...repo,
    "repo1-cipher-type=aes-256-cbc",
    `repo1-cipher-pass=${cipherPass}`,
    "repo1-retention-full-type=time",
    `repo1-retention-full=${settings.BACKUP_RETENTION_DAYS}`,
    "compress-type=zst",
    "start-fast=y",
    "archive-async=y",
    `spool-path=${work}/spool`,
    `log-path=${work}/log`,
    `lock-path=${work}/lock`,
    "log-level-console=warn",
    "log-level-file=info",
    "",
    `[${settings.PGBACKREST_STANZA}]`,
    `pg1-path=${settings.PGDATA}`,
    `pg1-port=${settings.PG_PORT}`,
    `pg1-socket-path=${settings.PG_SOCKET_DIR}`,
    "",
  ].join("\n");
}

/** The postgresql.conf settings for continuous WAL archiving into the repository. */
export function archiveSettings(settings: Pick<BackupSettings, "PGBACKREST_CONFIG" | "PGBACKREST_STANZA">) {
  return {
    wal_level: "replica",
    archive_mode: "on",
    archive_command: `pgbackrest --config=${settings.PGBACKREST_CONFIG} --stanza=${settings.PGBACKREST_STANZA} archive-push %p`,
    // A moment with no commits would otherwise leave its WAL unarchived until the segment fills.
    archive_timeout: "60",
  } as const;
}
