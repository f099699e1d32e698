import type { Tx } from "@mailflow/db";
import { AppError } from "../../errors.ts";

/**
 * Locks the workspace's owner rows for the rest of the transaction and refuses a change that would leave
 * no owner. The lock makes two concurrent demotions of the last two owners impossible.
 */
export async function assertAnotherOwnerRemains(tx: Tx, workspaceId: string, leavingUserId: string): Promise<void> {
  const owners = await tx.$queryRaw<{ userId: string }[]>`
    SELECT "userId" FROM "Membership" WHERE "workspaceId" = ${workspaceId}::uuid AND role = 'OWNER' FOR UPDATE`;
  if (!owners.some((o) => o.userId !== leavingUserId)) {
    throw new AppError("CONFLICT", "A workspace needs at least one owner. Make someone else an owner first.");
  }
}
