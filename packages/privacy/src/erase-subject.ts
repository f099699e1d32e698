import { ERASED_REASON, erasedHashOf } from "@mailflow/compliance";
import { type DbOrTx, Prisma, type Tx } from "@mailflow/db";
import { PrivacyError } from "./errors.ts";
import { likeAnywhere, normalizeEmail, regexLiteral } from "./normalize.ts";

/** What stands where an erased address was mentioned in free text. */
export const ERASED_MARK = "[erased]";

/**
 * How a row of a table without its own workspaceId is tied to its workspace, for the final sweep: through the row
 * it belongs to.
 */
const THROUGH_PARENT: Record<string, (workspaceId: string) => Prisma.Sql> = {
  CampaignStep: (ws) =>
    Prisma.sql`EXISTS (SELECT 1 FROM "Campaign" o WHERE o."id" = t."campaignId" AND o."workspaceId" = ${ws}::uuid)`,
  CampaignLead: (ws) =>
    Prisma.sql`EXISTS (SELECT 1 FROM "Campaign" o WHERE o."id" = t."campaignId" AND o."workspaceId" = ${ws}::uuid)`,
  WebhookAttempt: (ws) =>
    Prisma.sql`EXISTS (SELECT 1 FROM "WebhookDelivery" o WHERE o."id" = t."deliveryId" AND o."workspaceId" = ${ws}::uuid)`,
};
/**
 * Not swept: the audit trail is append-only and never records an address (emails in it are salted hashes);
 * inboxes are refused before anything is erased; data requests hold their subject sealed; the workspace row is
 * the customer's own.
 */
const NOT_SWEPT = new Set(["AuditEvent", "Inbox", "PrivacyRequest", "Workspace"]);

export interface ErasureCounts {
  leads: number;
  messages: number;
  replies: number;
  suppressions: number;
  invitations: number;
  webhookDeliveries: number;
  exports: number;
  /** Other rows (someone else's message or reply, an import report, ...) where the address was replaced by [erased]. */
  redacted: number;
}

/**
 * Erases one address from one workspace, in the caller's transaction: the lead and its campaign progress, messages
 * sent to it, mail received from it, webhook payloads that carried it, its suppression entries (replaced by one
 * entry holding the salted hash, so it is never mailed or imported again), invitations to it and earlier exports
 * about it; then every other text or JSON value of the workspace that mentions it has it replaced by [erased].
 * Returns the hash (the only trace kept) and what was removed.
 */
export async function eraseSubject(
  tx: Tx,
  workspaceId: string,
  rawEmail: string,
  options: { exceptRequestId?: string; globalDb?: DbOrTx } = {},
): Promise<{ hash: string; counts: ErasureCounts }> {
  const email = normalizeEmail(rawEmail);
  const inbox = await tx.inbox.findFirst({
    where: { workspaceId, email: { equals: email, mode: "insensitive" } },
    select: { id: true },
  });
  if (inbox)
    throw new PrivacyError(
      "INBOX_ADDRESS",
      "This address is one of the workspace's connected inboxes. Remove the inbox first, then erase the address.",
    );
  const hash = await erasedHashOf(tx, workspaceId, email);
  const leadIds = (await tx.lead.findMany({ where: { workspaceId, email }, select: { id: true } })).map((l) => l.id);
  const insensitive = { equals: email, mode: "insensitive" as const };

  const replies = await tx.inboundMessage.deleteMany({
    where: { workspaceId, OR: [{ leadId: { in: leadIds } }, { fromEmail: insensitive }] },
  });
  const messages = await tx.message.deleteMany({
    where: { workspaceId, OR: [{ leadId: { in: leadIds } }, { toEmail: insensitive }] },
  });
  // Deleting the lead deletes its campaign progress (CampaignLead) with it.
  const leads = await tx.lead.deleteMany({ where: { id: { in: leadIds } } });
  const webhookDeliveries = await tx.$executeRaw`
    DELETE FROM "WebhookDelivery"
    WHERE "workspaceId" = ${workspaceId}::uuid AND "payload"::text ILIKE ${likeAnywhere(email)}`;
  const suppressions = await tx.suppression.deleteMany({ where: { workspaceId, kind: "EMAIL", value: email } });
  await tx.suppression.createMany({
    data: [{ workspaceId, kind: "ERASED", value: hash, reason: ERASED_REASON }],
    skipDuplicates: true,
  });
  const invitations = await (options.globalDb ?? tx).invitation.deleteMany({
    where: { workspaceId, email: insensitive },
  });
  const exports = await tx.privacyRequest.updateMany({
    where: {
      workspaceId,
      subjectHash: hash,
      ...(options.exceptRequestId ? { id: { not: options.exceptRequestId } } : {}),
    },
    data: { result: null, resultName: null, subjectSealed: null },
  });
  const redacted = await redactMentions(tx, workspaceId, email);
  return {
    hash,
    counts: {
      leads: leads.count,
      messages: messages.count,
      replies: replies.count,
      suppressions: suppressions.count,
      invitations: invitations.count,
      webhookDeliveries,
      exports: exports.count,
      redacted,
    },
  };
}

/**
 * The sweep: every text and JSON column of every table the workspace owns (found in the catalogue, so a column added
 * later is swept too) loses the address wherever it still appears, case-insensitively.
 */
async function redactMentions(tx: Tx, workspaceId: string, email: string): Promise<number> {
  const columns = await tx.$queryRaw<{ table: string; column: string; type: string }[]>`
    SELECT c.table_name AS table, c.column_name AS column, c.data_type AS type
    FROM information_schema.columns c
    WHERE c.table_schema = current_schema() AND c.data_type IN ('text', 'character varying', 'json', 'jsonb')
    ORDER BY c.table_name, c.ordinal_position`;
  const ownedDirectly = new Set(
    (
      await tx.$queryRaw<{ table: string }[]>`
        SELECT table_name AS table FROM information_schema.columns
        WHERE table_schema = current_schema() AND column_name = 'workspaceId'`
    ).map((r) => r.table),
  );
  let redacted = 0;
  for (const { table, column, type } of columns) {
    if (NOT_SWEPT.has(table)) continue;
    const owner = ownedDirectly.has(table)
      ? Prisma.sql`t."workspaceId" = ${workspaceId}::uuid`
      : THROUGH_PARENT[table]?.(workspaceId);
    if (!owner) continue; // a platform table (users, sessions, global suppression): not the workspace's
    const cast = type === "json" || type === "jsonb" ? Prisma.raw(`::${type}`) : Prisma.empty;
    const target = Prisma.raw(`"${table}"`);
    const col = Prisma.raw(`t."${column}"`);
    const bare = Prisma.raw(`"${column}"`);
    redacted += await tx.$executeRaw`
      UPDATE ${target} AS t SET ${bare} = regexp_replace(${col}::text, ${regexLiteral(email)}, ${ERASED_MARK}, 'gi')${cast}
      WHERE ${owner} AND ${col}::text ILIKE ${likeAnywhere(email)}`;
  }
  return redacted;
}
