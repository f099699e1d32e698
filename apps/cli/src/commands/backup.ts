import { record } from "@mailflow/audit";
import { archiveSettings, type Backups, restoreCluster } from "@mailflow/backup";
import { createDb } from "@mailflow/db";

type Log = (line: string) => void;

/**
 * Writes the pgBackRest configuration, creates the stanza and checks archiving. Prints the postgresql.conf lines
 * WAL archiving needs (set them, restart PostgreSQL, then run this again: `check` passes once WAL arrives).
 */
export async function backupSetup(backups: Backups, log: Log): Promise<number> {
  backups.writeConfig();
  log(`wrote ${backups.settings.PGBACKREST_CONFIG} (0600)`);
  log("postgresql.conf needs (then restart PostgreSQL):");
  for (const [key, value] of Object.entries(archiveSettings(backups.settings))) log(`  ${key} = '${value}'`);
  await backups.pgbackrest.setUp();
  log(`stanza "${backups.settings.PGBACKREST_STANZA}" created; WAL archiving reaches the repository`);
  return 0;
}

export async function backupRun(backups: Backups, type: string | undefined, log: Log): Promise<number> {
  if (type !== "full" && type !== "diff") {
    log("usage: mailflow backup:run full|diff");
    return 2;
  }
  await backups.pgbackrest.backup(type);
  log(`${type} backup taken`);
  return 0;
}

export async function backupVerify(backups: Backups, log: Log): Promise<number> {
  await backups.pgbackrest.verify();
  log("every backup and WAL file matches its checksum");
  return 0;
}

export async function backupInfo(backups: Backups, log: Log): Promise<number> {
  const list = await backups.pgbackrest.backups();
  for (const b of list) log(`${b.label}  ${b.type.padEnd(4)}  ${new Date(b.timestamp.stop * 1000).toISOString()}`);
  if (list.length === 0) log("no backups yet");
  return 0;
}

/** `mailflow restore --to 2026-11-29T10:15:00Z`: the whole cluster at that moment, then the erasure ledger replayed. */
export async function restore(
  backups: Backups,
  args: readonly string[],
  env: { databaseUrls: string[]; ledgerFile: string | undefined },
  log: Log,
): Promise<number> {
  const at = args.indexOf("--to");
  const value = at >= 0 ? args[at + 1] : undefined;
  const to =
    value && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : null;
  if (!to || Number.isNaN(to.getTime())) {
    log('usage: mailflow restore --to "2026-11-29T10:15:00Z" (a moment with its time zone)');
    return 2;
  }
  if (!env.ledgerFile) {
    log("ERASURE_LEDGER_FILE is not set: a restore without the erasure ledger could bring erased people back");
    return 78;
  }
  const report = await restoreCluster(backups, { to, databaseUrls: env.databaseUrls, ledgerFile: env.ledgerFile, log });
  for (const databaseUrl of env.databaseUrls) {
    const db = createDb(databaseUrl, { maxConnections: 1 });
    try {
      const replay = report.erasures.find((e) => e.databaseUrl === databaseUrl)!.report;
      await record(db, {
        action: "admin.restored",
        actor: { type: "system" },
        metadata: { to: to.toISOString(), via: "cli", ledgerEntries: replay.entries, erasedAgain: replay.reapplied },
      });
    } finally {
      await db.$disconnect();
    }
  }
  log(`restored to ${to.toISOString()}; start MailFlow again`);
  return 0;
}
