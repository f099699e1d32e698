import { router } from "../../trpc.ts";
import { importLeadsFromCsv } from "./import.ts";
import { createLeadList, listLeadLists } from "./lists.ts";
import { exportLeads, listLeads } from "./read.ts";

export const leadsRouter = router({
  createList: createLeadList,
  lists: listLeadLists,
  importCsv: importLeadsFromCsv,
  list: listLeads,
  export: exportLeads,
});
