import { router } from "../../trpc.ts";
import { addCampaignLeads, setCampaignInboxes, setCampaignSteps } from "./content.ts";
import { launchCampaign, pauseCampaign, preflightCampaign, previewCampaign, resumeCampaign } from "./launch.ts";
import { createCampaign, getCampaign, listCampaigns, updateCampaign } from "./manage.ts";
import { campaignStats } from "./stats.ts";

export const campaignsRouter = router({
  create: createCampaign,
  update: updateCampaign,
  get: getCampaign,
  list: listCampaigns,
  setSteps: setCampaignSteps,
  setInboxes: setCampaignInboxes,
  addLeads: addCampaignLeads,
  preview: previewCampaign,
  preflight: preflightCampaign,
  launch: launchCampaign,
  pause: pauseCampaign,
  resume: resumeCampaign,
  stats: campaignStats,
});
