-- CreateEnum
CREATE TYPE "SuppressionKind" AS ENUM ('EMAIL', 'DOMAIN');

-- CreateTable
CREATE TABLE "Suppression" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "kind" "SuppressionKind" NOT NULL,
    "value" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Suppression_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GlobalSuppression" (
    "id" UUID NOT NULL,
    "kind" "SuppressionKind" NOT NULL,
    "value" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GlobalSuppression_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Suppression_workspaceId_kind_value_key" ON "Suppression"("workspaceId", "kind", "value");

-- CreateIndex
CREATE UNIQUE INDEX "GlobalSuppression_kind_value_key" ON "GlobalSuppression"("kind", "value");

-- AddForeignKey
ALTER TABLE "Suppression" ADD CONSTRAINT "Suppression_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

