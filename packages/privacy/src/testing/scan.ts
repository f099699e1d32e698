import type { DbOrTx } from "@mailflow/db";

export interface ClearTextHit {
  schema: string;
  table: string;
  column: string;
  rows: number;
}

/**
 * Every text, JSON and text-array column of every table in the given schemas (the application's and pg-boss's),
 * found in the catalogue, that holds `needle` anywhere, case-insensitively. A test that an erasure left nothing
 * behind asks this, so a column added later is covered without anyone listing it.
 */
export async function findClearText(
  db: DbOrTx,
  needle: string,
  schemas: readonly string[] = ["public", "pgboss"],
): Promise<{ hits: ClearTextHit[]; columnsScanned: number }> {
  const columns = await db.$queryRaw<{ schema: string; table: string; column: string }[]>`
    SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
    FROM information_schema.columns c JOIN information_schema.tables t
      ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = ANY(${schemas as string[]}::text[])
      AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
           OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar')))`;
  const pattern = `%${needle.replace(/[\\%_]/g, "\\$&")}%`;
  const hits: ClearTextHit[] = [];
  for (const { schema, table, column } of columns) {
    const [row] = await db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "${schema}"."${table}" WHERE "${column}"::text ILIKE $1`,
      pattern,
    );
    if (row && row.n > 0n) hits.push({ schema, table, column, rows: Number(row.n) });
  }
  return { hits, columnsScanned: columns.length };
}
