// An integration in a few lines: list a workspace's campaigns with their figures, using an API key.
//
//   MAILFLOW_URL=https://mailflow.example.com MAILFLOW_API_KEY=mf_... pnpm --filter @mailflow/examples list-campaigns
//
// The client is typed by the server's router: a procedure or field that does not exist is a compile error here
// (CI type-checks this file). An API key acts in the one workspace it was created in; auth.whoami names it.
import { createApiClient, describeApiError } from "@mailflow/api-client";

const url = process.env.MAILFLOW_URL;
const apiKey = process.env.MAILFLOW_API_KEY;
if (!url || !apiKey) {
  console.error("Set MAILFLOW_URL (the server's https:// address) and MAILFLOW_API_KEY (mf_...).");
  process.exit(2);
}

const api = createApiClient({ url, getToken: () => apiKey });

try {
  const who = await api.auth.whoami.query();
  if (who.kind !== "apiKey") throw new Error("MAILFLOW_API_KEY must be an API key, not a session token.");
  const campaigns = await api.campaigns.list.query({ workspaceId: who.workspace.id });
  console.log(`${who.workspace.name}: ${campaigns.length} campaign(s)`);
  for (const campaign of campaigns) {
    const stats = await api.campaigns.stats.query({ workspaceId: who.workspace.id, campaignId: campaign.id });
    const sent = stats.steps.reduce((sum, step) => sum + step.sent, 0);
    console.log(
      [
        campaign.name,
        campaign.status.toLowerCase(),
        `${stats.leads.total} leads`,
        `${sent} sent`,
        `${stats.leads.replied} replied`,
      ].join(" | "),
    );
  }
} catch (error) {
  console.error(describeApiError(error));
  process.exit(1);
}
