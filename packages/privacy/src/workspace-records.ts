import type { DbOrTx } from "@mailflow/db";
import { invitationFields } from "./subject-records.ts";
import type { Row, Sections } from "./zip.ts";

const PAGE = 5_000;

/** Every row of a table the workspace owns, read in id order a page at a time. */
async function allRows<T extends { id: string }>(
  read: (page: { take: number; cursor?: { id: string }; skip?: number; orderBy: { id: "asc" } }) => Promise<T[]>,
): Promise<T[]> {
  const rows: T[] = [];
  for (;;) {
    const last = rows.at(-1);
    const page = await read({
      take: PAGE,
      orderBy: { id: "asc" },
      ...(last ? { cursor: { id: last.id }, skip: 1 } : {}),
    });
    rows.push(...page);
    if (page.length < PAGE) return rows;
  }
}

/**
 * The workspace's tables, section by section, for its export. Secrets stay out: inbox passwords and webhook secrets
 * (sealed), API key hashes, invitation token hashes, the erasure salt. `onSection` reports progress.
 */
export async function findWorkspaceRecords(
  db: DbOrTx,
  workspaceId: string,
  onSection: (done: number, total: number) => Promise<void> | void = () => {},
  /** The global database: members, invitations and API keys (the same as `db` without data residency). */
  global: DbOrTx = db,
): Promise<Sections> {
  const where = { workspaceId };
  const readers: [string, () => Promise<Row[]>][] = [
    [
      "workspace",
      async () => [
        await db.workspace.findUniqueOrThrow({
          where: { id: workspaceId },
          select: {
            id: true,
            name: true,
            region: true,
            plan: true,
            senderCompany: true,
            senderAddress: true,
            createdAt: true,
          },
        }),
      ],
    ],
    [
      "members",
      async () =>
        (
          await global.membership.findMany({
            where,
            select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
          })
        ).map(({ user, ...m }) => ({ userId: user.id, email: user.email, name: user.name, ...m })),
    ],
    [
      "invitations",
      () =>
        global.invitation.findMany({
          where,
          select: invitationFields,
        }),
    ],
    [
      "apiKeys",
      () =>
        global.apiKey.findMany({
          where,
          select: {
            id: true,
            name: true,
            prefix: true,
            createdById: true,
            createdAt: true,
            lastUsedAt: true,
            revokedAt: true,
          },
        }),
    ],
    ["inboxes", () => db.inbox.findMany({ where, omit: { passwordSealed: true } })],
    ["leadLists", () => db.leadList.findMany({ where })],
    ["leads", () => allRows((page) => db.lead.findMany({ where, ...page }))],
    ["campaigns", () => db.campaign.findMany({ where })],
    ["campaignSteps", () => db.campaignStep.findMany({ where: { campaign: where } })],
    ["campaignInboxes", () => db.campaignInbox.findMany({ where: { campaign: where } })],
    ["campaignLeads", () => allRows((page) => db.campaignLead.findMany({ where: { campaign: where }, ...page }))],
    ["messages", () => allRows((page) => db.message.findMany({ where, ...page }))],
    ["replies", () => allRows((page) => db.inboundMessage.findMany({ where, ...page }))],
    ["suppressions", () => db.suppression.findMany({ where })],
    [
      "webhooks",
      () => db.webhookEndpoint.findMany({ where, omit: { secretSealed: true, previousSecretSealed: true } }),
    ],
    ["webhookDeliveries", () => allRows((page) => db.webhookDelivery.findMany({ where, ...page }))],
    ["imports", () => db.leadImport.findMany({ where })],
    ["auditEvents", () => db.auditEvent.findMany({ where, orderBy: { id: "asc" } })],
  ];
  const sections: Sections = {};
  for (const [index, [name, read]] of readers.entries()) {
    sections[name] = await read();
    await onSection(index + 1, readers.length);
  }
  return sections;
}
