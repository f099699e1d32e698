import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { LocalCluster } from "./cluster.ts";
import { renderPgbackrestConfig } from "./config-file.ts";
import { PgBackRest } from "./pgbackrest.ts";
import type { BackupSettings } from "./settings.ts";

/** pgBackRest and the local cluster, from the operator's settings. */
export function openBackups(settings: BackupSettings) {
  const osUser = settings.PG_OS_USER;
  return {
    settings,
    pgbackrest: new PgBackRest({ configPath: settings.PGBACKREST_CONFIG, stanza: settings.PGBACKREST_STANZA, osUser }),
    cluster: new LocalCluster({ binDir: settings.PG_BIN_DIR, dataDir: settings.PGDATA, osUser }),
    /**
     * Writes the pgBackRest configuration (0600, owned by the cluster's OS user: it holds the cipher passphrase)
     * and the working directories.
     */
    writeConfig(): void {
      const cipherPass = settings.BACKUP_CIPHER_PASS ?? readFileSync(settings.BACKUP_CIPHER_PASS_FILE!, "utf8").trim();
      const owner = osUser && process.getuid?.() === 0 ? ownerIds(osUser) : null;
      const work = settings.PGBACKREST_WORK_DIR;
      const dirs = [
        path.dirname(settings.PGBACKREST_CONFIG),
        work,
        ...["spool", "log", "lock"].map((d) => path.join(work, d)),
      ];
      if (settings.PGBACKREST_REPO_TYPE === "posix") dirs.push(settings.PGBACKREST_REPO_PATH);
      for (const dir of dirs) {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        if (owner) chownSync(dir, owner.uid, owner.gid);
      }
      writeFileSync(settings.PGBACKREST_CONFIG, renderPgbackrestConfig(settings, cipherPass), { mode: 0o600 });
      chmodSync(settings.PGBACKREST_CONFIG, 0o600);
      if (owner) chownSync(settings.PGBACKREST_CONFIG, owner.uid, owner.gid);
    },
  };
}
export type Backups = ReturnType<typeof openBackups>;

function ownerIds(user: string): { uid: number; gid: number } {
  const uid = Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", user], { encoding: "utf8" }).trim());
  return { uid, gid };
}
