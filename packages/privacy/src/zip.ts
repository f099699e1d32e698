import { csvLine } from "@mailflow/engine";
import { strToU8, Zip, ZipDeflate } from "fflate";

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

/**
 * One CSV table, a line at a time: the union of the rows' keys as the header, values as in the JSON document (nested
 * ones as JSON), every cell neutralised so that a spreadsheet never runs it as a formula (the engine's csvLine).
 */
export function* csvLines(rows: readonly Row[]): Generator<string> {
  const converted = rows.map((row) => plain(row) as Row);
  const columns = [...new Set(converted.flatMap((row) => Object.keys(row)))];
  yield `${csvLine(columns)}\r\n`;
  for (const row of converted) yield `${csvLine(columns.map((c) => csvCell(row[c])))}\r\n`;
}

export const toCsv = (rows: readonly Row[]): string => [...csvLines(rows)].join("");

const csvCell = (value: unknown) =>
  value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);

/** Text pushed into one zip entry a megabyte at a time: an export never builds one giant string. */
class EntryWriter {
  private buffer: string[] = [];
  private size = 0;
  constructor(private readonly entry: ZipDeflate) {}
  write(text: string): void {
    this.buffer.push(text);
    this.size += text.length;
    if (this.size >= 1 << 20) this.flush(false);
  }
  end(): void {
    this.flush(true);
  }
  private flush(final: boolean): void {
    this.entry.push(strToU8(this.buffer.join("")), final);
    this.buffer = [];
    this.size = 0;
  }
}

/**
 * The export file: `<name>.json` with everything in one document (`about` and every section, one row per line), and
 * one CSV per section for spreadsheets. Deflated as it is written, so a large workspace's export needs memory for
 * its rows and the compressed file, never for the whole text at once.
 */
export function exportZip(name: string, about: Row, sections: Sections): Uint8Array {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else chunks.push(data);
  });
  const entry = (file: string) => {
    const deflate = new ZipDeflate(file, { level: 6 });
    zip.add(deflate);
    return new EntryWriter(deflate);
  };

  const json = entry(`${name}.json`);
  json.write(JSON.stringify(plain(about)).slice(0, -1));
  const first = Object.keys(about).length === 0;
  Object.entries(sections).forEach(([key, rows], index) => {
    json.write(`${first && index === 0 ? "" : ","}\n${JSON.stringify(key)}: [`);
    rows.forEach((row, i) => {
      json.write(`${i === 0 ? "" : ","}\n  ${JSON.stringify(plain(row))}`);
    });
    json.write(rows.length ? "\n]" : "]");
  });
  json.write("\n}\n");
  json.end();

  for (const [key, rows] of Object.entries(sections)) {
    const csv = entry(`csv/${key}.csv`);
    for (const line of csvLines(rows)) csv.write(line);
    csv.end();
  }
  zip.end();
  if (failure) throw failure;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
