import { csvLine } from "@mailflow/engine/csv";

/**
 * The header row of a CSV file, read in the browser only to offer the column mapping; the server parses the
 * whole file (csv-parse) and is the judge of every row. Handles quoted names with commas and doubled quotes.
 */
export function parseCsvHeader(firstLine: string): string[] {
  const names: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < firstLine.length; i++) {
    const ch = firstLine[i];
    if (quoted) {
      if (ch === '"' && firstLine[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      names.push(current);
      current = "";
    } else current += ch;
  }
  names.push(current);
  return names.map((n) => n.replace(/^\uFEFF/, "").trim());
}

/** The first line of a file, reading at most its first 64 KiB. */
export async function readFirstLine(file: Blob): Promise<string> {
  const text = await file.slice(0, 64 * 1024).text();
  return text.split(/\r?\n/, 1)[0] ?? "";
}

/**
 * The rejected rows as a CSV report a person can open in a spreadsheet: the engine's csvLine, as every CSV export
 * of the project, so a reason quoting a cell like "=cmd" cannot become a formula.
 */
export function rejectionsCsv(rejections: readonly { line: number; reason: string }[]): string {
  return ["line,reason", ...rejections.map((r) => csvLine([String(r.line), r.reason]))].join("\r\n");
}
