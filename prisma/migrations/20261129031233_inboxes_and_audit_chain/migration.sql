-- CreateEnum
CREATE TYPE "MailSecurity" AS ENUM ('TLS', 'STARTTLS');

-- CreateEnum
CREATE TYPE "InboxStatus" AS ENUM ('ACTIVE', 'PAUSED', 'ERROR');

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hash" TEXT NOT NULL,
ADD COLUMN     "prevHash" TEXT;

-- CreateTable
CREATE TABLE "Inbox" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "fromName" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "smtpHost" TEXT NOT NULL,
    "smtpPort" INTEGER NOT NULL,
    "smtpSecurity" "MailSecurity" NOT NULL,
    "imapHost" TEXT NOT NULL,
    "imapPort" INTEGER NOT NULL,
    "imapSecurity" "MailSecurity" NOT NULL,
    "username" TEXT NOT NULL,
    "passwordSealed" TEXT NOT NULL,
    "allowSelfSigned" BOOLEAN NOT NULL DEFAULT false,
    "status" "InboxStatus" NOT NULL DEFAULT 'ACTIVE',
    "statusReason" TEXT,
    "dailyLimit" INTEGER NOT NULL DEFAULT 30,
    "rampUpEnabled" BOOLEAN NOT NULL DEFAULT false,
    "rampUpStart" INTEGER NOT NULL DEFAULT 5,
    "rampUpIncrement" INTEGER NOT NULL DEFAULT 2,
    "minGapSeconds" INTEGER NOT NULL DEFAULT 300,
    "signature" TEXT NOT NULL DEFAULT '',
    "lastCheckedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Inbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Inbox_workspaceId_email_key" ON "Inbox"("workspaceId", "email");

-- AddForeignKey
ALTER TABLE "Inbox" ADD CONSTRAINT "Inbox_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

