import { randomBytes, randomUUID } from "node:crypto";
import { verifyAuditChains } from "@mailflow/audit";
import { createDb, sealedContext } from "@mailflow/db";
import { createFreshDatabase, insertInboxRow } from "@mailflow/db/testing";
import { assertVaultHoldsAllKeys, rotateSealedValues, sealInboxPassword } from "@mailflow/secrets";
import { parseKeyRing, Vault } from "@mailflow/vault";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, createHarness, type Harness } from "../../testing/harness.ts";

const h: Harness = createHarness();
afterAll(() => h.close());

type Account = Awaited<ReturnType<Harness["signUp"]>>;
let owner: Account;
let member: Account;
let workspaceId: string;

beforeAll(async () => {
  ({ owner, member, workspaceId } = await h.team("inbox"));
});

/** Connect input for a user of the test stack. */
function connectInput(user: { email: string; password: string }, overrides: Record<string, unknown> = {}) {
  return { ...h.stackInboxInput(workspaceId, user), ...overrides };
}

async function connected(user: { email: string; password: string }, by: Account = owner) {
  return h.connectStackInbox(by.as(), workspaceId, user);
}

async function textColumnsContaining(needle: string): Promise<string[]> {
  const columns = await h.db.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'USER-DEFINED')`;
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    const rows = await h.db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "${table_name}" WHERE "${column_name}"::text LIKE '%' || $1 || '%'`,
      needle,
    );
    if (Number(rows[0]!.n) > 0) hits.push(`${table_name}.${column_name}`);
  }
  return hits;
}

describe("connecting an inbox", () => {
  it("logs in to the real SMTP and IMAP, saves the inbox and returns no secret", async () => {
    const alice = h.mailStack.users[0]!;
    const result = await owner.as().inboxes.connect(connectInput(alice, { settings: { dailyLimit: 40 } }));
    expect(result.connected).toBe(true);
    if (!result.connected) return;
    expect(result.check.smtp.steps.map((s) => s.status)).toEqual(["ok", "ok", "ok", "ok"]);
    expect(result.inbox).toMatchObject({ email: alice.email, username: alice.email, status: "ACTIVE", dailyLimit: 40 });
    const serialized = JSON.stringify(result);
    expect(serialized).not.toContain(alice.password);
    expect(serialized).not.toContain("passwordSealed");
    const row = await h.db.inbox.findUniqueOrThrow({ where: { id: result.inbox.id } });
    expect(row.passwordSealed).toMatch(/^v1\.test1\./);

    const [event] = await h.db.auditEvent.findMany({ where: { workspaceId, action: "inbox.connected" } });
    expect(event).toMatchObject({ actorId: owner.user.id, ip: "192.0.2.10", targetId: result.inbox.id });
    expect(JSON.stringify(event!.metadata)).not.toContain(alice.password);
  });

  it("leaves no plaintext App Password anywhere in the database", async () => {
    const carol = h.mailStack.users[2]!;
    await connected(carol);
    expect(await textColumnsContaining(carol.password)).toEqual([]);
    expect(await textColumnsContaining(Buffer.from(carol.password).toString("base64"))).toEqual([]);
  });

  it("reports a wrong password as the auth step and saves nothing", async () => {
    const bob = h.mailStack.users[1]!;
    const result = await owner.as().inboxes.connect(connectInput({ email: bob.email, password: "wrong" }));
    expect(result.connected).toBe(false);
    expect(result.check.smtp.steps.find((s) => s.status === "failed")?.step).toBe("auth");
    expect(result.check.imap.steps.find((s) => s.status === "failed")?.step).toBe("auth");
    expect(await h.db.inbox.count({ where: { workspaceId, email: bob.email } })).toBe(0);
  });

  it("refuses a second connection of the same mailbox", async () => {
    const alice = h.mailStack.users[0]!;
    expect(await codeOf(owner.as().inboxes.connect(connectInput(alice)))).toBe("CONFLICT");
  });

  it("only admins may allow a self-signed certificate, and it is audited", async () => {
    const other = await h.signUp("selfsigned");
    const bob = h.mailStack.users[1]!;
    const asMember = member.as().inboxes.connect(connectInput(bob, { allowSelfSigned: true }));
    expect(await codeOf(asMember)).toBe("FORBIDDEN");
    const result = await other
      .as()
      .inboxes.connect({ ...connectInput(bob, { allowSelfSigned: true }), workspaceId: other.workspaceId });
    expect(result.connected).toBe(true);
    const event = await h.db.auditEvent.findFirstOrThrow({
      where: { workspaceId: other.workspaceId, action: "inbox.connected" },
    });
    expect(event.metadata).toMatchObject({ allowSelfSigned: true });
  });
});

describe("an inbox's life", () => {
  it("tests the connection again with an audited credential read, and marks a failure with a readable reason", async () => {
    const user = h.mailStack.users[1]!;
    const inbox = await connected(user);
    const ok = await member.as().inboxes.test({ workspaceId, inboxId: inbox.id });
    expect(ok.check.ok).toBe(true);
    const read = await h.db.auditEvent.findFirstOrThrow({
      where: { workspaceId, action: "credential.read", targetId: inbox.id },
    });
    expect(read).toMatchObject({ actorId: member.user.id, ip: "192.0.2.10", metadata: { reason: "connection_test" } });

    await h.db.inbox.update({ where: { id: inbox.id }, data: { imapPort: 1 } }); // the server "moved"
    const failed = await member.as().inboxes.test({ workspaceId, inboxId: inbox.id });
    expect(failed.inbox.status).toBe("ERROR");
    expect(failed.inbox.statusReason).toMatch(/^IMAP: Nothing is listening/);
    await owner.as().inboxes.remove({ workspaceId, inboxId: inbox.id });
  });

  it("updates settings; refuses a ramp-up start above the daily limit", async () => {
    const inbox = (await owner.as().inboxes.list({ workspaceId })).items[0]!;
    const updated = await member.as().inboxes.updateSettings({
      workspaceId,
      inboxId: inbox.id,
      rampUpEnabled: true,
      rampUpStart: 5,
      rampUpIncrement: 3,
      minGapSeconds: 120,
      signature: "-- \nSales",
    });
    expect(updated).toMatchObject({ rampUpEnabled: true, rampUpStart: 5, minGapSeconds: 120 });
    const bad = member
      .as()
      .inboxes.updateSettings({ workspaceId, inboxId: inbox.id, rampUpStart: 500, dailyLimit: 10 });
    expect(await codeOf(bad)).toBe("BAD_REQUEST");
  });

  it("re-checks a connection change before saving it", async () => {
    const inbox = (await owner.as().inboxes.list({ workspaceId })).items[0]!;
    const wrong = await owner.as().inboxes.updateConnection({ workspaceId, inboxId: inbox.id, password: "nope" });
    expect(wrong.updated).toBe(false);
    const port = h.mailStack.ports.submissions;
    const user = h.mailStack.users.find((u) => u.email === inbox.email)!;
    const moved = await owner.as().inboxes.updateConnection({
      workspaceId,
      inboxId: inbox.id,
      smtp: { host: h.mailStack.host, port, security: "tls" },
      password: user.password,
    });
    expect(moved.updated).toBe(true);
    if (moved.updated) expect(moved.inbox.smtp).toEqual({ host: h.mailStack.host, port, security: "tls" });
  });

  it("never sends the stored password to a different server or username", async () => {
    const inbox = (await owner.as().inboxes.list({ workspaceId })).items[0]!;
    // A listener the attacker controls, standing in for "evil.example": nothing may reach it without a new password.
    const redirected = owner.as().inboxes.updateConnection({
      workspaceId,
      inboxId: inbox.id,
      smtp: { host: "127.0.0.1", port: 1, security: "tls" },
    });
    await expect(redirected).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Enter the App Password again to connect to a different server or username.",
    });
    const renamed = owner.as().inboxes.updateConnection({ workspaceId, inboxId: inbox.id, username: "attacker" });
    expect(await codeOf(renamed)).toBe("BAD_REQUEST");
    const reads = await h.db.auditEvent.count({
      where: {
        action: "credential.read",
        targetId: inbox.id,
        metadata: { path: ["reason"], equals: "connection_update" },
      },
    });
    expect(reads).toBe(0);
  });

  it("pauses and resumes with audit events; only admins remove", async () => {
    const inbox = (await owner.as().inboxes.list({ workspaceId })).items[0]!;
    expect((await member.as().inboxes.pause({ workspaceId, inboxId: inbox.id })).status).toBe("PAUSED");
    expect((await member.as().inboxes.resume({ workspaceId, inboxId: inbox.id })).status).toBe("ACTIVE");
    expect(await codeOf(member.as().inboxes.remove({ workspaceId, inboxId: inbox.id }))).toBe("FORBIDDEN");
    const actions = (await h.db.auditEvent.findMany({ where: { workspaceId, targetId: inbox.id } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["inbox.paused", "inbox.resumed", "inbox.updated"]));
  });

  it("lists inboxes page by page", async () => {
    const first = await owner.as().inboxes.list({ workspaceId, limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await owner.as().inboxes.list({ workspaceId, limit: 1, cursor: first.nextCursor! });
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
  });
});

describe("the audit trail", () => {
  it("is readable by admins with filters, not by members", async () => {
    const page = await owner.as().audit.list({ workspaceId, action: "inbox.", limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.items.every((e) => e.action.startsWith("inbox."))).toBe(true);
    const next = await owner.as().audit.list({ workspaceId, action: "inbox.", limit: 2, cursor: page.nextCursor! });
    expect(BigInt(next.items[0]!.id)).toBeLessThan(BigInt(page.items[1]!.id));
    const byMember = await owner.as().audit.list({ workspaceId, actorId: member.user.id });
    expect(byMember.items.every((e) => e.actorId === member.user.id)).toBe(true);
    expect(await codeOf(member.as().audit.list({ workspaceId }))).toBe("FORBIDDEN");
  });

  it("cannot be updated by the application", async () => {
    const event = await h.db.auditEvent.findFirstOrThrow({ where: { workspaceId } });
    const attempt = h.db.auditEvent.update({ where: { id: event.id }, data: { action: "nothing.happened" } });
    await expect(attempt).rejects.toThrow(/append-only/);
  });

  it("verifies, then finds a tampered row and a deleted row", async () => {
    const clean = await verifyAuditChains(h.db);
    expect(clean.broken).toEqual([]);
    expect(clean.events).toBeGreaterThan(10);

    const victim = await h.db.auditEvent.findFirstOrThrow({ where: { workspaceId }, orderBy: { id: "asc" }, skip: 2 });
    // An attacker with database superuser rights can bypass the trigger; the chain still tells.
    await h.db.$transaction([
      h.db.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
      h.db.$executeRaw`UPDATE "AuditEvent" SET ip = '6.6.6.6' WHERE id = ${victim.id}`,
    ]);
    const tampered = await verifyAuditChains(h.db);
    expect(tampered.broken).toEqual([{ workspaceId, eventId: victim.id.toString(), reason: "content_changed" }]);

    await h.db.$executeRaw`DELETE FROM "AuditEvent" WHERE id = ${victim.id}`;
    const deleted = await verifyAuditChains(h.db);
    expect(deleted.broken).toEqual([expect.objectContaining({ workspaceId, reason: "previous_missing" })]);
  });
});

describe("vault keys", () => {
  it("refuses to start without a key that stored credentials name, and rotation lets the old key go", async () => {
    // Its own database: rotation re-seals every row, which must not race the other test files.
    const fresh = await createFreshDatabase("mailflow_rotation_test");
    const db = createDb(fresh.url);
    try {
      const oldKey = randomBytes(32).toString("base64");
      const newKey = randomBytes(32).toString("base64");
      const before = new Vault(parseKeyRing({ current: "old", keys: { old: oldKey } }));
      const workspace = await db.workspace.create({ data: { name: "rotation" } });
      const ids = Array.from({ length: 5 }, () => randomUUID());
      for (const [i, id] of ids.entries()) {
        await insertInboxRow(db, {
          id,
          workspaceId: workspace.id,
          email: `r${i}@example.test`,
          passwordSealed: sealInboxPassword(before, id, `secret-${i}`),
        });
      }
      const onlyNew = new Vault(parseKeyRing({ current: "new", keys: { new: newKey } }));
      await expect(assertVaultHoldsAllKeys(db, onlyNew)).rejects.toThrow(/"old"/);

      const both = new Vault(parseKeyRing({ current: "new", keys: { old: oldKey, new: newKey } }));
      expect(await rotateSealedValues(db, both, { batchSize: 2 })).toEqual({ resealed: 5, skipped: 0 });
      await expect(assertVaultHoldsAllKeys(db, onlyNew)).resolves.toBeUndefined();
      expect(await rotateSealedValues(db, both)).toEqual({ resealed: 0, skipped: 0 });
      const rows = await db.inbox.findMany({ orderBy: { email: "asc" } });
      expect(rows.map((r) => onlyNew.open(r.passwordSealed, sealedContext.inboxPassword(r.id)))).toEqual(
        ids.map((_, i) => `secret-${i}`),
      );
      const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "admin.vault_rotated" } });
      expect(audit.metadata).toMatchObject({ currentKeyId: "new", resealed: 5 });
    } finally {
      await db.$disconnect();
      await fresh.drop();
    }
  });
});
