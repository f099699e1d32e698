import { execFile } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { PgBackRest } from "@mailflow/backup";
import { startThrowawayCluster, type ThrowawayCluster } from "@mailflow/backup/testing";
import { createDb, type Db } from "@mailflow/db";
import { eraseSubject, LedgerFile, recordErasure } from "@mailflow/privacy";
import { findClearText } from "@mailflow/privacy/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Backups and point-in-time recovery, for real: a PostgreSQL cluster of the test's own archives its WAL into an
 * encrypted pgBackRest repository; rows are written before and after a full backup at known moments, a person is
 * erased, and the project's command `mailflow restore --to <moment>` brings the cluster back to a moment in between,
 * replaying the erasure ledger.
 */
const cliDir = fileURLToPath(new URL("..", import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
async function mailflow(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout } = await promisify(execFile)(tsx, ["src/main.ts", ...args], {
      cwd: cliDir,
      env: { PATH: process.env.PATH!, ...env },
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}
let cluster: ThrowawayCluster;
let db: Db;
let workspaceId: string;
let listId: string;
const ada = "ada.lovelace@example.net";

const addLeads = async (prefix: string, n: number) => {
  await db.lead.createMany({
    data: Array.from({ length: n }, (_, i) => ({ workspaceId, listId, email: `${prefix}-${i}@example.org` })),
  });
  // The database's own clock: the same one recovery_target_time is compared with.
  const [row] = await db.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
  return row!.now;
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });

beforeAll(async () => {
  cluster = await startThrowawayCluster();
  db = createDb(cluster.databaseUrl, { maxConnections: 2 });
  workspaceId = (await db.workspace.create({ data: { name: "PITR" } })).id;
  listId = (await db.leadList.create({ data: { workspaceId, name: "List" } })).id;
});

afterAll(async () => {
  await db?.$disconnect();
  await cluster?.stop();
});

describe("backups with point-in-time recovery (pgBackRest)", () => {
  it("restores exactly the rows written before the target time, and an erased person stays erased", async () => {
    await addLeads("before-backup", 100);
    await db.lead.create({ data: { workspaceId, listId, email: ada, firstName: "Ada" } });
    await cluster.backups.pgbackrest.backup("full");

    const afterBackup = await addLeads("after-backup", 50);
    await pause(1_500);
    const [{ target } = { target: new Date(0) }] = await db.$queryRaw<{ target: Date }[]>`
      SELECT clock_timestamp() AS target`;
    await pause(1_500);
    const afterTarget = await addLeads("after-target", 25);
    expect(afterBackup.getTime()).toBeLessThan(target.getTime());
    expect(afterTarget.getTime()).toBeGreaterThan(target.getTime());

    // Ada asks to be erased after the target time: a restore to the target would bring her back, but for the ledger.
    await db.$transaction(async (tx) => {
      const { hash } = await eraseSubject(tx, workspaceId, ada);
      const entry = { scope: "subject" as const, workspaceId, subjectHash: hash, erasedAt: new Date().toISOString() };
      await recordErasure(tx, entry);
      new LedgerFile(cluster.ledgerFile).append([entry]);
    });
    expect(await db.lead.count({ where: { email: ada } })).toBe(0);

    // Every WAL segment up to now reaches the repository; then every file is checked against its checksum.
    await cluster.backups.pgbackrest.run("check");
    await cluster.backups.pgbackrest.verify();
    const [backup] = await cluster.backups.pgbackrest.backups();
    expect(backup).toMatchObject({ type: "full" });

    // The repository is unreadable without the cipher passphrase: every file is OpenSSL-encrypted ("Salted__"),
    // no row's text appears in it, and pgBackRest itself cannot list it with another passphrase.
    const files = filesUnder(cluster.backups.settings.PGBACKREST_REPO_PATH);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(readFileSync(file).subarray(0, 8).toString("latin1"), file).toBe("Salted__");
    for (const file of files) expect(readFileSync(file).includes("before-backup-1@example.org"), file).toBe(false);
    const wrongConfig = path.join(cluster.root, "wrong-pass.conf");
    writeFileSync(
      wrongConfig,
      readFileSync(cluster.backups.settings.PGBACKREST_CONFIG, "utf8").replace(
        /repo1-cipher-pass=.*/,
        "repo1-cipher-pass=not-the-passphrase-not-the-passphrase",
      ),
      { mode: 0o644 },
    );
    const wrong = new PgBackRest({
      configPath: wrongConfig,
      stanza: cluster.backups.settings.PGBACKREST_STANZA,
      osUser: cluster.backups.settings.PG_OS_USER,
    });
    const withWrongPass = await wrong.run("info").catch((error: Error) => error.message);
    expect(withWrongPass).toMatch(/status: error|ERROR/);
    expect(withWrongPass).not.toContain(backup!.label);

    await db.$disconnect();
    expect(await mailflow(cluster.env, "restore", "--to", "yesterday")).toMatchObject({ code: 2 });
    const restored = await mailflow(cluster.env, "restore", "--to", target.toISOString());
    expect(restored.out).toContain("erasure ledger replayed: 1 entries, 1 erased again");
    expect(restored).toMatchObject({ code: 0 });

    db = createDb(cluster.databaseUrl, { maxConnections: 2 });
    const count = (prefix: string) => db.lead.count({ where: { email: { startsWith: `${prefix}-` } } });
    expect(await count("before-backup")).toBe(100);
    expect(await count("after-backup")).toBe(50);
    expect(await count("after-target")).toBe(0);
    // Ada was in the backup; the ledger erased her again and put her hash back on the suppression list.
    expect(await db.lead.count({ where: { email: ada } })).toBe(0);
    expect(await db.suppression.count({ where: { workspaceId, kind: "ERASED" } })).toBe(1);
    expect((await findClearText(db, ada, ["public"])).hits).toEqual([]);
    // The restore is in the audit trail.
    const audited = await db.auditEvent.findFirstOrThrow({ where: { action: "admin.restored" } });
    expect(audited.metadata).toMatchObject({ to: target.toISOString(), ledgerEntries: 1, erasedAgain: 1 });
  });
});
