import { createDb } from "@mailflow/db";
import { LedgerFile, type ReplayReport, replayErasures } from "@mailflow/privacy";
import type { Backups } from "./backups.ts";
import { waitUntilPromoted } from "./cluster.ts";

export interface RestoreReport {
  to: Date;
  /** The erasure ledger replayed into each database (one per region). */
  erasures: { databaseUrl: string; report: ReplayReport }[];
}

/**
 * Rebuilds the cluster as it was at `to`, then makes sure nobody erased under GDPR comes back: the ledger outside
 * the database (ERASURE_LEDGER_FILE) is replayed into every MailFlow database of the cluster. The cluster is
 * stopped for the restore: MailFlow's server and worker should be stopped first (docs/operations.md).
 */
export async function restoreCluster(
  backups: Backups,
  options: { to: Date; databaseUrls: readonly string[]; ledgerFile: string; log?: (line: string) => void },
): Promise<RestoreReport> {
  const log = options.log ?? (() => {});
  if (Number.isNaN(options.to.getTime())) throw new Error("--to must be a date and time, e.g. 2026-11-29T10:15:00Z");
  if (options.to.getTime() > Date.now()) throw new Error("--to is in the future");
  const ledger = new LedgerFile(options.ledgerFile);
  const entries = ledger.read(); // read first: a broken ledger stops the restore before anything changes
  log(`stopping the cluster (${backups.settings.PGDATA})`);
  await backups.cluster.stop();
  log(`restoring to ${options.to.toISOString()}`);
  await backups.pgbackrest.restoreTo(options.to);
  log("starting the cluster; it replays WAL up to the target, then is promoted");
  await backups.cluster.start();
  const erasures: RestoreReport["erasures"] = [];
  for (const databaseUrl of options.databaseUrls) {
    await waitUntilPromoted(databaseUrl);
    const db = createDb(databaseUrl, { maxConnections: 2 });
    try {
      const report = await replayErasures(db, entries);
      log(`erasure ledger replayed: ${report.entries} entries, ${report.reapplied} erased again`);
      erasures.push({ databaseUrl, report });
    } finally {
      await db.$disconnect();
    }
  }
  return { to: options.to, erasures };
}
