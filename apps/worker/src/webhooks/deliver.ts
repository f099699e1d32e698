import type { Db, WebhookDelivery, WebhookEndpoint } from "@mailflow/db";
import type { Vault } from "@mailflow/vault";
import { checkWebhookTarget, signatureHeaders, signingSecrets } from "@mailflow/webhooks";
import { Agent, request } from "undici";
import type { WorkerLog } from "../sender/deps.ts";

export interface WebhookDeliveryDeps {
  db: Db;
  vault: Vault;
  log: WorkerLog;
  allowPrivateHosts: boolean;
  extraCa?: string | undefined;
  /** Seconds to wait before attempt 2, 3, ...; after the last, the delivery has failed. */
  retrySchedule: number[];
  disableAfterFailures: number;
  timeoutMs?: number;
}

/** While an attempt runs, its row is leased: another worker will not take it before this passes. */
const LEASE_MS = 60_000;

/**
 * Sends the deliveries that are due, each by one worker (claimed with FOR UPDATE SKIP LOCKED and a lease), signs
 * them by the Standard Webhooks scheme, logs every attempt with its status code and response time, retries on the
 * schedule, and disables an endpoint after too many failures in a row, saying why. Returns how many it attempted.
 */
export async function deliverDueWebhooks(deps: WebhookDeliveryDeps, limit = 20): Promise<number> {
  const claimed = await deps.db.$queryRaw<{ id: string }[]>`
    UPDATE "WebhookDelivery" SET "nextAttemptAt" = now() + make_interval(secs => ${LEASE_MS / 1000})
    WHERE "id" IN (SELECT d."id" FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e."id" = d."endpointId"
                   WHERE d."status" = 'PENDING' AND d."nextAttemptAt" <= now() AND e."enabled"
                   ORDER BY d."nextAttemptAt" LIMIT ${limit} FOR UPDATE OF d SKIP LOCKED)
    RETURNING "id"`;
  await Promise.all(
    claimed.map(async ({ id }) => {
      const delivery = await deps.db.webhookDelivery.findUniqueOrThrow({ where: { id }, include: { endpoint: true } });
      await attempt(deps, delivery, delivery.endpoint);
    }),
  );
  return claimed.length;
}

async function attempt(deps: WebhookDeliveryDeps, delivery: WebhookDelivery, endpoint: WebhookEndpoint) {
  const body = JSON.stringify(delivery.payload);
  const started = performance.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const target = await checkWebhookTarget(endpoint.url, deps.allowPrivateHosts);
    if (!target.ok) throw new Error(target.reason);
    const headers = {
      "content-type": "application/json",
      "user-agent": "MailFlow-Webhooks/1",
      ...signatureHeaders(signingSecrets(deps.vault, endpoint), delivery.eventId, new Date(), body),
    };
    // Connect to the address that was just checked, whatever DNS says a moment later (rebinding).
    const dispatcher = new Agent({
      connect: {
        ...(deps.extraCa ? { ca: deps.extraCa } : {}),
        servername: target.url.hostname,
        lookup: (_host, _options, callback) =>
          callback(null, [{ address: target.address, family: target.address.includes(":") ? 6 : 4 }]),
      },
      headersTimeout: deps.timeoutMs ?? 10_000,
      bodyTimeout: deps.timeoutMs ?? 10_000,
    });
    try {
      // undici.request never follows redirects: a 3xx is an answer (a failed attempt), not a hop to another host.
      const response = await request(target.url, { method: "POST", headers, body, dispatcher });
      statusCode = response.statusCode;
      await response.body.dump();
    } finally {
      await dispatcher.close();
    }
    if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
  } catch (cause) {
    error = cause instanceof Error ? cause.message : String(cause);
  }
  const durationMs = Math.round(performance.now() - started);
  const attempts = delivery.attempts + 1;
  const succeeded = error === null;
  const retryIn = deps.retrySchedule[attempts - 1];
  await deps.db.$transaction(async (tx) => {
    await tx.webhookAttempt.create({ data: { deliveryId: delivery.id, statusCode, durationMs, error } });
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        attempts,
        lastStatus: statusCode,
        lastError: error,
        ...(succeeded
          ? { status: "SUCCEEDED", deliveredAt: new Date() }
          : retryIn === undefined
            ? { status: "FAILED" }
            : { status: "PENDING", nextAttemptAt: new Date(Date.now() + retryIn * 1000) }),
      },
    });
    if (succeeded) {
      await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { consecutiveFailures: 0 } });
      return;
    }
    const updated = await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { consecutiveFailures: { increment: 1 } },
    });
    if (updated.enabled && updated.consecutiveFailures >= deps.disableAfterFailures) {
      await tx.webhookEndpoint.update({
        where: { id: endpoint.id },
        data: {
          enabled: false,
          disabledReason:
            `Disabled after ${updated.consecutiveFailures} failed deliveries in a row (last: ${error}). ` +
            "Fix the endpoint, then enable it again; failed deliveries can be redelivered.",
        },
      });
      deps.log.warn(`webhook endpoint ${endpoint.id} disabled after ${updated.consecutiveFailures} failures`);
    }
  });
}
