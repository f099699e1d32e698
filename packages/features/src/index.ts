// Workspace features shared by the web dashboard and the desktop app: whole panels (audit log, suppression list,
// members, API keys, webhooks) on the typed API client and packages/ui, scoped by <WorkspaceScope>. The apps only
// decide where they go; what they do and how they talk to the server is written once, here.

export { ApiKeysCard } from "./api-keys/api-keys-card.tsx";
export { AuditPage } from "./audit/audit-log.tsx";
export { ConnectionCheck } from "./inboxes/connection-check.tsx";
export { InboxesPage, inboxStatusTone } from "./inboxes/inboxes-page.tsx";
export { actionError, describeApiError } from "./lib/action-error.ts";
export { CursorPager } from "./lib/cursor-pager.tsx";
export { downloadBase64, downloadText } from "./lib/download.ts";
export { formatDateTime, formatNumber, formatPercent } from "./lib/format.ts";
export { useCursorPages } from "./lib/pagination.ts";
export { MembersCard } from "./members/members-card.tsx";
export { PlanCard } from "./plan/plan-card.tsx";
export { AccountDataCard } from "./privacy/account-data-card.tsx";
export { PrivacyPage } from "./privacy/privacy-page.tsx";
export { SuppressionPage } from "./suppression/suppression-list.tsx";
export { WebhooksPage } from "./webhooks/webhooks-panel.tsx";
export {
  type FeatureScope,
  isAdmin,
  type Role,
  useCurrentUser,
  useServerUrl,
  useWorkspace,
  WorkspaceScope,
} from "./workspace-context.tsx";
