import { type DbOrTx, Prisma } from "@mailflow/db";

/**
 * The hash kept for an address erased at the person's request: SHA-256 (hex) over the workspace's random salt, ":"
 * and the lower-cased address. It is defined once, in SQL, so per-address checks, set-based statements over leads
 * and the erasure ledger's replay all compute exactly the same value.
 */
export const erasedHashSql = (salt: Prisma.Sql, email: Prisma.Sql) =>
  Prisma.sql`encode(sha256(convert_to(${salt} || ':' || lower(${email}), 'UTF8')), 'hex')`;

const saltOf = (workspaceId: string) =>
  Prisma.sql`(SELECT "erasureSalt" FROM "Workspace" WHERE "id" = ${workspaceId}::uuid)`;

/** The salted hash of one address in one workspace. */
export async function erasedHashOf(db: DbOrTx, workspaceId: string, email: string): Promise<string> {
  const [row] = await db.$queryRaw<{ hash: string | null }[]>`
    SELECT ${erasedHashSql(saltOf(workspaceId), Prisma.sql`${email.trim()}::text`)} AS hash`;
  if (!row?.hash) throw new Error(`workspace ${workspaceId} does not exist`);
  return row.hash;
}

/** Of these addresses, the ones this workspace erased (lower-cased as given). One query, for an import batch. */
export async function findErased(db: DbOrTx, workspaceId: string, emails: readonly string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await db.$queryRaw<{ email: string }[]>`
    SELECT u.email FROM unnest(${emails}::text[]) AS u(email), "Workspace" w
    WHERE w."id" = ${workspaceId}::uuid
      AND EXISTS (SELECT 1 FROM "Suppression" s WHERE s."workspaceId" = w."id" AND s."kind" = 'ERASED'
                  AND s."value" = ${erasedHashSql(Prisma.sql`w."erasureSalt"`, Prisma.sql`u.email`)})`;
  return new Set(rows.map((r) => r.email));
}

/** Whether the workspace has erased anyone at all: imports skip the per-batch check when it has not. */
export async function hasErasures(db: DbOrTx, workspaceId: string): Promise<boolean> {
  const found = await db.suppression.findFirst({ where: { workspaceId, kind: "ERASED" }, select: { id: true } });
  return found !== null;
}

export const ERASED_REASON = "erased";
