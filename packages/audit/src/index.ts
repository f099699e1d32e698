export { chainKey, eventHash } from "./chain.ts";
export { type AuditAction, type AuditActor, type AuditEventInput, type AuditMetadata, auditActions } from "./events.ts";
export { record } from "./record.ts";
export { type BrokenLink, type VerifyReport, verifyAuditChains } from "./verify.ts";
