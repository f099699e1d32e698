import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Harness } from "@mailflow/api/testing";
import type { FreshDatabase } from "@mailflow/db/testing";
import { readMailStack } from "@mailflow/mail/testing";
import { buildApp, ensureSelfSignedCertificate } from "@mailflow/server";
import PostalMime from "postal-mime";
import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchCampaignThroughApi } from "./testing/campaign-fixture.ts";
import { closeWorkerTestbed, openWorkerTestbed, readMailbox, waitFor } from "./testing/index.ts";
import type { Worker } from "./worker.ts";

const stack = readMailStack(inject("mailStackDir"));
const user = (name: string) => stack.users.find((u) => u.email.startsWith(`${name}@`))!;
const tag = Math.random().toString(36).slice(2, 8);
// 20 leads, all delivered to carol's mailbox (plus-addressing), each with a name to personalize.
const leads = Array.from({ length: 20 }, (_, i) => ({
  email: `carol+${tag}-${String(i).padStart(2, "0")}@${stack.domain}`,
  firstName: `Lead${String(i).padStart(2, "0")}`,
}));
const suppressedBeforeLaunch = `carol+${tag}-blocked@${stack.domain}`;
const DAY = 86_400_000;

let database: FreshDatabase;
let h: Harness;
let worker: Worker;
let fixture: Awaited<ReturnType<typeof launchCampaignThroughApi>>;
let owner: Awaited<ReturnType<Harness["signUp"]>>;

beforeAll(async () => {
  ({ database, h, worker } = await openWorkerTestbed(stack));
  owner = await h.signUp("flow");
  fixture = await launchCampaignThroughApi(h, owner.as(), owner.workspaceId, {
    senders: [user("alice"), user("bob"), user("dave")],
    leadsCsv: `email,first_name\n${[...leads, { email: suppressedBeforeLaunch, firstName: "Blocked" }]
      .map((l) => `${l.email},${l.firstName}`)
      .join("\n")}\n`,
    steps: [
      {
        delayMinutes: 0,
        variants: [{ subject: "Quick question, {{firstName}}", body: "Hi {{firstName}},\n\nstep one." }],
      },
      { delayMinutes: 2 * 24 * 60, variants: [{ subject: "Re: Quick question", body: "Hi {{firstName}}, step two." }] },
      { delayMinutes: 3 * 24 * 60, variants: [{ subject: "Last note", body: "{{firstName|there}}, step three." }] },
    ],
    beforeLaunch: async ({ workspaceId }) => {
      await owner.as().suppression.add({ workspaceId, entries: [suppressedBeforeLaunch] });
    },
  });
  worker.start({ scheduler: false });
}, 120_000);

afterAll(async () => {
  await closeWorkerTestbed({ database, h, worker });
});

/** Runs the scheduler at a (simulated) instant and waits until the sender has finished what it queued. */
async function runStepAt(now: Date) {
  const report = await worker.tick(now);
  await waitFor("the queued messages to be sent", async () => {
    const pending = await h.db.message.count({
      where: { campaignId: fixture.campaignId, status: { in: ["QUEUED", "SENDING"] } },
    });
    return pending === 0;
  });
  return report;
}

describe("a 3-step campaign to 20 leads over 3 inboxes, on the real Postfix + Dovecot", () => {
  // The clock the scheduler is given: launch time, then days later (step delays), without waiting for them.
  let start: Date;
  let step1Ids: string[] = [];

  it("step 1: every lead gets one personalized message, rotated evenly across the inboxes", async () => {
    start = new Date();
    const report = await runStepAt(start);
    expect(report).toMatchObject({ ran: true, queued: 20 });
    const sent = await h.db.message.findMany({ where: { campaignId: fixture.campaignId, step: 0 } });
    expect(sent).toHaveLength(20);
    expect(sent.every((m) => m.status === "SENT" && m.smtpResponse?.startsWith("250"))).toBe(true);
    const perInbox = fixture.inboxIds.map((id) => sent.filter((m) => m.inboxId === id).length);
    expect(perInbox.sort()).toEqual([6, 7, 7]);
    step1Ids = sent.map((m) => m.messageId);
    const health = await h.call({ bearer: owner.token }).inboxes.health({ workspaceId: fixture.workspaceId });
    expect(health.map((i) => i.sentToday).sort()).toEqual([6, 7, 7]);
    expect(health.every((i) => i.capacityToday === 2000 && i.pending === 0 && i.recentBounces === 0)).toBe(true);
    expect(health.map((i) => i.recentSends).sort()).toEqual([6, 7, 7]);
    // The suppressed lead was marked at launch and never queued.
    const blocked = await h.db.campaignLead.findFirst({
      where: { campaignId: fixture.campaignId, lead: { email: suppressedBeforeLaunch } },
    });
    expect(blocked?.status).toBe("SUPPRESSED");
  });

  it("arrives in the recipient's mailbox with the compliance headers, personalization and footer", async () => {
    const inbox = await waitFor("step 1 in carol's INBOX", async () => {
      const all = await readMailbox(stack, user("carol"));
      const ours = all.filter((m) => step1Ids.includes(m.messageId));
      return ours.length === 20 ? ours : null;
    });
    for (const { source } of inbox) {
      const parsed = await PostalMime.parse(source);
      const to = parsed.to?.[0]?.address ?? "";
      const lead = leads.find((l) => l.email === to)!;
      expect(parsed.subject).toBe(`Quick question, ${lead.firstName}`);
      expect(parsed.text).toContain(`Hi ${lead.firstName},`);
      expect(parsed.text).toContain("Acme Outreach GmbH\nHauptstr. 1\n10115 Berlin");
      expect(parsed.html).toContain("Acme Outreach GmbH");
      const header = (name: string) => parsed.headers.find((x) => x.key === name)?.value ?? "";
      expect(header("list-unsubscribe")).toMatch(
        /^<https:\/\/mailflow\.test\/u\/[\w.-]+>, <mailto:.+\?subject=unsubscribe>$/,
      );
      expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      expect([user("alice").email, user("bob").email, user("dave").email]).toContain(parsed.from?.address);
    }
    expect((await readMailbox(stack, user("carol"))).some((m) => m.source.includes(suppressedBeforeLaunch))).toBe(
      false,
    );
  });

  it("files a copy in each sender's Sent folder: by the server (alice, bob) or appended over IMAP (dave)", async () => {
    // The first send of each inbox tells which kind its server is (dave's: after waiting a few seconds in vain).
    const modes = await waitFor("each inbox's Sent-copy mode to be learnt", async () => {
      const inboxes = await h.db.inbox.findMany({ where: { id: { in: fixture.inboxIds } } });
      return inboxes.every((i) => i.sentCopy !== "UNKNOWN")
        ? Object.fromEntries(inboxes.map((i) => [i.email.split("@")[0], i.sentCopy]))
        : null;
    });
    expect(modes).toEqual({ alice: "SERVER", bob: "SERVER", dave: "CLIENT" });
    const daveSent = await h.db.message.findMany({
      where: { campaignId: fixture.campaignId, fromEmail: user("dave").email },
    });
    expect(daveSent.length).toBeGreaterThan(0);
    const daveFolder = await waitFor("dave's copies in his Sent folder", async () => {
      const ids = (await readMailbox(stack, user("dave"), "Sent")).map((m) => m.messageId);
      return daveSent.every((m) => ids.includes(m.messageId)) ? ids : null;
    });
    for (const m of daveSent) expect(daveFolder.filter((id) => id === m.messageId)).toHaveLength(1);
  });

  it("the one-click unsubscribe of a received message works over HTTPS, and that lead gets no further step", async () => {
    const first = leads[0]!;
    const received = (await readMailbox(stack, user("carol"))).find(
      (m) => step1Ids.includes(m.messageId) && m.source.includes(`To: ${first.email}`),
    )!;
    const url = new URL(/List-Unsubscribe:\s*<(https:[^>]+)>/.exec(received.source)![1]!);
    const certs = await ensureSelfSignedCertificate(mkdtempSync(path.join(tmpdir(), "mf-worker-tls-")));
    const app = await buildApp(
      {
        TLS_CERT_FILE: certs.certFile,
        TLS_KEY_FILE: certs.keyFile,
        BODY_LIMIT_BYTES: 64 * 1024,
        TRUST_PROXY: false,
        LOG_LEVEL: "silent",
        PUBLIC_URL: "https://mailflow.test",
        SECURITY_CONTACT: "mailto:security@mailflow.dev",
      },
      h.deps,
    );
    await app.listen({ host: "127.0.0.1", port: 0 });
    try {
      const address = app.server.address() as { port: number };
      const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
      // RFC 8058: a POST with this body, no cookie, no login.
      const response = await request(`https://127.0.0.1:${address.port}${url.pathname}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
        dispatcher,
      });
      expect(response.statusCode).toBe(200);
      await response.body.dump();
    } finally {
      await app.close();
    }
    await runStepAt(new Date(start.getTime() + 2 * DAY + 60_000));
    const step2 = await h.db.message.findMany({ where: { campaignId: fixture.campaignId, step: 1 } });
    expect(step2).toHaveLength(19);
    expect(step2.some((m) => m.toEmail === first.email)).toBe(false);
    const lead = await h.db.campaignLead.findFirst({
      where: { campaignId: fixture.campaignId, lead: { email: first.email } },
    });
    expect(lead).toMatchObject({ status: "UNSUBSCRIBED", stopReason: "Unsubscribed (one-click link)." });
  });

  it("step 3 goes out after its delay, then the campaign completes", async () => {
    const early = await worker.tick(new Date(start.getTime() + 3 * DAY));
    expect(early.queued).toBe(0);
    await runStepAt(new Date(start.getTime() + 5 * DAY + 120_000));
    const all = await h.db.message.findMany({ where: { campaignId: fixture.campaignId } });
    expect(all.filter((m) => m.step === 2 && m.status === "SENT")).toHaveLength(19);
    expect(all.filter((m) => m.status === "SENT")).toHaveLength(20 + 19 + 19);
    const received = (await readMailbox(stack, user("carol"))).filter((m) =>
      all.some((a) => a.messageId === m.messageId),
    );
    expect(received).toHaveLength(58);
    await worker.tick(new Date(start.getTime() + 5 * DAY + 180_000));
    const campaign = await h.db.campaign.findUniqueOrThrow({ where: { id: fixture.campaignId } });
    expect(campaign.status).toBe("COMPLETED");
  });

  it("reports stats per step and per inbox, crediting the unsubscribe to the message that caused it", async () => {
    const stats = await h
      .call({ bearer: owner.token })
      .campaigns.stats({ workspaceId: fixture.workspaceId, campaignId: fixture.campaignId });
    expect(stats.leads).toMatchObject({ total: 21, completed: 19, unsubscribed: 1, suppressed: 1, active: 0 });
    expect(stats.steps.map((s) => [s.step, s.sent, s.unsubscribed, s.bounced, s.pending])).toEqual([
      [1, 20, 1, 0, 0],
      [2, 19, 0, 0, 0],
      [3, 19, 0, 0, 0],
    ]);
    const first = await h.db.message.findFirstOrThrow({
      where: { campaignId: fixture.campaignId, toEmail: leads[0]!.email },
    });
    const inboxRows = Object.fromEntries(stats.inboxes.map((i) => [i.inboxId, i]));
    expect(inboxRows[first.inboxId]!.unsubscribed).toBe(1);
    expect(stats.inboxes.reduce((sum, i) => sum + i.sent, 0)).toBe(58);
    expect(stats.daily.reduce((sum, d) => sum + d.sent, 0)).toBe(58);
    // The unsubscribe stopped that lead's sequence today: the daily series places it there.
    expect(stats.daily.reduce((sum, d) => sum + d.unsubscribed, 0)).toBe(1);
  });

  it("sums the workspace's health for the owner's overview: sent, bounces, queue, inboxes", async () => {
    const health = await h.call({ bearer: owner.token }).workspaces.health({ workspaceId: fixture.workspaceId });
    expect(health).toMatchObject({
      sentLast7Days: 58,
      bouncedLast7Days: 0,
      bounceRate: 0,
      queueDepth: 0,
      activeCampaigns: 0,
      stoppedInboxes: [],
    });
    expect(health.inboxes.active).toBeGreaterThanOrEqual(1);
    expect(health.inboxes.paused + health.inboxes.error).toBe(0);
  });
});
