import type { Harness } from "@mailflow/api/testing";
import { erasedHashOf } from "@mailflow/compliance";
import type { FreshDatabase } from "@mailflow/db/testing";
import { readMailStack } from "@mailflow/mail/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchCampaignThroughApi } from "./testing/campaign-fixture.ts";
import {
  closeWorkerTestbed,
  openWorkerTestbed,
  readMailbox,
  sendAs,
  testWorkerConfig,
  waitFor,
} from "./testing/index.ts";
import { createWorker, type Worker } from "./worker.ts";

/** Replies, auto-replies and bounces read back over IMAP from the real Dovecot, and what they do to a sequence. */
const stack = readMailStack(inject("mailStackDir"));
const user = (name: string) => stack.users.find((u) => u.email.startsWith(`${name}@`))!;
const tag = Math.random().toString(36).slice(2, 8);
const DAY = 86_400_000;
const lead = (name: string) => `carol+${tag}-${name}@${stack.domain}`;

let database: FreshDatabase;
let h: Harness;
let worker: Worker;
let fixture: Awaited<ReturnType<typeof launchCampaignThroughApi>>;
let start: Date;
let owner: Awaited<ReturnType<Harness["signUp"]>>;

beforeAll(async () => {
  ({ database, h, worker } = await openWorkerTestbed(stack));
  owner = await h.signUp("inbound");
  fixture = await launchCampaignThroughApi(h, owner.as(), owner.workspaceId, {
    // bob sends: his INBOX receives the replies and the DSN.
    senders: [user("bob")],
    leadsCsv: `email\n${[lead("replies"), lead("ooo"), lead("stop"), lead("quiet"), `gone@${stack.domain}`].join("\n")}\n`,
    steps: [
      { delayMinutes: 0, variants: [{ subject: "Quick question", body: "Hi, step one." }] },
      { delayMinutes: 2 * 24 * 60, variants: [{ subject: "Re: Quick question", body: "Step two." }] },
    ],
  });
  worker.start({ scheduler: false });
  start = new Date();
  await worker.tick(start);
  await waitFor("step 1 sent", async () => {
    const pending = await h.db.message.count({
      where: { campaignId: fixture.campaignId, status: { in: ["QUEUED", "SENDING"] } },
    });
    return pending === 0;
  });
}, 120_000);

afterAll(async () => {
  await closeWorkerTestbed({ database, h, worker });
});

const messageTo = (email: string) =>
  h.db.message.findFirstOrThrow({ where: { campaignId: fixture.campaignId, toEmail: email, step: 0 } });
const leadState = (email: string) =>
  h.db.campaignLead.findFirstOrThrow({ where: { campaignId: fixture.campaignId, lead: { email } } });

/** Syncs until the inbox has stored `count` inbound messages (Postfix delivers within moments). */
async function syncUntil(count: number) {
  return waitFor(
    `${count} inbound messages`,
    async () => {
      await worker.syncInboxes();
      const rows = await h.db.inboundMessage.findMany({ where: { inboxId: fixture.inboxIds[0]! } });
      return rows.length >= count ? rows : null;
    },
    30_000,
  );
}

describe("IMAP sync on the real Dovecot", () => {
  it("a reply stops the lead's sequence, an out-of-office does not, 'remove me' unsubscribes, a DSN bounces", async () => {
    const bob = user("bob").email;
    const first = await messageTo(lead("replies"));
    await sendAs(stack, user("carol"), {
      from: lead("replies"),
      to: bob,
      subject: "Re: Quick question",
      text: "Sounds interesting, tell me more.\n\nOn Mon, Bob wrote:\n> Hi, step one.",
      inReplyTo: first.messageId,
    });
    await sendAs(stack, user("carol"), {
      from: lead("ooo"),
      to: bob,
      subject: "Out of Office: Quick question",
      text: "I am away until Monday.",
      inReplyTo: (await messageTo(lead("ooo"))).messageId,
      headers: { "Auto-Submitted": "auto-replied" },
    });
    // No In-Reply-To: matched by sender and subject.
    await sendAs(stack, user("carol"), {
      from: lead("stop"),
      to: bob,
      subject: "RE: Quick question",
      text: "Please remove me.",
    });

    const rows = await syncUntil(4);
    const byFrom = Object.fromEntries(rows.map((r) => [r.fromEmail, r]));
    expect(byFrom[lead("replies")]).toMatchObject({
      kind: "REPLY",
      step: 0,
      sentMessageId: first.id,
      unsubscribe: false,
    });
    expect(byFrom[lead("ooo")]).toMatchObject({ kind: "AUTO_REPLY" });
    expect(byFrom[lead("stop")]).toMatchObject({ kind: "REPLY", unsubscribe: true });
    const bounce = rows.find((r) => r.kind === "BOUNCE")!;
    expect(bounce).toMatchObject({ bounceStatus: "5.1.1", bounceSeverity: "hard" });

    expect(await leadState(lead("replies"))).toMatchObject({ status: "REPLIED", stopReason: "Replied." });
    expect((await leadState(lead("ooo"))).status).toBe("ACTIVE");
    expect((await leadState(lead("stop"))).status).toBe("UNSUBSCRIBED");
    expect((await leadState(`gone@${stack.domain}`)).status).toBe("BOUNCED");
    expect(await messageTo(`gone@${stack.domain}`)).toMatchObject({ status: "SENT", bounced: true });
    const suppressed = await h.db.suppression.findMany({ where: { workspaceId: fixture.workspaceId } });
    expect(suppressed.map((s) => [s.value, s.reason]).sort()).toEqual(
      [
        [lead("stop"), "unsubscribed"],
        [`gone@${stack.domain}`, "bounced"],
      ].sort(),
    );
  });

  it("the next step goes only to the leads still in sequence", async () => {
    await worker.tick(new Date(start.getTime() + 2 * DAY + 60_000));
    await waitFor("step 2 sent", async () => {
      const pending = await h.db.message.count({
        where: { campaignId: fixture.campaignId, status: { in: ["QUEUED", "SENDING"] } },
      });
      return pending === 0;
    });
    const step2 = await h.db.message.findMany({ where: { campaignId: fixture.campaignId, step: 1 } });
    expect(step2.map((m) => m.toEmail).sort()).toEqual([lead("ooo"), lead("quiet")].sort());
  });

  it("a restarted worker resumes after its cursor: old mail is not read or applied again", async () => {
    const before = await h.db.inboundMessage.count();
    const cursor = await h.db.inboxCursor.findFirstOrThrow({ where: { inboxId: fixture.inboxIds[0]! } });
    const restarted = await createWorker(testWorkerConfig(database.url, stack), { maxConnections: 2 });
    try {
      const reports = await restarted.syncInboxes();
      expect(reports.get(fixture.inboxIds[0]!)).toMatchObject({ resynced: false });
      expect(await h.db.inboundMessage.count()).toBe(before);
      const after = await h.db.inboxCursor.findFirstOrThrow({ where: { inboxId: fixture.inboxIds[0]! } });
      expect(after.lastUid).toBeGreaterThanOrEqual(cursor.lastUid);
    } finally {
      await restarted.stop();
    }
  });

  it("a new UIDVALIDITY makes it read the folder again without storing anything twice", async () => {
    const before = await h.db.inboundMessage.count();
    await h.db.inboxCursor.updateMany({ where: { inboxId: fixture.inboxIds[0]! }, data: { uidValidity: 1n } });
    const reports = await worker.syncInboxes();
    expect(reports.get(fixture.inboxIds[0]!)).toMatchObject({ resynced: true });
    expect(await h.db.inboundMessage.count()).toBe(before);
  });

  it("shows replies in the unified inbox: thread, read state, labels, and a threaded answer from the same inbox", async () => {
    const api = owner.as();
    const workspaceId = owner.workspaceId;
    const list = await api.inboxReplies.list({ workspaceId });
    expect(list.items.map((r) => [r.fromEmail, r.kind]).sort()).toEqual(
      [
        [lead("ooo"), "AUTO_REPLY"],
        [lead("replies"), "REPLY"],
        [lead("stop"), "REPLY"],
      ].sort(),
    );
    expect(list.unread).toBe(2);
    const reply = list.items.find((r) => r.fromEmail === lead("replies"))!;
    expect(reply).toMatchObject({ step: 1, campaignId: fixture.campaignId, read: false });
    const thread = await api.inboxReplies.thread({ workspaceId, replyId: reply.id });
    expect(thread.entries.map((e) => e.direction)).toEqual(["sent", "received"]);
    expect(thread.lead?.email).toBe(lead("replies"));

    await api.inboxReplies.setLabel({ workspaceId, replyId: reply.id, label: "INTERESTED" });
    expect((await api.inboxReplies.list({ workspaceId, label: "INTERESTED" })).items.map((r) => r.id)).toEqual([
      reply.id,
    ]);
    await api.inboxReplies.markRead({ workspaceId, replyIds: [reply.id], read: true });
    const unread = (await api.inboxReplies.list({ workspaceId, unread: true })).items.map((r) => r.fromEmail);
    expect(unread.sort()).toEqual([lead("ooo"), lead("stop")].sort());

    const sent = await api.inboxReplies.reply({ workspaceId, replyId: reply.id, text: "Great, how about Tuesday?" });
    expect(sent.smtpResponse).toMatch(/^250 /);
    const theirs = await h.db.inboundMessage.findUniqueOrThrow({ where: { id: reply.id } });
    const ours = await messageTo(lead("replies"));
    const landed = await waitFor("our answer in the lead's mailbox", async () =>
      (await readMailbox(stack, user("carol"))).find((m) => m.messageId === sent.messageId),
    );
    expect(landed.source).toContain(`In-Reply-To: ${theirs.messageId}`);
    expect(landed.source).toMatch(
      new RegExp(
        `References: ${ours.messageId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s+${theirs.messageId!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`,
      ),
    );
    expect(landed.source).toContain("Subject: Re: Quick question");
    // Mail a person sent from a connected inbox is in the audit trail: who, to whom, never the text.
    const audited = await h.db.auditEvent.findFirstOrThrow({ where: { workspaceId, action: "reply.sent" } });
    expect(audited).toMatchObject({ actorType: "USER", targetType: "inbox", targetId: reply.inboxId });
    expect(audited.metadata).toMatchObject({
      replyId: reply.id,
      toHash: await erasedHashOf(h.db, workspaceId, lead("replies")),
      messageId: sent.messageId,
    });
    expect(JSON.stringify(audited.metadata)).not.toContain(lead("replies"));
    expect(JSON.stringify(audited.metadata)).not.toContain("Tuesday");

    // The statistics place each reply and unsubscribe on the day the sequence stopped for that lead.
    const stats = await api.campaigns.stats({ workspaceId, campaignId: fixture.campaignId });
    const today = new Date().toISOString().slice(0, 10);
    const day = stats.daily.find((d) => d.day === today)!;
    expect(day.replied).toBe(stats.leads.replied);
    expect(day.unsubscribed).toBe(stats.leads.unsubscribed);
    expect(day.replied).toBeGreaterThanOrEqual(1);
  });
});
