import { createHash } from "node:crypto";

/** The fields an event's hash covers: everything but its row id (which the database assigns after hashing). */
export interface ChainedContent {
  workspaceId: string | null;
  action: string;
  actorType: string;
  actorId: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  metadata: unknown;
  createdAt: Date;
}

/** JSON with object keys sorted at every level, so jsonb's reordering does not change the hash. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function eventHash(prevHash: string | null, content: ChainedContent): string {
  const body = canonicalJson({ ...content, createdAt: content.createdAt.toISOString(), prevHash });
  return createHash("sha256").update(body).digest("hex");
}

/** One chain per workspace, plus one for account-level events (no workspace). */
export const chainKey = (workspaceId: string | null) => `audit:${workspaceId ?? "account"}`;
