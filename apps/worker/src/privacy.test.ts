import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { codeOf, GOOD_PASSWORD, type Harness } from "@mailflow/api/testing";
import type { FreshDatabase } from "@mailflow/db/testing";
import { readMailStack } from "@mailflow/mail/testing";
import { LedgerFile, replayErasures } from "@mailflow/privacy";
import { findClearText } from "@mailflow/privacy/testing";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchCampaignThroughApi } from "./testing/campaign-fixture.ts";
import { closeWorkerTestbed, openWorkerTestbed, sendAs, waitFor } from "./testing/index.ts";
import type { Worker } from "./worker.ts";

/**
 * GDPR/CCPA data requests against the real database, worker and mail stack: a person is mailed by a campaign,
 * replies, is on the suppression list, was invited and appears in webhook payloads and in someone else's reply;
 * then their data is exported, erased (and the erasure replayed as after a restore), and accounts are exported
 * and deleted.
 */
const stack = readMailStack(inject("mailStackDir"));
const user = (name: string) => stack.users.find((u) => u.email.startsWith(`${name}@`))!;
const tag = Math.random().toString(36).slice(2, 8);
const subject = `carol+${tag}-ada@${stack.domain}`;
const other = `carol+${tag}-grace@${stack.domain}`;
const ledgerPath = path.join(mkdtempSync(path.join(tmpdir(), "mailflow-ledger-")), "erasures.jsonl");

let database: FreshDatabase;
let h: Harness;
let worker: Worker;
let owner: Awaited<ReturnType<Harness["signUp"]>>;
let fixture: Awaited<ReturnType<typeof launchCampaignThroughApi>>;

type Api = ReturnType<Harness["call"]>;
const finished = (api: Api, workspaceId: string, id: string) =>
  waitFor(`data request ${id}`, async () => {
    const found = (await api.privacy.list({ workspaceId })).find((r) => r.id === id)!;
    return found.status === "DONE" || found.status === "FAILED" ? found : null;
  });
const unzip = (file: { base64: string }) =>
  Object.fromEntries(
    Object.entries(unzipSync(Buffer.from(file.base64, "base64"))).map(([name, bytes]) => [name, strFromU8(bytes)]),
  );

beforeAll(async () => {
  ({ database, h, worker } = await openWorkerTestbed(stack, { ERASURE_LEDGER_FILE: ledgerPath }));
  owner = await h.signUp("privacy");
  const api = owner.as();
  fixture = await launchCampaignThroughApi(h, api, owner.workspaceId, {
    senders: [user("bob")],
    leadsCsv: `email,first_name,company\n${subject},Ada,Analytical Engines\n${other},Grace,Navy\n`,
    steps: [{ delayMinutes: 0, variants: [{ subject: "Hello {{firstName}}", body: "Hi {{firstName}}, step one." }] }],
    beforeLaunch: async ({ workspaceId }) => {
      // An endpoint that is never reachable: its deliveries (with the lead's address in the payload) stay logged.
      await api.webhooks.create({
        workspaceId,
        url: "https://127.0.0.1:9/hook",
        events: ["email.sent", "email.replied"],
      });
    },
  });
  worker.start({ scheduler: false });
  await worker.tick(new Date());
  await waitFor("step 1 sent", async () => {
    const pending = await h.db.message.count({
      where: { campaignId: fixture.campaignId, status: { in: ["QUEUED", "SENDING"] } },
    });
    return pending === 0;
  });
  const bob = user("bob").email;
  const sentTo = (to: string) => h.db.message.findFirstOrThrow({ where: { toEmail: to } });
  await sendAs(stack, user("carol"), {
    from: subject,
    to: bob,
    subject: "Re: Hello Ada",
    text: "Thanks! Write to me at this address any time.",
    inReplyTo: (await sentTo(subject)).messageId,
  });
  // Someone else's reply that mentions the subject: it stays, with the address redacted.
  await sendAs(stack, user("carol"), {
    from: other,
    to: bob,
    subject: "Re: Hello Grace",
    text: `Not me, but ask my colleague ${subject.toUpperCase()}.`,
    inReplyTo: (await sentTo(other)).messageId,
  });
  await waitFor(
    "both replies synced",
    async () => {
      await worker.syncInboxes();
      return (await h.db.inboundMessage.count({ where: { workspaceId: owner.workspaceId } })) >= 2;
    },
    30_000,
  );
  await api.suppression.add({ workspaceId: owner.workspaceId, entries: [subject] });
  await api.members.invite({ workspaceId: owner.workspaceId, email: subject, role: "MEMBER" });
}, 180_000);

afterAll(async () => {
  await closeWorkerTestbed({ database, h, worker });
});

describe("data subject requests", () => {
  it("the export holds every record the workspace has about the address, as JSON and CSV", async () => {
    const api = owner.as();
    const workspaceId = owner.workspaceId;
    const { id } = await api.privacy.exportSubject({ workspaceId, email: subject.toUpperCase() });
    const done = await finished(api, workspaceId, id);
    expect(done).toMatchObject({ kind: "SUBJECT_EXPORT", status: "DONE", progress: 100 });
    expect(done.fileName).toMatch(/^mailflow-subject-export-\d{4}-\d{2}-\d{2}\.zip$/);

    const files = unzip(await api.privacy.download({ workspaceId, requestId: id }));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["subject.json", "csv/leads.csv", "csv/messages.csv"]));
    const exported = JSON.parse(files["subject.json"]!);
    const lead = await h.db.lead.findFirstOrThrow({ where: { workspaceId, email: subject } });
    // Every record, compared with what the database holds for the address.
    expect(exported.subject).toBe(subject);
    expect(exported.leads).toEqual([
      expect.objectContaining({ id: lead.id, firstName: "Ada", company: "Analytical Engines" }),
    ]);
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
    expect(ids(exported.messages)).toEqual(ids(await h.db.message.findMany({ where: { toEmail: subject } })));
    expect(exported.messages[0]).toMatchObject({ subject: "Hello Ada", text: expect.stringContaining("Hi Ada") });
    expect(ids(exported.replies)).toEqual(ids(await h.db.inboundMessage.findMany({ where: { fromEmail: subject } })));
    expect(exported.replies).toHaveLength(1);
    expect(exported.campaigns).toEqual([expect.objectContaining({ leadId: lead.id, campaignName: "Worker test" })]);
    expect(exported.suppressions).toEqual([expect.objectContaining({ kind: "EMAIL", value: subject })]);
    expect(exported.invitations).toEqual([expect.objectContaining({ email: subject, role: "MEMBER" })]);
    const deliveries = await h.db.webhookDelivery.findMany({ where: { workspaceId } });
    const aboutSubject = deliveries.filter((d) => JSON.stringify(d.payload).includes(subject));
    expect(aboutSubject.length).toBeGreaterThanOrEqual(2); // email.sent and email.replied
    expect(ids(exported.webhookDeliveries)).toEqual(ids(aboutSubject));
    expect(files["csv/leads.csv"]).toContain(subject);
    // The request and the export are in the audit trail, without the address.
    const trail = await h.db.auditEvent.findMany({ where: { workspaceId, targetId: id } });
    expect(trail.map((e) => e.action).sort()).toEqual(["privacy.downloaded", "privacy.exported", "privacy.requested"]);
    expect(JSON.stringify(trail.map(({ id: _id, ...event }) => event))).not.toContain(subject);
  });

  it("erasure leaves the address in no text or JSON column anywhere, keeps a salted hash, and re-imports are refused", async () => {
    const api = owner.as();
    const workspaceId = owner.workspaceId;
    expect(await codeOf(api.privacy.eraseSubject({ workspaceId, email: subject, confirmEmail: other }))).toBe(
      "BAD_REQUEST",
    );
    expect(
      await codeOf(
        api.privacy.eraseSubject({ workspaceId, email: user("bob").email, confirmEmail: user("bob").email }),
      ),
    ).toBe("CONFLICT");
    const { id } = await api.privacy.eraseSubject({ workspaceId, email: subject, confirmEmail: subject });
    const done = await finished(api, workspaceId, id);
    expect(done).toMatchObject({ kind: "SUBJECT_ERASURE", status: "DONE", fileName: null });
    expect(done.counts).toMatchObject({
      leads: 1,
      messages: 1,
      replies: 1,
      suppressions: 1,
      invitations: 1,
      exports: 1,
    });
    expect(done.counts.webhookDeliveries).toBeGreaterThanOrEqual(2);
    expect(done.counts.redacted).toBeGreaterThanOrEqual(1);

    // Every text, JSON and text-array column of every table, the job queue's included.
    const scan = await findClearText(h.db, subject);
    expect(scan.columnsScanned).toBeGreaterThan(100);
    expect(scan.hits).toEqual([]);

    // The other lead and their reply are still there, the mention redacted.
    const graceReply = await h.db.inboundMessage.findFirstOrThrow({ where: { fromEmail: other } });
    expect(graceReply.text).toContain("ask my colleague [erased]");
    expect(await h.db.lead.count({ where: { workspaceId, email: other } })).toBe(1);

    // Confirmed in the audit log with counts and the hash, never the address.
    const erased = await h.db.auditEvent.findFirstOrThrow({ where: { workspaceId, action: "privacy.erased" } });
    const hash = (erased.metadata as { subjectHash: string }).subjectHash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(erased.metadata).toMatchObject({ leads: 1, messages: 1, replies: 1 });
    expect(await h.db.suppression.findFirst({ where: { workspaceId, kind: "ERASED", value: hash } })).not.toBeNull();

    // Never mailed again, never imported again: the import reports the line and the reason.
    expect(await api.suppression.check({ workspaceId, email: subject })).toMatchObject({
      suppressed: true,
      match: { kind: "ERASED", scope: "workspace" },
    });
    const reimport = await api.leads.importCsv({
      workspaceId,
      listId: fixture.listId,
      csv: `email\nnew-${tag}@example.org\n${subject.toUpperCase()}\n`,
    });
    expect(reimport).toMatchObject({ imported: 1, rejected: 1 });
    expect(reimport.rejections).toEqual([
      { line: 3, reason: expect.stringContaining("erased at its owner's request") },
    ]);
    expect((await findClearText(h.db, subject)).hits).toEqual([]);

    // The ledger outside the database has the entry: ids and the hash only.
    const ledger = readFileSync(ledgerPath, "utf8");
    expect(ledger).toContain(hash);
    expect(ledger).not.toContain(subject);
  });

  it("replaying the ledger after a restore erases the address again", async () => {
    const workspaceId = owner.workspaceId;
    // What a restore to a moment before the erasure brings back: the lead, a message, no hash on the list.
    const lead = await h.db.lead.create({
      data: { workspaceId, listId: fixture.listId, email: subject, firstName: "Ada" },
    });
    await h.db.suppression.deleteMany({ where: { workspaceId, kind: "ERASED" } });
    await h.db.erasureRecord.deleteMany({});
    expect((await findClearText(h.db, subject)).hits.length).toBeGreaterThan(0);

    const entries = new LedgerFile(ledgerPath).read();
    expect(await replayErasures(h.db, entries)).toEqual({ entries: 1, reapplied: 1 });
    expect(await h.db.lead.findUnique({ where: { id: lead.id } })).toBeNull();
    expect((await findClearText(h.db, subject)).hits).toEqual([]);
    expect(await h.db.suppression.count({ where: { workspaceId, kind: "ERASED" } })).toBe(1);
    expect(await h.db.erasureRecord.count()).toBe(1);
    // Idempotent.
    expect(await replayErasures(h.db, entries)).toEqual({ entries: 1, reapplied: 0 });
  });

  it("a workspace export holds every table, and no secret", async () => {
    const api = owner.as();
    const workspaceId = owner.workspaceId;
    const { id } = await api.privacy.exportWorkspace({ workspaceId });
    expect(await finished(api, workspaceId, id)).toMatchObject({ status: "DONE" });
    const files = unzip(await api.privacy.download({ workspaceId, requestId: id }));
    const exported = JSON.parse(files["workspace.json"]!);
    expect(exported.leads).toHaveLength(await h.db.lead.count({ where: { workspaceId } }));
    expect(exported.messages).toHaveLength(await h.db.message.count({ where: { workspaceId } }));
    expect(exported.inboxes).toEqual([expect.objectContaining({ email: user("bob").email })]);
    expect(files["csv/auditEvents.csv"]).toContain("privacy.erased");
    const everything = Object.values(files).join("\n");
    const inbox = await h.db.inbox.findFirstOrThrow({ where: { workspaceId } });
    expect(everything).not.toContain(inbox.passwordSealed);
    expect(everything).not.toContain(user("bob").password);
    expect(everything).not.toMatch(/passwordSealed|secretSealed|secretHash|tokenHash|erasureSalt/);
  });

  it("another workspace cannot see or download the requests", async () => {
    const stranger = await h.signUp("privacy-stranger");
    const [request] = await owner.as().privacy.list({ workspaceId: owner.workspaceId });
    expect(await codeOf(stranger.as().privacy.list({ workspaceId: owner.workspaceId }))).toBe("NOT_FOUND");
    expect(
      await codeOf(stranger.as().privacy.download({ workspaceId: stranger.workspaceId, requestId: request!.id })),
    ).toBe("NOT_FOUND");
  });
});

describe("account requests", () => {
  it("exports the account, refuses deletion while it would orphan a workspace, then deletes it everywhere", async () => {
    const { owner: teamOwner, member } = await h.team("privacy-account", "ADMIN");
    const api = member.as();
    const { id } = await api.privacy.account.export({});
    const done = await waitFor("account export", async () => {
      const found = (await api.privacy.account.list({})).find((r) => r.id === id)!;
      return found.status === "DONE" ? found : null;
    });
    const files = unzip(await api.privacy.account.download({ requestId: id }));
    const exported = JSON.parse(files["account.json"]!);
    expect(exported.profile).toEqual([expect.objectContaining({ email: member.email })]);
    expect(exported.memberships.map((m: { workspaceId: string }) => m.workspaceId).sort()).toEqual(
      [member.workspaceId, teamOwner.workspaceId].sort(),
    );
    expect(exported.events.length).toBeGreaterThan(0);
    expect(files["account.json"]).not.toMatch(/passwordHash|secretHash/);
    expect(done.counts.memberships).toBe(2);

    // The team owner cannot leave their team without an owner.
    expect(await codeOf(teamOwner.as().privacy.account.delete({ password: GOOD_PASSWORD }))).toBe("CONFLICT");
    expect(await codeOf(api.privacy.account.delete({ password: "not the password at all" }))).toBe("FORBIDDEN");

    const deletion = await api.privacy.account.delete({ password: GOOD_PASSWORD });
    // Every session ends at once.
    expect(await codeOf(api.auth.me())).toBe("UNAUTHORIZED");
    await waitFor("the account deleted", async () => {
      const row = await h.db.privacyRequest.findUniqueOrThrow({ where: { id: deletion.id } });
      return row.status === "DONE" ? row : null;
    });
    expect(await h.db.user.findUnique({ where: { id: member.user.id } })).toBeNull();
    // The deleted account's token is refused (401), never an error.
    expect(await codeOf(api.auth.me())).toBe("UNAUTHORIZED");
    expect(await codeOf(api.privacy.account.list({}))).toBe("UNAUTHORIZED");
    // Their own workspace went with them; the team's stays, without them.
    expect(await h.db.workspace.findUnique({ where: { id: member.workspaceId } })).toBeNull();
    expect(await h.db.membership.count({ where: { workspaceId: teamOwner.workspaceId } })).toBe(1);
    expect((await findClearText(h.db, member.email)).hits).toEqual([]);
    const confirmed = await h.db.auditEvent.findFirstOrThrow({
      where: { action: "account.deleted", targetId: member.user.id },
    });
    expect(confirmed.metadata).toEqual({ workspacesDeleted: 1 });
    const entries = new LedgerFile(ledgerPath).read();
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ scope: "account", userId: member.user.id }),
        expect.objectContaining({ scope: "workspace", workspaceId: member.workspaceId }),
      ]),
    );
  });
});
