/** Every event an endpoint can subscribe to. */
export const webhookEvents = [
  "email.sent",
  "email.replied",
  "email.bounced",
  "email.auto_replied",
  "lead.unsubscribed",
  "campaign.launched",
  "campaign.completed",
  "inbox.paused",
  "inbox.error",
] as const;

export type WebhookEvent = (typeof webhookEvents)[number];

/** Event data: plain JSON, ids and facts, never a secret or a message body. */
export type WebhookData = Record<string, string | number | boolean | null>;
