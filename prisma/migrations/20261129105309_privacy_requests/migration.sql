-- CreateEnum
CREATE TYPE "PrivacyRequestKind" AS ENUM ('SUBJECT_EXPORT', 'SUBJECT_ERASURE', 'WORKSPACE_EXPORT', 'ACCOUNT_EXPORT', 'ACCOUNT_DELETION');

-- CreateEnum
CREATE TYPE "PrivacyRequestStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- AlterEnum
ALTER TYPE "SuppressionKind" ADD VALUE 'ERASED';

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "erasureSalt" TEXT NOT NULL DEFAULT replace((gen_random_uuid())::text, '-'::text, ''::text);

-- CreateTable
CREATE TABLE "PrivacyRequest" (
    "id" UUID NOT NULL,
    "workspaceId" UUID,
    "userId" UUID,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "kind" "PrivacyRequestKind" NOT NULL,
    "status" "PrivacyRequestStatus" NOT NULL DEFAULT 'QUEUED',
    "subjectSealed" TEXT,
    "subjectHash" TEXT,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "stage" TEXT NOT NULL DEFAULT 'waiting',
    "counts" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "result" BYTEA,
    "resultName" TEXT,
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "PrivacyRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ErasureRecord" (
    "id" BIGSERIAL NOT NULL,
    "scope" TEXT NOT NULL,
    "workspaceId" UUID,
    "subjectHash" TEXT,
    "userId" UUID,
    "erasedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ErasureRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PrivacyRequest_workspaceId_createdAt_idx" ON "PrivacyRequest"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "PrivacyRequest_userId_createdAt_idx" ON "PrivacyRequest"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "PrivacyRequest_status_createdAt_idx" ON "PrivacyRequest"("status", "createdAt");

-- CreateIndex
-- NULLS NOT DISTINCT: an entry is one erasure whichever of its ids are null (PostgreSQL 15+), so replays add nothing twice.
CREATE UNIQUE INDEX "ErasureRecord_scope_workspaceId_subjectHash_userId_key" ON "ErasureRecord"("scope", "workspaceId", "subjectHash", "userId") NULLS NOT DISTINCT;

-- AddForeignKey
ALTER TABLE "PrivacyRequest" ADD CONSTRAINT "PrivacyRequest_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

