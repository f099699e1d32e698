import { record } from "@mailflow/audit";
import { type Db, sealedColumns } from "@mailflow/db";
import type { Vault } from "@mailflow/vault";

export interface RotationReport {
  resealed: number;
  /** Values whose row changed under us (re-sealed by someone else, or deleted): the next run picks them up. */
  skipped: number;
}

/**
 * Re-seals every value not sealed under the current key. Safe to interrupt and to run again: each row is
 * updated on its own, only if it still holds the value we opened (compare-and-swap), so a crash loses nothing and
 * a second run continues where the first stopped.
 */
export async function rotateSealedValues(
  db: Db,
  vault: Vault,
  options: { batchSize?: number; onProgress?: (done: number) => void } = {},
): Promise<RotationReport> {
  const batchSize = options.batchSize ?? 200;
  const report: RotationReport = { resealed: 0, skipped: 0 };
  for (const { table, column, context } of sealedColumns) {
    let afterId = "";
    for (;;) {
      const rows = await db.$queryRawUnsafe<{ id: string; sealed: string }[]>(
        `SELECT id::text AS id, "${column}" AS sealed FROM "${table}"
         WHERE split_part("${column}", '.', 2) <> $1 AND id::text > $2 ORDER BY id::text LIMIT $3`,
        vault.currentKeyId,
        afterId,
        batchSize,
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const resealed = vault.seal(vault.open(row.sealed, context(row.id)), context(row.id));
        const updated = await db.$executeRawUnsafe(
          `UPDATE "${table}" SET "${column}" = $1 WHERE id = $2::uuid AND "${column}" = $3`,
          resealed,
          row.id,
          row.sealed,
        );
        if (updated === 1) report.resealed++;
        else report.skipped++;
        afterId = row.id;
      }
      options.onProgress?.(report.resealed);
    }
  }
  await record(db, {
    action: "admin.vault_rotated",
    actor: { type: "system" },
    metadata: { currentKeyId: vault.currentKeyId, resealed: report.resealed, skipped: report.skipped },
  });
  return report;
}
