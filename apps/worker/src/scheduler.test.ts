import type { Harness } from "@mailflow/api/testing";
import type { FreshDatabase } from "@mailflow/db/testing";
import { readMailStack } from "@mailflow/mail/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchCampaignThroughApi } from "./testing/campaign-fixture.ts";
import { closeWorkerTestbed, openWorkerTestbed, testWorkerConfig } from "./testing/index.ts";
import { createWorker, type Worker } from "./worker.ts";

/** The scheduler alone (no sender running): which leads a tick queues at a given instant, and when the rest are due. */
const stack = readMailStack(inject("mailStackDir"));
const user = (name: string) => stack.users.find((u) => u.email.startsWith(`${name}@`))!;
const tag = Math.random().toString(36).slice(2, 8);
const step = [{ delayMinutes: 0, variants: [{ subject: "Hi {{firstName|there}}", body: "Hello." }] }];
const leadsCsv = (n: number, extra = "") =>
  `email,time_zone\n${Array.from({ length: n }, (_, i) => `bob+${tag}-${extra}${i}@${stack.domain},`).join("\n")}\n`;

let database: FreshDatabase;
let h: Harness;
let worker: Worker;

beforeAll(async () => {
  ({ database, h, worker } = await openWorkerTestbed(stack));
  // Pin the jitter: gaps are exactly the minimum.
  worker.scheduler.random = () => 0;
}, 60_000);

afterAll(async () => {
  await closeWorkerTestbed({ database, h, worker });
});

async function newWorkspace() {
  const owner = await h.signUp("sched");
  return { owner, api: owner.as(), workspaceId: owner.workspaceId };
}

const queuedFor = (campaignId: string) => h.db.message.count({ where: { campaignId } });

// Wednesday 2 December 2026, 15:00 UTC: 10:00 in New York, 00:00 (Thursday) in Tokyo.
const WEDNESDAY_15_UTC = new Date("2026-12-02T15:00:00Z");

describe("scheduler tick", () => {
  it("sends in each lead's own time zone and gives the others the moment their window opens", async () => {
    const { api, workspaceId } = await newWorkspace();
    const fixture = await launchCampaignThroughApi(h, api, workspaceId, {
      senders: [user("alice")],
      leadsCsv: `email,time_zone\nbob+${tag}-ny@${stack.domain},America/New_York\nbob+${tag}-tokyo@${stack.domain},Asia/Tokyo\n`,
      steps: step,
      beforeLaunch: async ({ campaignId }) => {
        await api.campaigns.update({
          workspaceId,
          campaignId,
          sendDays: [1, 2, 3, 4, 5],
          windowStart: "09:00",
          windowEnd: "17:00",
          useLeadTimeZone: true,
        });
      },
    });
    const report = await worker.tick(WEDNESDAY_15_UTC);
    expect(report).toMatchObject({ ran: true, due: 2, queued: 1, outsideWindow: 1 });
    const [queued] = await h.db.message.findMany({ where: { campaignId: fixture.campaignId } });
    expect(queued!.toEmail).toContain("-ny@");
    const tokyo = await h.db.campaignLead.findFirstOrThrow({
      where: { campaignId: fixture.campaignId, lead: { email: { contains: "-tokyo@" } } },
    });
    // Thursday 09:00 in Tokyo.
    expect(tokyo.nextSendAt?.toISOString()).toBe("2026-12-03T00:00:00.000Z");
  });

  it("keeps each inbox within its ramp-up and daily limit, rotating between them, and resumes the next day", async () => {
    const { api, workspaceId } = await newWorkspace();
    const fixture = await launchCampaignThroughApi(h, api, workspaceId, {
      senders: [user("alice"), user("bob")],
      leadsCsv: leadsCsv(12, "ramp"),
      steps: step,
      dailyLimit: 4,
    });
    for (const inboxId of fixture.inboxIds) {
      await api.inboxes.updateSettings({
        workspaceId,
        inboxId,
        rampUpEnabled: true,
        rampUpStart: 2,
        rampUpIncrement: 1,
      });
    }
    await worker.tick(WEDNESDAY_15_UTC);
    expect(await queuedFor(fixture.campaignId)).toBe(4);
    const perInbox = await h.db.message.groupBy({
      by: ["inboxId"],
      where: { campaignId: fixture.campaignId },
      _count: true,
    });
    expect(perInbox.map((p) => p._count)).toEqual([2, 2]);
    // The rest wait for the next UTC day, not for every tick.
    const waiting = await h.db.campaignLead.findMany({
      where: { campaignId: fixture.campaignId, nextSendAt: { not: null } },
    });
    expect(waiting.every((l) => l.nextSendAt!.toISOString() === "2026-12-03T00:00:00.000Z")).toBe(true);
    await worker.tick(new Date("2026-12-02T16:00:00Z"));
    expect(await queuedFor(fixture.campaignId)).toBe(4);
    // Day 2 of ramp-up: 3 each.
    await worker.tick(new Date("2026-12-03T10:00:00Z"));
    expect(await queuedFor(fixture.campaignId)).toBe(10);
    // Day 3: 4 each (the daily limit), but only 2 leads are left.
    await worker.tick(new Date("2026-12-04T10:00:00Z"));
    expect(await queuedFor(fixture.campaignId)).toBe(12);
  });

  it("honours the campaign's daily cap and each inbox's minimum gap", async () => {
    const { api, workspaceId } = await newWorkspace();
    const capped = await launchCampaignThroughApi(h, api, workspaceId, {
      senders: [user("alice"), user("bob")],
      leadsCsv: leadsCsv(5, "cap"),
      steps: step,
      dailyCap: 3,
    });
    await worker.tick(WEDNESDAY_15_UTC);
    expect(await queuedFor(capped.campaignId)).toBe(3);

    const other = await newWorkspace();
    const gapped = await launchCampaignThroughApi(h, other.api, other.workspaceId, {
      senders: [user("carol")],
      leadsCsv: leadsCsv(3, "gap"),
      steps: step,
    });
    await other.api.inboxes.updateSettings({
      workspaceId: other.workspaceId,
      inboxId: gapped.inboxIds[0]!,
      minGapSeconds: 600,
    });
    const t0 = new Date("2026-12-07T10:00:00Z");
    await worker.tick(t0);
    expect(await queuedFor(gapped.campaignId)).toBe(1);
    const waiting = await h.db.campaignLead.findMany({
      where: { campaignId: gapped.campaignId, nextSendAt: { not: null } },
    });
    expect(waiting.map((l) => l.nextSendAt!.toISOString())).toEqual([
      "2026-12-07T10:10:00.000Z",
      "2026-12-07T10:10:00.000Z",
    ]);
    await worker.tick(new Date("2026-12-07T10:05:00Z"));
    expect(await queuedFor(gapped.campaignId)).toBe(1);
    await worker.tick(new Date("2026-12-07T10:10:00Z"));
    expect(await queuedFor(gapped.campaignId)).toBe(2);
  });

  it("checks the suppression lists when scheduling (an entry added after launch)", async () => {
    const { api, workspaceId } = await newWorkspace();
    const fixture = await launchCampaignThroughApi(h, api, workspaceId, {
      senders: [user("alice")],
      leadsCsv: leadsCsv(2, "sup"),
      steps: step,
    });
    await api.suppression.add({ workspaceId, entries: [`bob+${tag}-sup0@${stack.domain}`] });
    await h.db.globalSuppression.create({
      data: { kind: "EMAIL", value: `bob+${tag}-sup1@${stack.domain}`, reason: "complaint" },
    });
    await worker.tick(WEDNESDAY_15_UTC);
    expect(await queuedFor(fixture.campaignId)).toBe(0);
    const leads = await h.db.campaignLead.findMany({ where: { campaignId: fixture.campaignId } });
    expect(leads.map((l) => l.status)).toEqual(["SUPPRESSED", "SUPPRESSED"]);
    expect(leads.map((l) => l.stopReason).sort()).toEqual([
      "On the global suppression list (complaint).",
      "On the workspace suppression list (manual).",
    ]);
  });

  it("lets one tick run at a time across workers, and never queues a step twice", async () => {
    const { api, workspaceId } = await newWorkspace();
    const fixture = await launchCampaignThroughApi(h, api, workspaceId, {
      senders: [user("alice"), user("bob")],
      leadsCsv: leadsCsv(40, "race"),
      steps: step,
    });
    const second = await createWorker(testWorkerConfig(database.url, stack), { maxConnections: 4 });
    try {
      const reports = await Promise.all([
        worker.tick(WEDNESDAY_15_UTC),
        second.tick(WEDNESDAY_15_UTC),
        worker.tick(WEDNESDAY_15_UTC),
      ]);
      expect(reports.filter((r) => r.ran).length).toBeGreaterThanOrEqual(1);
      const messages = await h.db.message.findMany({ where: { campaignId: fixture.campaignId } });
      expect(messages).toHaveLength(40);
      expect(new Set(messages.map((m) => m.campaignLeadId)).size).toBe(40);
      const jobs = await h.db.$queryRaw<{ count: bigint }[]>`
        SELECT count(*) AS count FROM pgboss.job WHERE "name" = 'send-message'
          AND "data"->>'messageId' = ANY(${messages.map((m) => m.id)}::text[])`;
      expect(Number(jobs[0]!.count)).toBe(40);
    } finally {
      await second.stop();
    }
  });
});
