export { type ColumnPlan, type LeadField, leadFields, planColumns } from "./columns.ts";
export {
  type BatchResult,
  type ImportOptions,
  type ImportProgress,
  type ImportReport,
  importLeadsCsv,
} from "./import-csv.ts";
export { type LeadRow, toLeadRow } from "./row.ts";
export { createLeadInserter, insertLeadBatch } from "./store.ts";
