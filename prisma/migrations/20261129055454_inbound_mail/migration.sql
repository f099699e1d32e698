-- CreateEnum
CREATE TYPE "InboundKind" AS ENUM ('REPLY', 'AUTO_REPLY', 'BOUNCE', 'OTHER');

-- CreateEnum
CREATE TYPE "ReplyLabel" AS ENUM ('INTERESTED', 'NOT_INTERESTED', 'MEETING_BOOKED', 'OUT_OF_OFFICE');

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "stopOnAutoReply" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "InboxCursor" (
    "inboxId" UUID NOT NULL,
    "folder" TEXT NOT NULL,
    "uidValidity" BIGINT NOT NULL,
    "lastUid" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboxCursor_pkey" PRIMARY KEY ("inboxId","folder")
);

-- CreateTable
CREATE TABLE "InboundMessage" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "inboxId" UUID NOT NULL,
    "folder" TEXT NOT NULL,
    "uidValidity" BIGINT NOT NULL,
    "uid" BIGINT NOT NULL,
    "kind" "InboundKind" NOT NULL,
    "messageId" TEXT,
    "fromEmail" TEXT NOT NULL,
    "fromName" TEXT,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "sentMessageId" UUID,
    "campaignId" UUID,
    "campaignLeadId" UUID,
    "leadId" UUID,
    "step" INTEGER,
    "bounceStatus" TEXT,
    "bounceSeverity" TEXT,
    "unsubscribe" BOOLEAN NOT NULL DEFAULT false,
    "read" BOOLEAN NOT NULL DEFAULT false,
    "label" "ReplyLabel",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InboundMessage_workspaceId_receivedAt_idx" ON "InboundMessage"("workspaceId", "receivedAt");

-- CreateIndex
CREATE INDEX "InboundMessage_inboxId_messageId_idx" ON "InboundMessage"("inboxId", "messageId");

-- CreateIndex
CREATE INDEX "InboundMessage_campaignLeadId_idx" ON "InboundMessage"("campaignLeadId");

-- CreateIndex
CREATE UNIQUE INDEX "InboundMessage_inboxId_folder_uidValidity_uid_key" ON "InboundMessage"("inboxId", "folder", "uidValidity", "uid");

-- AddForeignKey
ALTER TABLE "InboxCursor" ADD CONSTRAINT "InboxCursor_inboxId_fkey" FOREIGN KEY ("inboxId") REFERENCES "Inbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundMessage" ADD CONSTRAINT "InboundMessage_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundMessage" ADD CONSTRAINT "InboundMessage_inboxId_fkey" FOREIGN KEY ("inboxId") REFERENCES "Inbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

