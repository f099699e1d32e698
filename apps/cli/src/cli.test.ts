import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { record } from "@mailflow/audit";
import { findSuppression } from "@mailflow/compliance";
import { createDb, type Db, sealedContext } from "@mailflow/db";
import { createFreshDatabase, type FreshDatabase, insertInboxRow } from "@mailflow/db/testing";
import { sealInboxPassword } from "@mailflow/secrets";
import { parseKeyRing, Vault } from "@mailflow/vault";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const cliDir = fileURLToPath(new URL("..", import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));

let fresh: FreshDatabase;
let db: Db;
beforeAll(async () => {
  fresh = await createFreshDatabase("mailflow_cli_test");
  db = createDb(fresh.url);
});
afterAll(async () => {
  await db.$disconnect();
  await fresh.drop();
});

async function cli(command: string, env: Record<string, string> = {}, ...args: string[]) {
  try {
    const { stdout } = await promisify(execFile)(tsx, ["src/main.ts", command, ...args], {
      cwd: cliDir,
      env: { PATH: process.env.PATH!, DATABASE_URL: fresh.url, ...env },
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe("mailflow audit:verify", () => {
  it("reports intact chains, then the first broken link after tampering", async () => {
    const workspace = await db.workspace.create({ data: { name: "cli" } });
    for (let i = 0; i < 5; i++) {
      await record(db, {
        action: "workspace.renamed",
        actor: { type: "system" },
        workspaceId: workspace.id,
        metadata: { i },
      });
    }
    const ok = await cli("audit:verify");
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/checked 5 events in 1 chains\nall chains intact/);

    const third = await db.auditEvent.findFirstOrThrow({
      where: { workspaceId: workspace.id },
      orderBy: { id: "asc" },
      skip: 2,
    });
    await db.$transaction([
      db.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
      db.$executeRaw`UPDATE "AuditEvent" SET metadata = '{"i": 99}' WHERE id = ${third.id}`,
    ]);
    const broken = await cli("audit:verify");
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`BROKEN: workspace ${workspace.id}: event ${third.id} was modified`);
  });
});

describe("mailflow vault:rotate", () => {
  it("re-seals under the current key so the old key can be dropped", async () => {
    const oldKey = randomBytes(32).toString("base64");
    const newKey = randomBytes(32).toString("base64");
    const workspace = await db.workspace.create({ data: { name: "rotate" } });
    const id = randomUUID();
    const sealed = sealInboxPassword(new Vault(parseKeyRing({ current: "a", keys: { a: oldKey } })), id, "pw-1");
    await insertInboxRow(db, { id, workspaceId: workspace.id, email: "r@example.test", passwordSealed: sealed });
    const result = await cli("vault:rotate", {
      VAULT_KEYS: JSON.stringify({ current: "b", keys: { a: oldKey, b: newKey } }),
    });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/done: 1 re-sealed, 0 changed meanwhile/);
    const row = await db.inbox.findUniqueOrThrow({ where: { id } });
    const onlyNew = new Vault(parseKeyRing({ current: "b", keys: { b: newKey } }));
    expect(onlyNew.open(row.passwordSealed, sealedContext.inboxPassword(id))).toBe("pw-1");
  });

  it("says what is missing without a key ring", async () => {
    const result = await cli("vault:rotate");
    expect(result.code).toBe(78);
    expect(result.out).toMatch(/VAULT_KEYS/);
  });
});

describe("mailflow admin:grant / admin:revoke", () => {
  it("makes an account a platform operator and back, recorded in its audit chain", async () => {
    const user = await db.user.create({ data: { email: "operator@example.test", name: "Op", passwordHash: "x" } });
    const granted = await cli("admin:grant", {}, "Operator@Example.test");
    expect(granted).toEqual({ code: 0, out: "operator@example.test is now a platform operator\n" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).platformAdmin).toBe(true);
    const revoked = await cli("admin:revoke", {}, "operator@example.test");
    expect(revoked.out).toBe("operator@example.test is no longer a platform operator\n");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).platformAdmin).toBe(false);
    const events = await db.auditEvent.findMany({ where: { targetId: user.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorType])).toEqual([
      ["admin.granted", "SYSTEM"],
      ["admin.revoked", "SYSTEM"],
    ]);
  });

  it("says so for an unknown email or a missing argument", async () => {
    expect(await cli("admin:grant", {}, "nobody@example.test")).toEqual({
      code: 1,
      out: "no account with the email nobody@example.test\n",
    });
    expect((await cli("admin:grant")).code).toBe(2);
  });
});

describe("mailflow suppress:global", () => {
  it("writes the entry to every database, so a workspace in any region finds it before a send", async () => {
    const eu = await createFreshDatabase("mailflow_cli_eu");
    const euDb = createDb(eu.url);
    try {
      const env = { DATABASE_URL_EU: eu.url };
      const added = await cli("suppress:global", env, "Trap@Spam-Trap.example", "spam", "trap");
      expect(added).toEqual({
        code: 0,
        out: "trap@spam-trap.example is suppressed for every workspace (added in 2 database(s))\n",
      });
      for (const each of [db, euDb]) {
        const workspace = await each.workspace.create({ data: { name: "any" } });
        expect(await findSuppression(each, workspace.id, "trap@spam-trap.example")).toEqual({
          scope: "global",
          kind: "EMAIL",
          reason: "spam trap",
        });
      }
      expect((await cli("suppress:global", env, "trap@spam-trap.example")).out).toContain("already there");
      const event = await db.auditEvent.findFirstOrThrow({ where: { action: "admin.global_suppression_added" } });
      expect(event.metadata).toEqual({ kind: "EMAIL", domain: "spam-trap.example", via: "cli" });
      expect((await cli("suppress:global", env, "not an address")).code).toBe(2);
    } finally {
      await euDb.$disconnect();
      await eu.drop();
    }
  });
});
