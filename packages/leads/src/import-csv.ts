import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { type LeadField, planColumns } from "./columns.ts";
import { type LeadRow, toLeadRow } from "./row.ts";

export interface ImportProgress {
  /** Data rows read so far (header excluded). */
  processed: number;
  imported: number;
  duplicates: number;
  rejected: number;
}

export interface ImportReport extends ImportProgress {
  /** The first rejected rows with their line numbers and reasons (all are counted in `rejected`). */
  rejections: { line: number; reason: string }[];
  /** Set when the file as a whole could not be read (no email column, not CSV). */
  fatal: string | null;
}

export interface BatchResult {
  inserted: number;
  /** Rows the store would not take, by index in the batch, with the reason. */
  refused: { index: number; reason: string }[];
}

export interface ImportOptions {
  mapping?: Partial<Record<LeadField, string>>;
  batchSize?: number;
  maxRejectionsKept?: number;
  /**
   * Stores a batch; returns how many were new (the rest already existed), or also the rows it refused (by index in
   * the batch, with the reason: a plan's lead limit, an address erased at its owner's request). Awaited: the file waits for the database.
   */
  insertBatch: (rows: LeadRow[]) => Promise<number | BatchResult>;
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * Streams a CSV of leads: maps columns, validates each row, rejects bad rows with their line number and a reason
 * while every good row is imported, and deduplicates (within a batch here; across batches and against the
 * workspace by the database's unique key, through insertBatch). Memory stays bounded by the batch size whatever the
 * file's size: the parser is read with for-await, so it pauses while a batch is being stored.
 */
export async function importLeadsCsv(source: Readable | string, options: ImportOptions): Promise<ImportReport> {
  const batchSize = options.batchSize ?? 1000;
  const maxKept = options.maxRejectionsKept ?? 1000;
  const report: ImportReport = { processed: 0, imported: 0, duplicates: 0, rejected: 0, rejections: [], fatal: null };
  const reject = (line: number, reason: string) => {
    report.rejected++;
    if (report.rejections.length < maxKept) report.rejections.push({ line, reason });
  };

  const parser = (typeof source === "string" ? Readable.from([source]) : source).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_error: true, info: true }),
  );
  // csv-parse may report one broken row more than once (one event per stray quote): count each line once.
  let lastSkippedLine = -1;
  parser.on("skip", (error: Error & { lines?: number }) => {
    const line = error.lines ?? 0;
    if (line === lastSkippedLine) return;
    lastSkippedLine = line;
    report.processed++;
    reject(line, `The row is not valid CSV: ${error.message.replace(/^Invalid Record Length: /, "")}`);
  });

  let plan: ReturnType<typeof planColumns> | null = null;
  let batch: LeadRow[] = [];
  let batchLines: number[] = [];
  let batchEmails = new Set<string>();
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await options.insertBatch(batch);
    const { inserted, refused } = typeof result === "number" ? { inserted: result, refused: [] } : result;
    for (const { index, reason } of [...refused].sort((a, b) => a.index - b.index)) reject(batchLines[index]!, reason);
    report.imported += inserted;
    report.duplicates += batch.length - inserted - refused.length;
    batch = [];
    batchLines = [];
    batchEmails = new Set();
    options.onProgress?.({
      processed: report.processed,
      imported: report.imported,
      duplicates: report.duplicates,
      rejected: report.rejected,
    });
  };

  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (plan === null) {
        plan = planColumns(record, options.mapping);
        if (typeof plan === "string") {
          report.fatal = plan;
          parser.destroy();
          return report;
        }
        continue;
      }
      report.processed++;
      const row = toLeadRow(record, plan);
      if ("error" in row) reject(info.lines, row.error);
      else if (batchEmails.has(row.email)) report.duplicates++;
      else {
        batchEmails.add(row.email);
        batch.push(row);
        batchLines.push(info.lines);
        if (batch.length >= batchSize) await flush();
      }
    }
  } catch (error) {
    report.fatal = `The file could not be read as CSV: ${(error as Error).message}`;
  }
  if (plan === null && report.fatal === null) report.fatal = "The file is empty.";
  await flush();
  // Parse errors surface a little ahead of the rows around them: present the list in file order.
  report.rejections.sort((a, b) => a.line - b.line);
  return report;
}
