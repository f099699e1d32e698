import { type DbOrTx, Prisma } from "@mailflow/db";
import { z } from "zod";

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
  kind: "EMAIL" | "DOMAIN";
  reason: string;
}

/** Why this address must not be mailed by this workspace, or null. Checks the workspace's and the global list. */
export async function findSuppression(
  db: DbOrTx,
  workspaceId: string,
  email: string,
): Promise<SuppressionMatch | null> {
  const address = email.trim().toLowerCase();
  const candidates = [
    { kind: "EMAIL" as const, value: address },
    { kind: "DOMAIN" as const, value: domainOf(address) },
  ];
  const local = await db.suppression.findFirst({ where: { workspaceId, OR: candidates }, orderBy: { kind: "asc" } });
  if (local) return { scope: "workspace", kind: local.kind, reason: local.reason };
  const global = await db.globalSuppression.findFirst({ where: { OR: candidates }, orderBy: { kind: "asc" } });
  return global ? { scope: "global", kind: global.kind, reason: global.reason } : null;
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
  OR EXISTS (SELECT 1 FROM "GlobalSuppression" g
          WHERE (g."kind" = 'EMAIL' AND g."value" = l."email") OR (g."kind" = 'DOMAIN' AND g."value" = split_part(l."email", '@', 2))))`;
