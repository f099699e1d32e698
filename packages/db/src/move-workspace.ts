import type { Db, DbOrTx } from "./client.ts";
import type { Region } from "./generated/prisma/client.ts";
import { type RegionalDbs, syncWorkspaceCopy } from "./regions.ts";

/**
 * Every table a workspace owns, parents before children (the order rows can be inserted in), and which of its rows
 * are the workspace's: by its own workspaceId or through its parent. `serial` tables number their rows from a
 * sequence of the database; moved rows get new numbers there, in the same order (the audit chain's order).
 */
interface OwnedTable {
  table: string;
  where: string;
  keyset?: "id";
  serial?: boolean;
}
const direct = (table: string, keyset = true): OwnedTable => ({
  table,
  where: `"workspaceId" = $1::uuid`,
  ...(keyset ? { keyset: "id" as const } : {}),
});
const via = (table: string, column: string, parent: string, keyset = false): OwnedTable => ({
  table,
  where: `"${column}" IN (SELECT "id" FROM "${parent}" WHERE "workspaceId" = $1::uuid)`,
  ...(keyset ? { keyset: "id" as const } : {}),
});
export const workspaceTables: readonly OwnedTable[] = [
  direct("LeadList"),
  direct("Lead"),
  direct("Inbox"),
  via("InboxCursor", "inboxId", "Inbox"),
  direct("Campaign"),
  via("CampaignStep", "campaignId", "Campaign", true),
  via("CampaignInbox", "campaignId", "Campaign"),
  via("CampaignLead", "campaignId", "Campaign", true),
  direct("Message"),
  direct("InboundMessage"),
  direct("WebhookEndpoint"),
  direct("WebhookDelivery"),
  via("WebhookAttempt", "deliveryId", "WebhookDelivery", true),
  direct("Suppression"),
  direct("LeadImport"),
  via("LeadImportChunk", "importId", "LeadImport"),
  direct("PrivacyRequest"),
  { ...direct("AuditEvent", false), serial: true },
  { ...direct("ErasureRecord", false), serial: true },
];

const BATCH = 2_000;

async function columnsOf(db: Db, table: string): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT column_name AS name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    table,
  );
  return rows.map((r) => r.name);
}

/** Copies one table's rows of the workspace, a batch at a time, as JSON rows PostgreSQL reads back exactly. */
async function copyTable(source: Db, target: Db, spec: OwnedTable, workspaceId: string): Promise<number> {
  const columns = (await columnsOf(target, spec.table)).filter((c) => !(spec.serial && c === "id"));
  const list = columns.map((c) => `"${c}"`).join(", ");
  let copied = 0;
  let after: string | null = null;
  for (;;) {
    // The rows as JSON text, never parsed here: big integers and bytes travel exactly as PostgreSQL wrote them.
    const page: { id: string | null; r: string }[] = spec.keyset
      ? await source.$queryRawUnsafe(
          `SELECT "id"::text AS id, row_to_json(t)::text AS r FROM "${spec.table}" t
           WHERE ${spec.where} ${after ? `AND "id" > $2::uuid` : ""} ORDER BY "id" LIMIT ${BATCH}`,
          ...(after ? [workspaceId, after] : [workspaceId]),
        )
      : await source.$queryRawUnsafe(
          `SELECT NULL AS id, row_to_json(t)::text AS r FROM "${spec.table}" t
           WHERE ${spec.where} ${spec.serial ? `ORDER BY "id"` : ""}`,
          workspaceId,
        );
    if (page.length > 0) {
      await target.$executeRawUnsafe(
        `INSERT INTO "${spec.table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${spec.table}", $1::json)
         ${spec.serial ? `ORDER BY "id"` : "ON CONFLICT DO NOTHING"}`,
        `[${page.map((p) => p.r).join(",")}]`,
      );
      copied += page.length;
    }
    if (!spec.keyset || page.length < BATCH) return copied;
    after = page.at(-1)!.id;
  }
}

/** Deletes the workspace's rows from one database, children first (the directory entry itself is kept). */
async function deleteOwnedRows(db: DbOrTx, workspaceId: string): Promise<void> {
  for (const spec of [...workspaceTables].reverse())
    await db.$executeRawUnsafe(`DELETE FROM "${spec.table}" WHERE ${spec.where}`, workspaceId);
}

export interface MoveReport {
  from: Region;
  to: Region;
  /** Rows copied, per table. */
  rows: Record<string, number>;
}

/**
 * Moves everything a workspace owns from its region's database to another region's, then re-pins it in the
 * directory. The source keeps its rows until the copy is complete; a move that fails part-way leaves the workspace
 * where it was (the partial copy is removed before a retry). The caller makes sure nothing writes to the workspace
 * meanwhile (campaigns paused, no import or data request running): this function pauses its inboxes for the
 * duration and resumes the ones that were active.
 */
export async function moveWorkspace(dbs: RegionalDbs, workspaceId: string, to: Region): Promise<MoveReport> {
  const entry = await dbs.global.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
  const from = entry.region;
  const source = dbs.of(from);
  const target = dbs.of(to);
  const rows: Record<string, number> = {};
  if (source !== target) {
    const active = await source.inbox.findMany({ where: { workspaceId, status: "ACTIVE" }, select: { id: true } });
    await source.inbox.updateMany({
      where: { id: { in: active.map((i) => i.id) } },
      data: { status: "PAUSED", statusReason: `Moving to the ${to} region.` },
    });
    // A copy left by an earlier attempt that failed goes first.
    await deleteOwnedRows(target, workspaceId);
    if (!dbs.isGlobal(to)) {
      await target.workspace.deleteMany({ where: { id: workspaceId } });
      const { updatedAt: _u, ...fields } = entry;
      await target.workspace.create({ data: { ...fields, region: to } });
    }
    for (const spec of workspaceTables) rows[spec.table] = await copyTable(source, target, spec, workspaceId);
    await target.inbox.updateMany({
      where: { id: { in: active.map((i) => i.id) } },
      data: { status: "ACTIVE", statusReason: null },
    });
  }
  await dbs.global.workspace.update({ where: { id: workspaceId }, data: { region: to } });
  if (source !== target) {
    await source.$transaction(async (tx) => {
      await deleteOwnedRows(tx, workspaceId);
      if (!dbs.isGlobal(from)) await tx.workspace.deleteMany({ where: { id: workspaceId } });
    });
  }
  await syncWorkspaceCopy(dbs, workspaceId);
  return { from, to, rows };
}
