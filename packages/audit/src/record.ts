import { ActorType, type DbOrTx } from "@mailflow/db";
import type { AuditActor, AuditEventInput } from "./events.ts";

const actorTypes: Record<AuditActor["type"], ActorType> = {
  user: ActorType.USER,
  api_key: ActorType.API_KEY,
  system: ActorType.SYSTEM,
};

/**
 * Writes one audit event through the client it is given. Pass the transaction of the change being recorded,
 * so the event and the change commit or roll back together.
 */
export async function record(tx: DbOrTx, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      action: event.action,
      actorType: actorTypes[event.actor.type],
      actorId: event.actor.id ?? null,
      workspaceId: event.workspaceId ?? null,
      targetType: event.target?.type ?? null,
      targetId: event.target?.id ?? null,
      ip: event.ip ?? null,
      userAgent: event.userAgent?.slice(0, 512) ?? null,
      metadata: event.metadata ?? {},
    },
  });
}
