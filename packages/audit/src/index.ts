export { type AuditAction, type AuditActor, type AuditEventInput, type AuditMetadata, auditActions } from "./events.ts";
export { record } from "./record.ts";
