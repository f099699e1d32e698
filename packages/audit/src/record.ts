import { ActorType, type DbOrTx, type Tx } from "@mailflow/db";
import { type ChainedContent, chainKey, eventHash } from "./chain.ts";
import type { AuditActor, AuditEventInput } from "./events.ts";

const actorTypes: Record<AuditActor["type"], ActorType> = {
  user: ActorType.USER,
  api_key: ActorType.API_KEY,
  system: ActorType.SYSTEM,
};

/**
 * Writes one audit event through the client it is given. Pass the transaction of the change being recorded, so
 * the event and the change commit or roll back together. Appends to the workspace's hash chain under a
 * transaction-scoped advisory lock, so concurrent writers cannot fork the chain.
 */
export async function record(client: DbOrTx, event: AuditEventInput): Promise<void> {
  if ("$transaction" in client) {
    await client.$transaction((tx) => append(tx, event));
    return;
  }
  await append(client, event);
}

async function append(tx: Tx, event: AuditEventInput): Promise<void> {
  const workspaceId = event.workspaceId ?? null;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${chainKey(workspaceId)}))`;
  const previous = await tx.auditEvent.findFirst({
    where: { workspaceId },
    orderBy: { id: "desc" },
    select: { hash: true },
  });
  const actorType = actorTypes[event.actor.type];
  const content: ChainedContent = {
    workspaceId,
    action: event.action,
    actorType,
    actorId: event.actor.id ?? null,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    ip: event.ip ?? null,
    userAgent: event.userAgent?.slice(0, 512) ?? null,
    metadata: event.metadata ?? {},
    // Set here, not by the database default, because the hash covers it (timestamp(3) keeps the milliseconds).
    createdAt: new Date(),
  };
  const prevHash = previous?.hash ?? null;
  await tx.auditEvent.create({
    data: { ...content, actorType, metadata: event.metadata ?? {}, prevHash, hash: eventHash(prevHash, content) },
  });
}
