import { type DbOrTx, Prisma } from "@mailflow/db";
import { z } from "zod";
import { erasedHashSql } from "./erased.ts";

export type SuppressionEntry = { kind: "EMAIL" | "DOMAIN"; value: string };

const emailSchema = z.email();
const domainSchema = z.string().regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/);

/** "Ada@Example.com" → an EMAIL entry; "example.com" or "@example.com" → a DOMAIN entry; anything else → null. */
export function parseSuppressionEntry(raw: string): SuppressionEntry | null {
  const value = raw.trim().toLowerCase();
  if (value.startsWith("@") && domainSchema.safeParse(value.slice(1)).success)
    return { kind: "DOMAIN", value: value.slice(1) };
  if (value.includes("@")) return emailSchema.safeParse(value).success ? { kind: "EMAIL", value } : null;
  return domainSchema.safeParse(value).success ? { kind: "DOMAIN", value } : null;
}

const domainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1);

export interface SuppressionMatch {
  scope: "workspace" | "global";
  /** ERASED: the person had their data erased; only the address's salted hash is on the list. */
  kind: "EMAIL" | "DOMAIN" | "ERASED";
  reason: string;
}

/**
 * Why this address must not be mailed by this workspace, or null. Checks the workspace's list and the global one,
 * by address, by the hash of an erased address and by domain, in one query (it runs before every send). The
 * workspace's own entry wins, an address entry before a domain entry.
 */
export async function findSuppression(
  db: DbOrTx,
  workspaceId: string,
  email: string,
): Promise<SuppressionMatch | null> {
  const address = email.trim().toLowerCase();
  const domain = domainOf(address);
  const [match] = await db.$queryRaw<SuppressionMatch[]>`
    SELECT 'workspace' AS scope, "kind"::text AS kind, "reason", 0 AS rank FROM "Suppression"
      WHERE "workspaceId" = ${workspaceId}::uuid
        AND (("kind" = 'EMAIL' AND "value" = ${address}) OR ("kind" = 'DOMAIN' AND "value" = ${domain})
             OR ("kind" = 'ERASED' AND "value" = ${erasedHashSql(
               Prisma.sql`(SELECT "erasureSalt" FROM "Workspace" WHERE "id" = ${workspaceId}::uuid)`,
               Prisma.sql`${address}::text`,
             )}))
    UNION ALL
    SELECT 'global' AS scope, "kind"::text AS kind, "reason", 1 AS rank FROM "GlobalSuppression"
      WHERE ("kind" = 'EMAIL' AND "value" = ${address}) OR ("kind" = 'DOMAIN' AND "value" = ${domain})
    ORDER BY rank, kind DESC
    LIMIT 1`;
  return match ? { scope: match.scope, kind: match.kind, reason: match.reason } : null;
}

/** Adds entries, skipping those already there. Returns how many were new. */
export async function addSuppressions(
  db: DbOrTx,
  workspaceId: string,
  entries: readonly SuppressionEntry[],
  reason: string,
): Promise<number> {
  const { count } = await db.suppression.createMany({
    data: entries.map((e) => ({ workspaceId, kind: e.kind, value: e.value, reason })),
    skipDuplicates: true,
  });
  return count;
}

/**
 * The same rule as findSuppression, as a SQL condition over a "Lead" row aliased `l`, for set-based statements
 * (counting or marking every suppressed lead of a campaign at once).
 */
export const leadIsSuppressedSql = Prisma.sql`(
  EXISTS (SELECT 1 FROM "Suppression" s WHERE s."workspaceId" = l."workspaceId"
          AND ((s."kind" = 'EMAIL' AND s."value" = l."email") OR (s."kind" = 'DOMAIN' AND s."value" = split_part(l."email", '@', 2))))
  OR EXISTS (SELECT 1 FROM "Suppression" s JOIN "Workspace" w ON w."id" = s."workspaceId"
          WHERE s."workspaceId" = l."workspaceId" AND s."kind" = 'ERASED'
          AND s."value" = ${erasedHashSql(Prisma.sql`w."erasureSalt"`, Prisma.sql`l."email"`)})
  OR EXISTS (SELECT 1 FROM "GlobalSuppression" g
          WHERE (g."kind" = 'EMAIL' AND g."value" = l."email") OR (g."kind" = 'DOMAIN' AND g."value" = split_part(l."email", '@', 2))))`;
