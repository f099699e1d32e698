import { verifyAuditChains } from "@mailflow/audit";
import type { Db } from "@mailflow/db";

/** Recomputes every audit chain; exits non-zero and names the first broken link of each broken chain. */
export async function auditVerify(db: Db, log: (line: string) => void): Promise<number> {
  const report = await verifyAuditChains(db);
  log(`checked ${report.events} events in ${report.chains} chains`);
  for (const link of report.broken) {
    const chain = link.workspaceId ? `workspace ${link.workspaceId}` : "account-level chain";
    const what =
      link.reason === "content_changed" ? "was modified" : "does not follow the previous event (deleted rows?)";
    log(`BROKEN: ${chain}: event ${link.eventId} ${what}`);
  }
  if (report.broken.length === 0) log("all chains intact");
  return report.broken.length === 0 ? 0 : 1;
}
