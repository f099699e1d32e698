import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@mailflow/db";
import type { WebhookData, WebhookEvent } from "./events.ts";

/**
 * Records an event for every enabled endpoint of the workspace that wants it (the outbox). Call it in the same
 * transaction as the change it reports: the event exists exactly when the change does, and the worker delivers it.
 */
export async function emitWebhookEvent(
  db: DbOrTx,
  workspaceId: string,
  type: WebhookEvent,
  data: WebhookData,
  occurredAt: Date = new Date(),
): Promise<number> {
  const endpoints = await db.webhookEndpoint.findMany({
    where: { workspaceId, enabled: true, events: { has: type } },
    select: { id: true },
  });
  if (endpoints.length === 0) return 0;
  const eventId = `msg_${randomUUID().replaceAll("-", "")}`;
  const payload = { type, timestamp: occurredAt.toISOString(), data };
  const { count } = await db.webhookDelivery.createMany({
    data: endpoints.map((e) => ({ workspaceId, endpointId: e.id, eventId, eventType: type, payload })),
  });
  return count;
}
