import type { DbOrTx } from "@mailflow/db";
import type { LeadRow } from "./row.ts";

/**
 * Stores one batch in a single statement: the columns travel as arrays and are unnested server-side, and the
 * (workspaceId, email) key silently skips leads the workspace already has. Returns how many were new.
 * (Prisma's createMany on 1,000,000 rows ran at ~2,300 rows/s with 2.6 GB of memory; see bench/RESULTS.md.)
 */
export async function insertLeadBatch(
  db: DbOrTx,
  workspaceId: string,
  listId: string,
  rows: readonly LeadRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const column = <K extends keyof LeadRow>(key: K) => rows.map((row) => row[key]);
  return db.$executeRaw`
    INSERT INTO "Lead" ("id", "workspaceId", "listId", "email", "firstName", "lastName", "company", "title", "timeZone", "customFields")
    SELECT gen_random_uuid(), ${workspaceId}::uuid, ${listId}::uuid, u.email, u.first_name, u.last_name, u.company, u.title,
           u.time_zone, u.custom_fields::jsonb
    FROM unnest(
      ${column("email")}::text[], ${column("firstName")}::text[], ${column("lastName")}::text[], ${column("company")}::text[],
      ${column("title")}::text[], ${column("timeZone")}::text[], ${rows.map((r) => JSON.stringify(r.customFields))}::text[]
    ) AS u(email, first_name, last_name, company, title, time_zone, custom_fields)
    ON CONFLICT ("workspaceId", "email") DO NOTHING`;
}
