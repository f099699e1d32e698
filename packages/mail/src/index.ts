export { type HeaderGetter, isAutoReply } from "./classify/auto-reply.ts";
export { classifyIncoming, type IncomingKind, threadIdsOf } from "./classify/classify.ts";
export { parseDeliveryStatus, type RecipientStatus } from "./classify/delivery-status.ts";
export { asksToUnsubscribe, normalizeSubject, ownText } from "./classify/reply-text.ts";
export { composeMessage, deterministicMessageId, type OutgoingMessage } from "./compose.ts";
export {
  type CheckStep,
  type CheckStepName,
  checkMailbox,
  checkServer,
  type ProtocolCheck,
} from "./connection-check.ts";
export { isInternalAddress, resolveMailHost } from "./host-policy.ts";
export { createImapClient, type ImapTarget } from "./imap.ts";
export { type ImapConnectionState, ManagedImapConnection, type ManagedImapOptions } from "./imap-connection.ts";
export { type ProviderPreset, providerPresets } from "./presets.ts";
export { appendSentCopy, findSentMailbox, mailboxHasMessageId } from "./sent-folder.ts";
export {
  type ConnectionPolicy,
  type MailCredentials,
  type MailSecurity,
  type MailServer,
  mailSecuritySchema,
  mailServerSchema,
} from "./settings.ts";
export { createSmtpTransport, type SmtpTarget } from "./smtp.ts";
export { SmtpTransportPool } from "./smtp-pool.ts";
export { tlsOptionsFor } from "./tls-policy.ts";
