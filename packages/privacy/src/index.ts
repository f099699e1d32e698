export { deleteAccount, findAccountRecords, planAccountDeletion } from "./account.ts";
export { ERASED_MARK, type ErasureCounts, eraseSubject } from "./erase-subject.ts";
export { PrivacyError } from "./errors.ts";
export {
  type ErasureEntry,
  erasureEntrySchema,
  LedgerFile,
  type ReplayReport,
  recordErasure,
  replayErasures,
} from "./ledger.ts";
export { normalizeEmail } from "./normalize.ts";
export { countsOf, findSubjectRecords } from "./subject-records.ts";
export { findWorkspaceRecords } from "./workspace-records.ts";
export { exportZip, type Row, type Sections, toCsv } from "./zip.ts";
