import { randomUUID } from "node:crypto";
import { findSuppression, type UnsubscribeTokens } from "@mailflow/compliance";
import type { Db, Tx } from "@mailflow/db";
import {
  isInWindow,
  isValidTimeZone,
  nextSendAfter,
  nextUtcDay,
  nextWindowOpening,
  pickInbox,
  renderForLead,
  type SendingWindow,
  type StepVariant,
} from "@mailflow/engine";
import { deterministicMessageId } from "@mailflow/mail";
import { emitWebhookEvent } from "@mailflow/webhooks";
import type PgBoss from "pg-boss";
import { enqueueSend } from "../queue/boss.ts";
import { type InboxSlot, loadInboxSlots, messagesQueuedToday, nextCapacity, paceOf } from "./capacity.ts";

/** Advisory-lock key: one scheduler tick at a time across every worker. */
const SCHEDULER_LOCK = 0x6d66_7363;

export interface SchedulerDeps {
  db: Db;
  boss: PgBoss;
  unsubscribe: UnsubscribeTokens;
  publicUrl: string;
  /** Due leads per tick (one transaction). */
  batch: number;
  /** Jitter source for inbox gaps (injected so tests can pin it). */
  random: () => number;
}

export interface TickReport {
  /** False when another worker's tick held the lock: this one did nothing. */
  ran: boolean;
  due: number;
  queued: number;
  outsideWindow: number;
  noCapacity: number;
  suppressed: number;
  stopped: number;
  completedCampaigns: number;
}

/**
 * One scheduler pass. In ONE transaction, under a lock no other worker's tick can hold at the same time: picks due
 * campaign-leads, applies sending windows (campaign or lead time zone), the campaign's daily cap, the inboxes'
 * daily limits, ramp-up, gaps and rotation, checks the suppression lists, renders, and inserts each Message with
 * its send job. A lead that cannot go now gets the time it next can (window opening, a gap's end, tomorrow), so
 * each tick only reads leads that are really due.
 */
export async function runSchedulerTick(deps: SchedulerDeps, now: Date = new Date()): Promise<TickReport> {
  const report: TickReport = {
    ran: false,
    due: 0,
    queued: 0,
    outsideWindow: 0,
    noCapacity: 0,
    suppressed: 0,
    stopped: 0,
    completedCampaigns: 0,
  };
  return deps.db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<
        { locked: boolean }[]
      >`SELECT pg_try_advisory_xact_lock(${SCHEDULER_LOCK}) AS locked`;
      if (!lock?.locked) return report;
      report.ran = true;
      const due = await tx.$queryRaw<{ id: string; campaignId: string; leadId: string; nextStep: number }[]>`
        SELECT cl."id", cl."campaignId", cl."leadId", cl."nextStep"
        FROM "CampaignLead" cl JOIN "Campaign" c ON c."id" = cl."campaignId"
        WHERE c."status" = 'ACTIVE' AND cl."status" = 'ACTIVE' AND cl."nextSendAt" <= ${now}
        ORDER BY cl."nextSendAt" LIMIT ${deps.batch}`;
      report.due = due.length;
      if (due.length > 0) await scheduleDue(deps, tx, due, now, report);
      report.completedCampaigns = await completeFinishedCampaigns(tx);
      return report;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

async function scheduleDue(
  deps: SchedulerDeps,
  tx: Tx,
  due: { id: string; campaignId: string; leadId: string; nextStep: number }[],
  now: Date,
  report: TickReport,
) {
  const campaignIds = [...new Set(due.map((d) => d.campaignId))];
  const campaigns = new Map(
    (
      await tx.campaign.findMany({
        where: { id: { in: campaignIds } },
        include: { steps: { orderBy: { position: "asc" } }, inboxes: true, workspace: true },
      })
    ).map((c) => [c.id, c]),
  );
  const inboxIds = [...new Set([...campaigns.values()].flatMap((c) => c.inboxes.map((i) => i.inboxId)))];
  const slots = await loadInboxSlots(
    tx,
    await tx.inbox.findMany({ where: { id: { in: inboxIds }, status: "ACTIVE" } }),
    now,
  );
  const campaignToday = await messagesQueuedToday(tx, campaignIds, now);
  const leads = new Map(
    (await tx.lead.findMany({ where: { id: { in: due.map((d) => d.leadId) } } })).map((l) => [l.id, l]),
  );
  const setNextSend = (id: string, at: Date | null) =>
    tx.campaignLead.update({ where: { id }, data: { nextSendAt: at } });

  for (const item of due) {
    const campaign = campaigns.get(item.campaignId)!;
    const lead = leads.get(item.leadId)!;
    const step = campaign.steps[item.nextStep];
    if (!step) {
      await tx.campaignLead.update({
        where: { id: item.id },
        data: { status: "COMPLETED", nextSendAt: null, stoppedAt: new Date() },
      });
      continue;
    }
    const window: SendingWindow = {
      days: campaign.sendDays,
      start: campaign.windowStart,
      end: campaign.windowEnd,
      timeZone:
        campaign.useLeadTimeZone && lead.timeZone && isValidTimeZone(lead.timeZone) ? lead.timeZone : campaign.timeZone,
    };
    if (!isInWindow(now, window)) {
      await setNextSend(item.id, nextWindowOpening(now, window));
      report.outsideWindow++;
      continue;
    }
    if ((campaignToday.get(campaign.id) ?? 0) >= campaign.dailyCap) {
      await setNextSend(item.id, nextUtcDay(now));
      report.noCapacity++;
      continue;
    }
    const suppressed = await findSuppression(tx, campaign.workspaceId, lead.email);
    if (suppressed) {
      await tx.campaignLead.update({
        where: { id: item.id },
        data: {
          status: "SUPPRESSED",
          nextSendAt: null,
          stopReason: `On the ${suppressed.scope} suppression list (${suppressed.reason}).`,
        },
      });
      report.suppressed++;
      continue;
    }
    const campaignSlots = campaign.inboxes.map((ci) => slots.get(ci.inboxId)).filter((s): s is InboxSlot => !!s);
    const slot = pickInbox(campaignSlots, now) as InboxSlot | null;
    if (!slot) {
      await setNextSend(item.id, nextCapacity(campaignSlots, now));
      report.noCapacity++;
      continue;
    }
    const { workspace } = campaign;
    if (!workspace.senderCompany || !workspace.senderAddress) {
      // Launch requires the sender identity; if it was removed since, wait rather than send without it.
      await setNextSend(item.id, new Date(now.getTime() + 60 * 60_000));
      report.noCapacity++;
      continue;
    }
    const rendered = renderForLead(
      { id: step.id, variants: step.variants as unknown as StepVariant[] },
      lead,
      { company: workspace.senderCompany, postalAddress: workspace.senderAddress },
      deps.unsubscribe.link(deps.publicUrl, { workspaceId: campaign.workspaceId, email: lead.email }),
    );
    if (rendered.missing.length > 0) {
      await tx.campaignLead.update({
        where: { id: item.id },
        data: {
          status: "FAILED",
          nextSendAt: null,
          stopReason: `Step ${item.nextStep + 1} has empty variables for this lead: ${rendered.missing.join(", ")}.`,
        },
      });
      report.stopped++;
      continue;
    }
    const inbox = slot.inbox;
    const id = randomUUID();
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "Message" ("id", "workspaceId", "campaignId", "campaignLeadId", "leadId", "inboxId", "step",
        "variantId", "messageId", "fromEmail", "toEmail", "subject", "text", "html", "queuedAt")
      VALUES (${id}::uuid, ${campaign.workspaceId}::uuid, ${campaign.id}::uuid, ${item.id}::uuid, ${lead.id}::uuid,
        ${inbox.id}::uuid, ${item.nextStep}, ${rendered.variantId},
        ${deterministicMessageId(id, inbox.email.slice(inbox.email.lastIndexOf("@") + 1))},
        ${inbox.email}, ${lead.email}, ${rendered.subject}, ${rendered.text}, ${rendered.html}, ${now})
      ON CONFLICT ("campaignLeadId", "step") WHERE "status" <> 'CANCELLED' DO NOTHING
      RETURNING "id"`;
    await setNextSend(item.id, null);
    if (inserted.length === 0) continue;
    await enqueueSend(deps.boss, tx, id);
    const readyAt = nextSendAfter(now, paceOf(inbox), deps.random);
    await tx.inbox.update({
      where: { id: inbox.id },
      data: { nextSendAt: readyAt, ...(inbox.sendingSince ? {} : { sendingSince: now }) },
    });
    slot.remaining--;
    slot.readyAt = readyAt;
    slot.lastSentAt = now;
    campaignToday.set(campaign.id, (campaignToday.get(campaign.id) ?? 0) + 1);
    report.queued++;
  }
}

/** A running campaign with no active lead and nothing in flight is COMPLETED. */
async function completeFinishedCampaigns(tx: Tx): Promise<number> {
  const completed = await tx.$queryRaw<{ id: string; workspaceId: string; name: string }[]>`
    UPDATE "Campaign" c SET "status" = 'COMPLETED', "updatedAt" = now()
    WHERE c."status" = 'ACTIVE'
      AND NOT EXISTS (SELECT 1 FROM "CampaignLead" cl WHERE cl."campaignId" = c."id" AND cl."status" = 'ACTIVE')
      AND NOT EXISTS (SELECT 1 FROM "Message" m WHERE m."campaignId" = c."id" AND m."status" IN ('QUEUED', 'SENDING'))
    RETURNING c."id", c."workspaceId", c."name"`;
  for (const campaign of completed) {
    await emitWebhookEvent(tx, campaign.workspaceId, "campaign.completed", {
      campaignId: campaign.id,
      name: campaign.name,
    });
  }
  return completed.length;
}
