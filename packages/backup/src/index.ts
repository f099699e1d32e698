export { type Backups, openBackups } from "./backups.ts";
export { LocalCluster, waitUntilPromoted } from "./cluster.ts";
export { archiveSettings, renderPgbackrestConfig } from "./config-file.ts";
export { type BackupInfo, PgBackRest, postgresTimestamp } from "./pgbackrest.ts";
export { type RestoreReport, restoreCluster } from "./restore.ts";
export { runAs } from "./run-as.ts";
export { dueBackup } from "./schedule.ts";
export { type BackupSettings, backupSettingsSchema, loadBackupSettings } from "./settings.ts";
