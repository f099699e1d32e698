-- CreateEnum
CREATE TYPE "MessageStatus" AS ENUM ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "SentCopyMode" AS ENUM ('UNKNOWN', 'SERVER', 'CLIENT');

-- AlterEnum
ALTER TYPE "CampaignLeadStatus" ADD VALUE 'FAILED';

-- AlterTable
ALTER TABLE "CampaignLead" ADD COLUMN     "stopReason" TEXT;

-- AlterTable
ALTER TABLE "Inbox" ADD COLUMN     "nextSendAt" TIMESTAMP(3),
ADD COLUMN     "sendingSince" TIMESTAMP(3),
ADD COLUMN     "sentCopy" "SentCopyMode" NOT NULL DEFAULT 'UNKNOWN';

-- CreateTable
CREATE TABLE "Message" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "campaignLeadId" UUID NOT NULL,
    "leadId" UUID NOT NULL,
    "inboxId" UUID NOT NULL,
    "step" INTEGER NOT NULL,
    "variantId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "fromEmail" TEXT NOT NULL,
    "toEmail" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "status" "MessageStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "smtpResponse" TEXT,
    "error" TEXT,
    "bounced" BOOLEAN NOT NULL DEFAULT false,
    "recovered" BOOLEAN NOT NULL DEFAULT false,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sendingAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Message_messageId_key" ON "Message"("messageId");

-- CreateIndex
CREATE INDEX "Message_inboxId_queuedAt_idx" ON "Message"("inboxId", "queuedAt");

-- CreateIndex
CREATE INDEX "Message_campaignId_step_idx" ON "Message"("campaignId", "step");

-- CreateIndex
CREATE INDEX "Message_campaignId_queuedAt_idx" ON "Message"("campaignId", "queuedAt");

-- CreateIndex
CREATE INDEX "Message_status_sendingAt_idx" ON "Message"("status", "sendingAt");

-- CreateIndex
CREATE INDEX "Message_workspaceId_idx" ON "Message"("workspaceId");

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_campaignLeadId_fkey" FOREIGN KEY ("campaignLeadId") REFERENCES "CampaignLead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_inboxId_fkey" FOREIGN KEY ("inboxId") REFERENCES "Inbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: at most one live message per campaign-lead and step (a CANCELLED one may be followed by a new one).
-- The scheduler's INSERT ... ON CONFLICT DO NOTHING relies on it, so two schedulers can never queue a step twice.
CREATE UNIQUE INDEX "Message_live_step_key" ON "Message"("campaignLeadId", "step") WHERE "status" <> 'CANCELLED';
