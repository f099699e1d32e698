import { type Harness, TEST_VAULT_KEY } from "@mailflow/api/testing";
import type { FreshDatabase } from "@mailflow/db/testing";
import { readMailStack } from "@mailflow/mail/testing";
import { sealInboxPassword } from "@mailflow/secrets";
import { parseKeyRing, Vault } from "@mailflow/vault";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchCampaignThroughApi } from "./testing/campaign-fixture.ts";
import { closeWorkerTestbed, openWorkerTestbed, readMailbox, setDeferral, waitFor } from "./testing/index.ts";
import type { Worker } from "./worker.ts";

const stack = readMailStack(inject("mailStackDir"));
const user = (name: string) => stack.users.find((u) => u.email.startsWith(`${name}@`))!;
const tag = Math.random().toString(36).slice(2, 8);
const oneStep = [{ delayMinutes: 0, variants: [{ subject: "Hello {{firstName|there}}", body: "Hi." }] }];

let database: FreshDatabase;
let h: Harness;
let worker: Worker;

beforeAll(async () => {
  ({ database, h, worker } = await openWorkerTestbed(stack, { BOUNCE_PAUSE_MIN_SENDS: "2" }));
  // Bounce-rate pause judged from 2 sends, so a short test can cross it.
  worker.start({ scheduler: false });
}, 60_000);

afterAll(async () => {
  await closeWorkerTestbed({ database, h, worker });
});

async function campaignTo(emails: string[], senders = [user("alice")]) {
  const owner = await h.signUp("failures");
  const fixture = await launchCampaignThroughApi(h, owner.as(), owner.workspaceId, {
    senders,
    leadsCsv: `email\n${emails.join("\n")}\n`,
    steps: oneStep,
  });
  return { owner, ...fixture };
}

const messagesOf = (campaignId: string) =>
  h.db.message.findMany({ where: { campaignId }, orderBy: { queuedAt: "asc" } });

describe("SMTP failures on the real Postfix", () => {
  it("a 4xx (greylisting) is retried with backoff and then delivered once", async () => {
    const lead = `carol+${tag}-grey@${stack.domain}`;
    setDeferral(stack, lead, true);
    try {
      const { campaignId } = await campaignTo([lead]);
      await worker.tick();
      const deferred = await waitFor("the 451 to be recorded", async () => {
        const [m] = await messagesOf(campaignId);
        return m?.attempts === 1 && m.status === "QUEUED" ? m : null;
      });
      expect(deferred.error).toMatch(/^451 4\.7\.1 .*Greylisted/);
      expect(deferred.notBefore.getTime()).toBeGreaterThan(Date.now() - 1000);
      setDeferral(stack, lead, false);
      const sent = await waitFor("the retry to succeed", async () => {
        const [m] = await messagesOf(campaignId);
        return m?.status === "SENT" ? m : null;
      });
      expect(sent.attempts).toBeGreaterThanOrEqual(2);
      expect(sent.smtpResponse).toMatch(/^250 /);
      const received = await waitFor("the message in carol's INBOX", async () => {
        const all = await readMailbox(stack, user("carol"));
        const copies = all.filter((m) => m.messageId === sent.messageId);
        return copies.length > 0 ? copies : null;
      });
      expect(received).toHaveLength(1);
    } finally {
      setDeferral(stack, lead, false);
    }
  });

  it("a 5xx for the recipient marks the message failed, the lead bounced and suppresses the address", async () => {
    const good = `carol+${tag}-ok@${stack.domain}`;
    const unknown = `nobody-${tag}@${stack.domain}`;
    const { campaignId, workspaceId, inboxIds, owner } = await campaignTo([good, unknown]);
    await worker.tick();
    const messages = await waitFor("both messages to finish", async () => {
      const all = await messagesOf(campaignId);
      return all.length === 2 && all.every((m) => m.status === "SENT" || m.status === "FAILED") ? all : null;
    });
    const bounced = messages.find((m) => m.toEmail === unknown)!;
    expect(bounced).toMatchObject({ status: "FAILED", bounced: true, attempts: 1 });
    expect(bounced.error).toMatch(/^550 5\.1\.1 .*User unknown/);
    const lead = await h.db.campaignLead.findFirstOrThrow({ where: { campaignId, lead: { email: unknown } } });
    expect(lead.status).toBe("BOUNCED");
    expect(lead.stopReason).toMatch(/^Bounced: 550 5\.1\.1/);
    expect(await owner.as().suppression.check({ workspaceId, email: unknown })).toMatchObject({ suppressed: true });
    // 1 bounce in 2 sends (50%) is above the 5% threshold: the inbox paused itself, saying why. The check runs
    // right after the failed send is recorded, in its own transaction: wait for it rather than race it.
    const inbox = await waitFor("the inbox to pause itself", async () => {
      const row = await h.db.inbox.findUniqueOrThrow({ where: { id: inboxIds[0]! } });
      return row.status === "PAUSED" ? row : null;
    });
    expect(inbox.statusReason).toMatch(/^1 of its last 2 messages bounced \(50%\), above the 5% limit/);
    const audit = await h.db.auditEvent.findFirst({ where: { workspaceId, action: "inbox.paused" } });
    expect(audit).toMatchObject({ actorType: "SYSTEM", targetId: inbox.id });
  });

  it("a refused login pauses the inbox with a readable reason and sends nothing", async () => {
    const lead = `carol+${tag}-auth@${stack.domain}`;
    const { campaignId, inboxIds } = await campaignTo([lead], [user("bob")]);
    const vault = new Vault(parseKeyRing({ current: "test1", keys: { test1: TEST_VAULT_KEY } }));
    // The user revoked the App Password at their provider: the stored one no longer works.
    await h.db.inbox.update({
      where: { id: inboxIds[0]! },
      data: { passwordSealed: sealInboxPassword(vault, inboxIds[0]!, "revoked-app-password") },
    });
    await worker.tick();
    const inbox = await waitFor("the inbox to pause", async () => {
      const row = await h.db.inbox.findUniqueOrThrow({ where: { id: inboxIds[0]! } });
      return row.status === "PAUSED" ? row : null;
    });
    expect(inbox.statusReason).toMatch(/refused the inbox's login: 535 5\.7\.8/);
    expect(inbox.statusReason).not.toContain("revoked-app-password");
    const [message] = await messagesOf(campaignId);
    expect(message).toMatchObject({ status: "CANCELLED" });
    // The lead is due again, for another inbox or for this one once it is reconnected.
    const campaignLead = await h.db.campaignLead.findFirstOrThrow({ where: { campaignId } });
    expect(campaignLead).toMatchObject({ status: "ACTIVE", nextStep: 0 });
    expect(campaignLead.nextSendAt).not.toBeNull();
  });
});
