/**
 * Every column that holds a vault-sealed value, and the context (additional authenticated data) each value is
 * bound to. Sealing sites, `vault:rotate` and the start-up key check all read this one list, so a new sealed
 * column cannot be forgotten by one of them.
 */
export const sealedContext = {
  inboxPassword: (inboxId: string) => `inbox:${inboxId}:password`,
  webhookSecret: (endpointId: string) => `webhook:${endpointId}:secret`,
  webhookPreviousSecret: (endpointId: string) => `webhook:${endpointId}:previous-secret`,
  privacySubject: (requestId: string) => `privacy:${requestId}:subject`,
};

export interface SealedColumn {
  /** Table and column names as in the migrations (quoted identifiers). */
  table: string;
  column: string;
  context: (rowId: string) => string;
}

export const sealedColumns: readonly SealedColumn[] = [
  { table: "Inbox", column: "passwordSealed", context: sealedContext.inboxPassword },
  { table: "WebhookEndpoint", column: "secretSealed", context: sealedContext.webhookSecret },
  { table: "WebhookEndpoint", column: "previousSecretSealed", context: sealedContext.webhookPreviousSecret },
  { table: "PrivacyRequest", column: "subjectSealed", context: sealedContext.privacySubject },
];
