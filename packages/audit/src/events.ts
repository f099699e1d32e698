/**
 * The catalogue of audit actions. A union keyed by name so that a typo is a compile error, not a silent gap
 * in the trail. Later issues add campaign.*, webhook.* and more admin.* actions.
 */
export const auditActions = [
  "auth.signed_up",
  "auth.login",
  "auth.login_failed",
  "auth.logout",
  "auth.logout_everywhere",
  "auth.password_changed",
  "auth.google_linked",
  "workspace.created",
  "workspace.renamed",
  "workspace.sender_identity_updated",
  "member.invited",
  "member.joined",
  "member.role_changed",
  "member.removed",
  "api_key.created",
  "api_key.revoked",
  "inbox.connected",
  "inbox.updated",
  "inbox.paused",
  "inbox.resumed",
  "inbox.removed",
  "credential.read",
  "suppression.added",
  "suppression.removed",
  "lead.unsubscribed",
  "lead_list.created",
  "leads.imported",
  "leads.exported",
  "campaign.created",
  "campaign.updated",
  "campaign.launched",
  "campaign.paused",
  "campaign.resumed",
  "webhook.created",
  "webhook.updated",
  "webhook.secret_rotated",
  "webhook.removed",
  "webhook.redelivered",
  "reply.sent",
  "audit.exported",
  "privacy.requested",
  "privacy.exported",
  "privacy.downloaded",
  "privacy.erased",
  "account.deleted",
  "admin.granted",
  "admin.revoked",
  "admin.plan_changed",
  "admin.region_changed",
  "admin.vault_rotated",
  "admin.restored",
  "admin.global_suppression_added",
] as const;

export type AuditAction = (typeof auditActions)[number];

export type AuditActor =
  | { type: "user"; id: string }
  | { type: "api_key"; id: string }
  | { type: "system"; id?: undefined };

/** Plain JSON only: metadata must never carry a secret (tests scan for it). */
export type AuditMetadata = Record<string, string | number | boolean | null>;

export interface AuditEventInput {
  action: AuditAction;
  actor: AuditActor;
  workspaceId?: string | null;
  target?: { type: string; id: string };
  ip?: string | null;
  userAgent?: string | null;
  metadata?: AuditMetadata;
}
