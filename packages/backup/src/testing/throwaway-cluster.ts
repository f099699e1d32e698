import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, chownSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { runMigrations } from "@mailflow/db";
import pg from "pg";
import { type Backups, openBackups } from "../backups.ts";
import { archiveSettings } from "../config-file.ts";
import { runAs } from "../run-as.ts";
import { backupSettingsSchema } from "../settings.ts";

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export interface ThrowawayCluster {
  root: string;
  backups: Backups;
  /** The same settings as environment variables, for the `mailflow` commands. */
  env: Record<string, string>;
  databaseUrl: string;
  ledgerFile: string;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL 15 cluster of its own in a temporary directory (as the `postgres` OS user when the test runs as
 * root), with WAL archiving into an encrypted pgBackRest repository next to it, the stanza created and MailFlow's
 * schema migrated into a `mailflow` database. Everything is removed by stop().
 */
export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const root = mkdtempSync(path.join(tmpdir(), "mailflow-pitr-"));
  const osUser = process.getuid?.() === 0 ? "postgres" : undefined;
  const env: Record<string, string> = {
    PGBACKREST_CONFIG: path.join(root, "pgbackrest", "pgbackrest.conf"),
    PGBACKREST_REPO_PATH: path.join(root, "repo"),
    PGBACKREST_WORK_DIR: path.join(root, "work"),
    BACKUP_CIPHER_PASS: randomBytes(36).toString("base64"),
    PGDATA: path.join(root, "data"),
    PG_PORT: String(await freePort()),
    PG_SOCKET_DIR: path.join(root, "sock"),
    ...(osUser ? { PG_OS_USER: osUser } : {}),
  };
  const settings = backupSettingsSchema.parse(env);
  if (osUser) {
    const uid = Number(execFileSync("id", ["-u", osUser], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", osUser], { encoding: "utf8" }));
    chownSync(root, uid, gid);
    for (const dir of [settings.PG_SOCKET_DIR]) {
      mkdirSync(dir, { mode: 0o700 });
      chownSync(dir, uid, gid);
    }
  } else mkdirSync(settings.PG_SOCKET_DIR, { mode: 0o700 });
  const backups = openBackups(settings);
  backups.writeConfig();
  await runAs(osUser, path.join(settings.PG_BIN_DIR, "initdb"), [
    "-D",
    settings.PGDATA,
    "-U",
    "postgres",
    "--auth=trust",
    "-E",
    "UTF8",
    "--no-instructions",
  ]);
  const conf = {
    port: String(settings.PG_PORT),
    listen_addresses: "127.0.0.1",
    unix_socket_directories: settings.PG_SOCKET_DIR,
    shared_buffers: "32MB",
    ...archiveSettings(settings),
  };
  appendFileSync(
    path.join(settings.PGDATA, "postgresql.conf"),
    `\n${Object.entries(conf)
      .map(([k, v]) => `${k} = '${v.replaceAll("'", "''")}'`)
      .join("\n")}\n`,
  );
  await backups.cluster.start();
  await backups.pgbackrest.setUp();
  const admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${settings.PG_PORT}/postgres` });
  await admin.connect();
  await admin.query("CREATE DATABASE mailflow");
  await admin.end();
  const databaseUrl = `postgresql://postgres@127.0.0.1:${settings.PG_PORT}/mailflow`;
  await runMigrations(databaseUrl);
  const ledgerFile = path.join(root, "erasure-ledger.jsonl");
  return {
    root,
    backups,
    env: { ...env, DATABASE_URL: databaseUrl, ERASURE_LEDGER_FILE: ledgerFile },
    databaseUrl,
    ledgerFile,
    async stop() {
      await backups.cluster.stop().catch(() => {});
      rmSync(root, { recursive: true, force: true });
    },
  };
}
