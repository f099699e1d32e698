import type { DbOrTx, Inbox } from "@mailflow/db";
import { notFound } from "../../errors.ts";

/** An inbox of this workspace, or NOT_FOUND: ids of other workspaces look exactly like ids that do not exist. */
export async function findWorkspaceInbox(db: DbOrTx, workspaceId: string, inboxId: string): Promise<Inbox> {
  const inbox = await db.inbox.findFirst({ where: { id: inboxId, workspaceId } });
  if (!inbox) throw notFound("Inbox");
  return inbox;
}
