import { router } from "../../trpc.ts";
import { importLeadsFromCsv } from "./import.ts";
import { finishImport, importStatus, listImports, startImport, uploadImportChunk } from "./import-upload.ts";
import { createLeadList, listLeadLists } from "./lists.ts";
import { exportLeads, listLeads } from "./read.ts";

export const leadsRouter = router({
  createList: createLeadList,
  lists: listLeadLists,
  importCsv: importLeadsFromCsv,
  startImport,
  uploadChunk: uploadImportChunk,
  finishImport,
  importStatus,
  imports: listImports,
  list: listLeads,
  export: exportLeads,
});
