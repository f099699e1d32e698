-- AlterTable
ALTER TABLE "CampaignLead" ADD COLUMN     "stoppedAt" TIMESTAMP(3);

