export { emitWebhookEvent } from "./emit.ts";
export { type WebhookData, type WebhookEvent, webhookEvents } from "./events.ts";
export {
  generateWebhookSecret,
  sealPreviousWebhookSecret,
  sealWebhookSecret,
  signingSecrets,
} from "./secret.ts";
export { signatureHeaders } from "./sign.ts";
export { checkWebhookTarget, type TargetCheck } from "./target.ts";
