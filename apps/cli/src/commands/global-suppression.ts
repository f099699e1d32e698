import { record } from "@mailflow/audit";
import { parseSuppressionEntry } from "@mailflow/compliance";
import type { RegionalDbs } from "@mailflow/db";

/**
 * Adds an address or domain to the platform-wide suppression list (spam traps, complaints to the operator, legal
 * requests): no workspace mails it again. The list is read where each workspace's sends are checked, in its region's
 * database, so the entry is written to every database. Recorded in the account-level audit chain (an address only
 * as its kind and domain).
 */
export async function suppressGlobally(
  regions: RegionalDbs,
  raw: string | undefined,
  reason: string | undefined,
  log: (line: string) => void,
): Promise<number> {
  const entry = raw ? parseSuppressionEntry(raw) : null;
  if (!entry) {
    log("usage: mailflow suppress:global <address or domain> [reason]");
    return 2;
  }
  let added = 0;
  for (const db of regions.distinct()) {
    const { count } = await db.globalSuppression.createMany({
      data: [{ kind: entry.kind, value: entry.value, reason: reason ?? "operator" }],
      skipDuplicates: true,
    });
    added += count;
  }
  await record(regions.global, {
    action: "admin.global_suppression_added",
    actor: { type: "system" },
    metadata: {
      kind: entry.kind,
      domain: entry.kind === "DOMAIN" ? entry.value : entry.value.split("@")[1]!,
      via: "cli",
    },
  });
  log(
    `${entry.value} is suppressed for every workspace (${added ? "added" : "already there"} in ${regions.distinct().length} database(s))`,
  );
  return 0;
}
