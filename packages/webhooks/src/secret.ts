import { randomBytes } from "node:crypto";
import { sealedContext } from "@mailflow/db";
import type { Vault } from "@mailflow/vault";

/** A new signing secret in the Standard Webhooks format: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export const sealWebhookSecret = (vault: Vault, endpointId: string, secret: string) =>
  vault.seal(secret, sealedContext.webhookSecret(endpointId));

export const sealPreviousWebhookSecret = (vault: Vault, endpointId: string, secret: string) =>
  vault.seal(secret, sealedContext.webhookPreviousSecret(endpointId));

/** The secrets that sign a delivery now: the current one, and the previous one during a rotation's overlap. */
export function signingSecrets(
  vault: Vault,
  endpoint: {
    id: string;
    secretSealed: string;
    previousSecretSealed: string | null;
    previousSecretExpiresAt: Date | null;
  },
  now: Date = new Date(),
): string[] {
  const secrets = [vault.open(endpoint.secretSealed, sealedContext.webhookSecret(endpoint.id))];
  if (endpoint.previousSecretSealed && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(vault.open(endpoint.previousSecretSealed, sealedContext.webhookPreviousSecret(endpoint.id)));
  }
  return secrets;
}
