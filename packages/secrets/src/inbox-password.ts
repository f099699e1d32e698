import { type AuditActor, record } from "@mailflow/audit";
import { type Inbox, sealedContext, type Tx } from "@mailflow/db";
import type { Vault } from "@mailflow/vault";

export const sealInboxPassword = (vault: Vault, inboxId: string, password: string) =>
  vault.seal(password, sealedContext.inboxPassword(inboxId));

export interface CredentialReadContext {
  actor: AuditActor;
  /** Why it was opened: "connection_test", "send", "imap_sync", ... */
  reason: string;
  ip?: string | null;
  userAgent?: string | null;
}

/** Every opening of an inbox password is an audited `credential.read`, written in the caller's transaction. */
export async function openInboxPassword(
  tx: Tx,
  vault: Vault,
  inbox: Pick<Inbox, "id" | "workspaceId" | "passwordSealed">,
  context: CredentialReadContext,
): Promise<string> {
  const password = vault.open(inbox.passwordSealed, sealedContext.inboxPassword(inbox.id));
  await record(tx, {
    action: "credential.read",
    actor: context.actor,
    workspaceId: inbox.workspaceId,
    target: { type: "inbox", id: inbox.id },
    ip: context.ip ?? null,
    userAgent: context.userAgent ?? null,
    metadata: { reason: context.reason },
  });
  return password;
}
