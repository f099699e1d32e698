import type { Harness } from "@mailflow/api/testing";
import { syncWorkspaceCopy } from "@mailflow/db";

type Api = ReturnType<Harness["call"]>;

export interface CampaignFixture {
  workspaceId: string;
  campaignId: string;
  listId: string;
  inboxIds: string[];
}

/**
 * A launched campaign built through the real API, as a user would: stack inboxes connected (real SMTP/IMAP
 * logins) with no gap between sends, the sender identity, a list imported from CSV, steps, all-day window (UTC).
 */
export async function launchCampaignThroughApi(
  h: Harness,
  api: Api,
  workspaceId: string,
  spec: {
    senders: { email: string; password: string }[];
    leadsCsv: string;
    steps: { delayMinutes: number; variants: { subject: string; body: string }[] }[];
    dailyLimit?: number;
    dailyCap?: number;
    beforeLaunch?: (fixture: CampaignFixture) => Promise<void>;
  },
): Promise<CampaignFixture> {
  const inboxIds: string[] = [];
  // Fixture workspaces are on the Scale plan: plan limits are not what these tests are about (plans.test.ts is).
  await h.db.workspace.update({ where: { id: workspaceId }, data: { plan: "SCALE" } });
  await syncWorkspaceCopy(h.deps.regions, workspaceId);
  for (const sender of spec.senders) {
    const inbox = await h.connectStackInbox(api, workspaceId, sender);
    await api.inboxes.updateSettings({
      workspaceId,
      inboxId: inbox.id,
      minGapSeconds: 0,
      dailyLimit: spec.dailyLimit ?? 2000,
    });
    inboxIds.push(inbox.id);
  }
  await api.workspaces.updateSenderIdentity({
    workspaceId,
    companyName: "Acme Outreach GmbH",
    postalAddress: "Hauptstr. 1\n10115 Berlin",
  });
  const listId = (await api.leads.createList({ workspaceId, name: "Prospects" })).id;
  const imported = await api.leads.importCsv({ workspaceId, listId, csv: spec.leadsCsv });
  if (imported.rejected > 0) throw new Error(`setup: leads rejected: ${JSON.stringify(imported.rejections)}`);
  const campaign = await api.campaigns.create({
    workspaceId,
    name: "Worker test",
    sendDays: [1, 2, 3, 4, 5, 6, 7],
    windowStart: "00:00",
    windowEnd: "23:59",
    timeZone: "UTC",
    useLeadTimeZone: false,
    dailyCap: spec.dailyCap ?? 100_000,
  });
  await api.campaigns.setSteps({ workspaceId, campaignId: campaign.id, steps: spec.steps });
  await api.campaigns.setInboxes({ workspaceId, campaignId: campaign.id, inboxIds });
  await api.campaigns.addLeads({ workspaceId, campaignId: campaign.id, listId });
  const fixture = { workspaceId, campaignId: campaign.id, listId, inboxIds };
  await spec.beforeLaunch?.(fixture);
  await api.campaigns.launch({ workspaceId, campaignId: campaign.id });
  return fixture;
}
