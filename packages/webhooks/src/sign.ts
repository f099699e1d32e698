import { Webhook } from "standardwebhooks";

/**
 * The headers of one delivery, by the Standard Webhooks scheme (so customers verify with an off-the-shelf library):
 * webhook-id, webhook-timestamp (seconds), webhook-signature = "v1,<base64 HMAC-SHA256 of id.timestamp.body>", one
 * per active secret separated by spaces (a rotation's overlap), and the same value in X-MailFlow-Signature.
 */
export function signatureHeaders(
  secrets: readonly string[],
  eventId: string,
  timestamp: Date,
  body: string,
): Record<string, string> {
  const signature = secrets.map((secret) => new Webhook(secret).sign(eventId, timestamp, body)).join(" ");
  return {
    "webhook-id": eventId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": signature,
    "x-mailflow-signature": signature,
  };
}
