import { type Backups, dueBackup } from "@mailflow/backup";
import type { WorkerLog } from "../sender/deps.ts";
import type { MessageLocks } from "../sender/message-locks.ts";

export interface BackupDeps {
  backups: Backups;
  locks: MessageLocks;
  log: WorkerLog;
}

const LOCK = "backup:daily";

/**
 * The daily backup job: asks pgBackRest what it holds, takes the backup that is due (a full one weekly, else a
 * differential daily; pgBackRest then expires what the 30-day retention no longer needs) and verifies the
 * repository after a full one. One worker at a time (a session lock). Returns what it took, or null.
 */
export async function runDueBackup(deps: BackupDeps, now = new Date()): Promise<"full" | "diff" | null> {
  if (!(await deps.locks.tryLock(LOCK))) return null;
  try {
    const due = dueBackup(await deps.backups.pgbackrest.backups(), now);
    if (!due) return null;
    const started = Date.now();
    await deps.backups.pgbackrest.backup(due);
    if (due === "full") await deps.backups.pgbackrest.verify();
    deps.log.info(`backup: ${due} backup taken in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return due;
  } finally {
    await deps.locks.unlock(LOCK);
  }
}
