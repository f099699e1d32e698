export { type CreateDbOptions, createDb, type Db, type DbOrTx, type Tx } from "./client.ts";
export type {
  ApiKey,
  AuditEvent,
  Campaign,
  CampaignLead,
  CampaignStep,
  InboundMessage,
  Inbox,
  Invitation,
  Lead,
  LeadImport,
  Membership,
  Message,
  PrivacyRequest,
  User,
  WebhookDelivery,
  WebhookEndpoint,
  Workspace,
} from "./generated/prisma/client.ts";
export {
  ActorType,
  InboxStatus,
  MailSecurity,
  MessageStatus,
  Plan,
  Prisma,
  PrivacyRequestKind,
  PrivacyRequestStatus,
  Region,
  Role,
} from "./generated/prisma/client.ts";
export { runMigrations } from "./migrate.ts";
export { type MoveReport, moveWorkspace, workspaceTables } from "./move-workspace.ts";
export {
  type DatabaseUrls,
  distinctDatabaseUrls,
  RegionalDbs,
  regions,
  syncWorkspaceCopy,
} from "./regions.ts";
export { type SealedColumn, sealedColumns, sealedContext } from "./sealed.ts";
