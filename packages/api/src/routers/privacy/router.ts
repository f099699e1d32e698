import { router } from "../../trpc.ts";
import {
  downloadAccountExport,
  listAccountRequests,
  requestAccountDeletion,
  requestAccountExport,
} from "./account-requests.ts";
import {
  downloadRequest,
  listRequests,
  requestSubjectErasure,
  requestSubjectExport,
  requestWorkspaceExport,
} from "./workspace-requests.ts";

/** GDPR/CCPA data requests: each runs in the worker as a job with progress (apps/worker/src/privacy). */
export const privacyRouter = router({
  exportSubject: requestSubjectExport,
  eraseSubject: requestSubjectErasure,
  exportWorkspace: requestWorkspaceExport,
  list: listRequests,
  download: downloadRequest,
  account: router({
    export: requestAccountExport,
    delete: requestAccountDeletion,
    list: listAccountRequests,
    download: downloadAccountExport,
  }),
});
