import type { Inbox } from "@mailflow/db";
import { mailServerSchema } from "@mailflow/mail";
import { z } from "zod";

const checkStepSchema = z.object({
  step: z.enum(["dns", "tcp", "tls", "auth"]),
  status: z.enum(["ok", "failed", "skipped"]),
  message: z.string(),
});
const protocolCheckSchema = z.object({
  protocol: z.enum(["smtp", "imap"]),
  ok: z.boolean(),
  steps: z.array(checkStepSchema),
});
export const connectionCheckSchema = z.object({
  ok: z.boolean(),
  smtp: protocolCheckSchema,
  imap: protocolCheckSchema,
});

/** Sending pace. Ramp-up: start at rampUpStart a day, add rampUpIncrement each day, up to dailyLimit. */
export const inboxSettingsShape = {
  dailyLimit: z.number().int().min(1).max(2000),
  rampUpEnabled: z.boolean(),
  rampUpStart: z.number().int().min(1).max(2000),
  rampUpIncrement: z.number().int().min(1).max(500),
  minGapSeconds: z.number().int().min(0).max(86_400),
  signature: z.string().max(5000),
};

/** What the API shows of an inbox: everything except the sealed password, which never leaves the server. */
export const publicInboxSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  email: z.string(),
  fromName: z.string(),
  provider: z.string(),
  smtp: mailServerSchema,
  imap: mailServerSchema,
  username: z.string(),
  allowSelfSigned: z.boolean(),
  status: z.enum(["ACTIVE", "PAUSED", "ERROR"]),
  statusReason: z.string().nullable(),
  dailyLimit: z.number(),
  rampUpEnabled: z.boolean(),
  rampUpStart: z.number(),
  rampUpIncrement: z.number(),
  minGapSeconds: z.number(),
  signature: z.string(),
  lastCheckedAt: z.date().nullable(),
  createdAt: z.date(),
});
export type PublicInbox = z.infer<typeof publicInboxSchema>;

const securityOf = (s: "TLS" | "STARTTLS") => (s === "TLS" ? "tls" : "starttls") as "tls" | "starttls";
export const dbSecurity = (s: "tls" | "starttls") => (s === "tls" ? "TLS" : "STARTTLS") as "TLS" | "STARTTLS";

export function toPublicInbox(inbox: Inbox): PublicInbox {
  return {
    id: inbox.id,
    workspaceId: inbox.workspaceId,
    email: inbox.email,
    fromName: inbox.fromName,
    provider: inbox.provider,
    smtp: { host: inbox.smtpHost, port: inbox.smtpPort, security: securityOf(inbox.smtpSecurity) },
    imap: { host: inbox.imapHost, port: inbox.imapPort, security: securityOf(inbox.imapSecurity) },
    username: inbox.username,
    allowSelfSigned: inbox.allowSelfSigned,
    status: inbox.status,
    statusReason: inbox.statusReason,
    dailyLimit: inbox.dailyLimit,
    rampUpEnabled: inbox.rampUpEnabled,
    rampUpStart: inbox.rampUpStart,
    rampUpIncrement: inbox.rampUpIncrement,
    minGapSeconds: inbox.minGapSeconds,
    signature: inbox.signature,
    lastCheckedAt: inbox.lastCheckedAt,
    createdAt: inbox.createdAt,
  };
}

/** The columns a connection is stored in. */
export function connectionColumns(input: {
  smtp: z.infer<typeof mailServerSchema>;
  imap: z.infer<typeof mailServerSchema>;
}) {
  return {
    smtpHost: input.smtp.host,
    smtpPort: input.smtp.port,
    smtpSecurity: dbSecurity(input.smtp.security),
    imapHost: input.imap.host,
    imapPort: input.imap.port,
    imapSecurity: dbSecurity(input.imap.security),
  };
}
