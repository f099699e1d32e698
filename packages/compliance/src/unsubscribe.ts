import type { Tx } from "@mailflow/db";
import { addSuppressions } from "./suppression.ts";

/**
 * A person asked to stop (one-click link, or later a reply saying so): suppress the address for the workspace and
 * stop every running sequence to it at once, so not even a step that is already due goes out. Idempotent: returns
 * whether the address was newly suppressed and how many sequences stopped.
 */
export async function unsubscribeAddress(
  tx: Tx,
  workspaceId: string,
  email: string,
  source: string,
): Promise<{ added: boolean; stopped: number }> {
  const address = email.trim().toLowerCase();
  const added = await addSuppressions(tx, workspaceId, [{ kind: "EMAIL", value: address }], "unsubscribed");
  const { count } = await tx.campaignLead.updateMany({
    where: { status: "ACTIVE", lead: { workspaceId, email: address } },
    data: { status: "UNSUBSCRIBED", nextSendAt: null, stopReason: `Unsubscribed (${source}).`, stoppedAt: new Date() },
  });
  return { added: added > 0, stopped: count };
}
