#!/usr/bin/env -S node --import tsx
// Operator commands: `pnpm mailflow <command>`. Reads DATABASE_URL (and the vault key ring where needed).
import { loadBackupSettings, openBackups } from "@mailflow/backup";
import { ConfigError, loadCliConfig } from "@mailflow/config";
import { type Db, distinctDatabaseUrls, RegionalDbs, runMigrations } from "@mailflow/db";
import { VaultError } from "@mailflow/vault";
import { adminGrant } from "./commands/admin-grant.ts";
import { auditVerify } from "./commands/audit-verify.ts";
import { backupInfo, backupRun, backupSetup, backupVerify, restore } from "./commands/backup.ts";
import { suppressGlobally } from "./commands/global-suppression.ts";
import { vaultRotate } from "./commands/vault-rotate.ts";

const usage = `usage: mailflow <command>
  vault:rotate    re-seal every stored secret under the current vault key (resumable)
  audit:verify    check every audit hash chain and report the first broken link
  admin:grant E   make the account with email E a platform operator (the desktop app's admin screens)
  admin:revoke E  take that back
  suppress:global E [R]  never mail address or domain E from any workspace (every region's database)
  db:migrate      apply the migrations to the global database and to each region's (DATABASE_URL_EU/_US)
  backup:setup    write the pgBackRest configuration, create the stanza, check WAL archiving
  backup:run T    take a backup now (T: full or diff; the worker takes the daily one)
  backup:verify   check every backup and WAL file in the repository
  backup:info     list the backups
  restore --to T  rebuild the cluster as it was at T (ISO 8601), then replay the erasure ledger
(backup and restore commands read PGBACKREST_*, BACKUP_CIPHER_PASS(_FILE), PGDATA: docs/operations.md)`;

const databaseCommands = [
  "vault:rotate",
  "audit:verify",
  "admin:grant",
  "admin:revoke",
  "db:migrate",
  "suppress:global",
] as const;
const backupCommands = ["backup:setup", "backup:run", "backup:verify", "backup:info", "restore"] as const;
const isOneOf = <T extends string>(list: readonly T[], c: string | undefined): c is T =>
  (list as readonly (string | undefined)[]).includes(c);

async function run(command: string | undefined, args: string[]): Promise<number> {
  const log = (line: string) => console.log(line);
  if (isOneOf(databaseCommands, command)) return runOnDatabase(command, args, log);
  if (isOneOf(backupCommands, command)) return runOnCluster(command, args, log);
  console.error(usage);
  return 2;
}

/** Backups and restores: pgBackRest and the cluster on this machine (the database host). */
function runOnCluster(command: (typeof backupCommands)[number], args: string[], log: (line: string) => void) {
  const backups = openBackups(loadBackupSettings());
  switch (command) {
    case "backup:setup":
      return backupSetup(backups, log);
    case "backup:run":
      return backupRun(backups, args[0], log);
    case "backup:verify":
      return backupVerify(backups, log);
    case "backup:info":
      return backupInfo(backups, log);
    case "restore": {
      // Every database of the cluster gets the ledger replayed: the global one and each region's.
      const databaseUrls = distinctDatabaseUrls(loadCliConfig());
      return restore(backups, args, { databaseUrls, ledgerFile: process.env.ERASURE_LEDGER_FILE }, log);
    }
  }
}

async function runOnDatabase(
  command: (typeof databaseCommands)[number],
  args: string[],
  log: (line: string) => void,
): Promise<number> {
  const argument = args[0];
  const config = loadCliConfig();
  const regions = RegionalDbs.fromConfig(config, { maxConnections: 2 });
  try {
    switch (command) {
      // Sealed values and audit trails are in every database (workspaces' ones in their regions').
      case "vault:rotate":
        return worst(await each(regions, (db) => vaultRotate(db, config, log)));
      case "audit:verify":
        return worst(await each(regions, (db) => auditVerify(db, log)));
      case "admin:grant":
      case "admin:revoke":
        return await adminGrant(regions.global, argument, command === "admin:grant", log);
      case "suppress:global":
        return await suppressGlobally(regions, argument, args.slice(1).join(" ") || undefined, log);
      case "db:migrate": {
        for (const url of distinctDatabaseUrls(config)) {
          log(`migrating ${new URL(url).pathname.slice(1)} on ${new URL(url).host}`);
          log((await runMigrations(url)).trim().split("\n").at(-1) ?? "");
        }
        return 0;
      }
    }
  } finally {
    await regions.disconnect();
  }
}

/** Runs a command on each database in turn (the global one first), saying which. */
async function each(regions: RegionalDbs, run: (db: Db) => Promise<number>): Promise<number[]> {
  const dbs = regions.distinct();
  const codes: number[] = [];
  for (const db of dbs) {
    if (dbs.length > 1) {
      const names = db === regions.global ? ["global", ...regions.regionsIn(db)] : regions.regionsIn(db);
      console.log(`-- database: ${names.join(" + ")}`);
    }
    codes.push(await run(db));
  }
  return codes;
}

const worst = (codes: number[]) => Math.max(0, ...codes);

run(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof VaultError) {
      console.error(error.message);
      process.exit(78);
    }
    console.error(error);
    process.exit(1);
  },
);
