import type { Campaign, DbOrTx } from "@mailflow/db";
import { AppError, notFound } from "../../errors.ts";

export async function findWorkspaceCampaign(db: DbOrTx, workspaceId: string, campaignId: string): Promise<Campaign> {
  const campaign = await db.campaign.findFirst({ where: { id: campaignId, workspaceId } });
  if (!campaign) throw notFound("Campaign");
  return campaign;
}

/** Content (steps, inboxes, leads) changes only before launch or while paused. */
export function assertEditable(campaign: Campaign): void {
  if (campaign.status === "ACTIVE" || campaign.status === "COMPLETED") {
    throw new AppError("CONFLICT", "Pause the campaign before changing it.");
  }
}
