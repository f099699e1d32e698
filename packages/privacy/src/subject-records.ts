import { erasedHashOf } from "@mailflow/compliance";
import type { DbOrTx } from "@mailflow/db";
import { likeAnywhere, normalizeEmail } from "./normalize.ts";
import type { Sections } from "./zip.ts";

/** What an export shows of an invitation: never its token hash. */
export const invitationFields = {
  id: true,
  email: true,
  role: true,
  createdAt: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
} as const;

/**
 * Everything one workspace holds about one email address, by kind of record: the lead, its place in every campaign
 * (status, stop reason: the sequence's events), the messages sent to it, what it sent back (replies, auto-replies,
 * bounce reports), suppression entries, webhook payloads that carried it and the audit events about it.
 * Secrets are never part of a record (no sealed values, no hashes of credentials).
 */
export async function findSubjectRecords(
  db: DbOrTx,
  workspaceId: string,
  rawEmail: string,
  /** The global database, where invitations live (the same as `db` without data residency). */
  global: DbOrTx = db,
): Promise<Sections> {
  const email = normalizeEmail(rawEmail);
  const hash = await erasedHashOf(db, workspaceId, email);
  const leads = await db.lead.findMany({
    where: { workspaceId, email },
    include: { list: { select: { name: true } } },
  });
  const leadIds = leads.map((l) => l.id);
  const [campaigns, messages, replies, suppressions, invitations, deliveries] = await Promise.all([
    db.campaignLead.findMany({
      where: { leadId: { in: leadIds } },
      include: { campaign: { select: { name: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db.message.findMany({
      where: { workspaceId, OR: [{ leadId: { in: leadIds } }, { toEmail: { equals: email, mode: "insensitive" } }] },
      orderBy: { queuedAt: "asc" },
    }),
    db.inboundMessage.findMany({
      where: { workspaceId, OR: [{ leadId: { in: leadIds } }, { fromEmail: { equals: email, mode: "insensitive" } }] },
      orderBy: { receivedAt: "asc" },
    }),
    db.suppression.findMany({
      where: {
        workspaceId,
        OR: [
          { kind: "EMAIL", value: email },
          { kind: "DOMAIN", value: email.slice(email.lastIndexOf("@") + 1) },
          { kind: "ERASED", value: hash },
        ],
      },
    }),
    global.invitation.findMany({
      where: { workspaceId, email: { equals: email, mode: "insensitive" } },
      select: invitationFields,
    }),
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT "id", "eventId", "eventType", "payload", "status"::text AS status, "attempts", "createdAt", "deliveredAt"
      FROM "WebhookDelivery"
      WHERE "workspaceId" = ${workspaceId}::uuid AND "payload"::text ILIKE ${likeAnywhere(email)}
      ORDER BY "createdAt"`,
  ]);
  const events = await db.auditEvent.findMany({
    where: {
      workspaceId,
      OR: [
        { targetId: { in: [...leadIds, hash] } },
        { metadata: { path: ["toHash"], equals: hash } },
        { metadata: { path: ["emailHash"], equals: hash } },
        { metadata: { path: ["value"], equals: hash } },
      ],
    },
    select: {
      id: true,
      action: true,
      actorType: true,
      targetType: true,
      targetId: true,
      metadata: true,
      createdAt: true,
    },
    orderBy: { id: "asc" },
  });
  return {
    leads: leads.map(({ list, ...lead }) => ({ ...lead, listName: list.name })),
    campaigns: campaigns.map(({ campaign, ...row }) => ({ ...row, campaignName: campaign.name })),
    messages,
    replies,
    suppressions,
    invitations,
    webhookDeliveries: deliveries,
    events,
  };
}

export const countsOf = (sections: Sections) =>
  Object.fromEntries(Object.entries(sections).map(([key, rows]) => [key, rows.length]));
