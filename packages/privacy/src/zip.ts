import { csvLine } from "@mailflow/engine";
import { strToU8, zipSync } from "fflate";

/** A value as it appears in an export: dates in ISO 8601, big integers and bytes as text, JSON as JSON. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return `(${value.length} bytes)`;
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

export type Row = Record<string, unknown>;
/** Named tables of rows: "leads", "messages", ... */
export type Sections = Record<string, Row[]>;

export const plainRows = (rows: readonly Row[]): Row[] => rows.map((row) => plain(row) as Row);

/**
 * One CSV table: the union of the rows' keys as the header, nested values as JSON, every cell neutralised so that a
 * spreadsheet never runs it as a formula (the engine's csvLine).
 */
export function toCsv(rows: readonly Row[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown) =>
    value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  const lines = [csvLine(columns), ...rows.map((row) => csvLine(columns.map((c) => cell(row[c]))))];
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * The export file: `<name>.json` with everything in one document (`about` and every section), and one CSV per
 * section for spreadsheets. Deflated.
 */
export function exportZip(name: string, about: Row, sections: Sections): Uint8Array {
  const tables = Object.fromEntries(Object.entries(sections).map(([key, rows]) => [key, plainRows(rows)]));
  const files: Record<string, Uint8Array> = {
    [`${name}.json`]: strToU8(JSON.stringify({ ...(plain(about) as Row), ...tables }, null, 2)),
  };
  for (const [key, rows] of Object.entries(tables)) files[`csv/${key}.csv`] = strToU8(toCsv(rows));
  return zipSync(files, { level: 6 });
}
