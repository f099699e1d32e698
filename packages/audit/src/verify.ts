import type { AuditEvent, Db } from "@mailflow/db";
import { eventHash } from "./chain.ts";

export interface BrokenLink {
  workspaceId: string | null;
  eventId: string;
  reason: "content_changed" | "previous_missing";
}

export interface VerifyReport {
  chains: number;
  events: number;
  /** The first broken link of each broken chain. */
  broken: BrokenLink[];
}

const BATCH = 1000;

/**
 * Walks every chain in id order and recomputes each hash. An edited row fails its own hash; a deleted row leaves
 * the next one pointing at a hash that is no longer the previous row's.
 */
export async function verifyAuditChains(db: Db): Promise<VerifyReport> {
  const chains = await db.auditEvent.findMany({ distinct: ["workspaceId"], select: { workspaceId: true } });
  const report: VerifyReport = { chains: chains.length, events: 0, broken: [] };
  for (const { workspaceId } of chains) {
    let previousHash: string | null = null;
    let cursor: bigint | null = null;
    chain: for (;;) {
      const rows: AuditEvent[] = await db.auditEvent.findMany({
        where: { workspaceId, ...(cursor !== null ? { id: { gt: cursor } } : {}) },
        orderBy: { id: "asc" },
        take: BATCH,
      });
      if (rows.length === 0) break;
      for (const row of rows) {
        report.events++;
        const { id, hash, prevHash, ...content } = row;
        if (prevHash !== previousHash) {
          report.broken.push({ workspaceId, eventId: id.toString(), reason: "previous_missing" });
          break chain;
        }
        if (eventHash(prevHash, content) !== hash) {
          report.broken.push({ workspaceId, eventId: id.toString(), reason: "content_changed" });
          break chain;
        }
        previousHash = hash;
        cursor = id;
      }
    }
  }
  return report;
}
