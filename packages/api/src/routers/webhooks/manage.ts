import { randomUUID } from "node:crypto";
import { record } from "@mailflow/audit";
import { type DbOrTx, sealedContext, type WebhookEndpoint } from "@mailflow/db";
import {
  checkWebhookTarget,
  generateWebhookSecret,
  sealPreviousWebhookSecret,
  sealWebhookSecret,
  webhookEvents,
} from "@mailflow/webhooks";
import { z } from "zod";
import type { Context } from "../../context.ts";
import { AppError, notFound } from "../../errors.ts";
import { workspaceAdminProcedure, workspaceInput } from "../../procedures/workspace.ts";
import { requestFacts } from "../shared.ts";

export const endpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  consecutiveFailures: z.number(),
  /** Until when the previous secret still signs (after a rotation). */
  previousSecretExpiresAt: z.date().nullable(),
  createdAt: z.date(),
});

/** The secret never leaves the vault after creation or rotation: this view has no secret column. */
const toEndpoint = (e: WebhookEndpoint): z.infer<typeof endpointSchema> => ({
  id: e.id,
  url: e.url,
  description: e.description,
  events: e.events,
  enabled: e.enabled,
  disabledReason: e.disabledReason,
  consecutiveFailures: e.consecutiveFailures,
  previousSecretExpiresAt: e.previousSecretExpiresAt,
  createdAt: e.createdAt,
});

export async function findWorkspaceEndpoint(db: DbOrTx, workspaceId: string, endpointId: string) {
  const endpoint = await db.webhookEndpoint.findFirst({ where: { id: endpointId, workspaceId } });
  if (!endpoint) throw notFound("Webhook endpoint");
  return endpoint;
}

const eventsField = z.array(z.enum(webhookEvents)).min(1, "Choose at least one event.").max(webhookEvents.length);

async function checkedUrl(ctx: Context, url: string): Promise<string> {
  const check = await checkWebhookTarget(url, ctx.deps.webhookPolicy.allowPrivateHosts);
  if (!check.ok) throw new AppError("INVALID_INPUT", check.reason);
  return check.url.toString();
}

/** A new endpoint; its signing secret is in this response and nowhere else, ever. */
export const createEndpoint = workspaceAdminProcedure
  .input(
    workspaceInput({
      url: z.string().max(2000),
      events: eventsField,
      description: z.string().max(500).default(""),
    }),
  )
  .output(endpointSchema.extend({ secret: z.string() }))
  .mutation(async ({ ctx, input }) => {
    const url = await checkedUrl(ctx, input.url);
    const id = randomUUID();
    const secret = generateWebhookSecret();
    return ctx.deps.db.$transaction(async (tx) => {
      const endpoint = await tx.webhookEndpoint.create({
        data: {
          id,
          workspaceId: ctx.workspace.id,
          url,
          events: [...new Set(input.events)],
          description: input.description,
          secretSealed: sealWebhookSecret(ctx.deps.vault, id, secret),
        },
      });
      await record(tx, {
        action: "webhook.created",
        actor: ctx.actor,
        workspaceId: ctx.workspace.id,
        target: { type: "webhook", id },
        metadata: { url, events: endpoint.events.join(",") },
        ...requestFacts(ctx),
      });
      return { ...toEndpoint(endpoint), secret };
    });
  });

export const listEndpoints = workspaceAdminProcedure
  .input(workspaceInput({}))
  .output(z.array(endpointSchema))
  .query(async ({ ctx }) =>
    (
      await ctx.deps.db.webhookEndpoint.findMany({
        where: { workspaceId: ctx.workspace.id },
        orderBy: { createdAt: "asc" },
      })
    ).map(toEndpoint),
  );

/** URL, events, description; `enabled: true` re-enables a disabled endpoint (its failure count starts again). */
export const updateEndpoint = workspaceAdminProcedure
  .input(
    workspaceInput({
      endpointId: z.uuid(),
      url: z.string().max(2000).optional(),
      events: eventsField.optional(),
      description: z.string().max(500).optional(),
      enabled: z.boolean().optional(),
    }),
  )
  .output(endpointSchema)
  .mutation(async ({ ctx, input }) => {
    const url = input.url === undefined ? undefined : await checkedUrl(ctx, input.url);
    return ctx.deps.db.$transaction(async (tx) => {
      const endpoint = await findWorkspaceEndpoint(tx, ctx.workspace.id, input.endpointId);
      const updated = await tx.webhookEndpoint.update({
        where: { id: endpoint.id },
        data: {
          ...(url ? { url } : {}),
          ...(input.events ? { events: [...new Set(input.events)] } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.enabled === true ? { enabled: true, disabledReason: null, consecutiveFailures: 0 } : {}),
          ...(input.enabled === false ? { enabled: false, disabledReason: "Disabled by a workspace admin." } : {}),
        },
      });
      await record(tx, {
        action: "webhook.updated",
        actor: ctx.actor,
        workspaceId: ctx.workspace.id,
        target: { type: "webhook", id: endpoint.id },
        metadata: { url: updated.url, events: updated.events.join(","), enabled: updated.enabled },
        ...requestFacts(ctx),
      });
      return toEndpoint(updated);
    });
  });

/**
 * A new secret, shown once. The previous one keeps signing alongside it (two signatures per delivery) for
 * `overlapHours`, so receivers can switch without dropping events.
 */
export const rotateEndpointSecret = workspaceAdminProcedure
  .input(
    workspaceInput({
      endpointId: z.uuid(),
      overlapHours: z
        .number()
        .int()
        .min(0)
        .max(24 * 7)
        .default(24),
    }),
  )
  .output(endpointSchema.extend({ secret: z.string() }))
  .mutation(({ ctx, input }) =>
    ctx.deps.db.$transaction(async (tx) => {
      const endpoint = await findWorkspaceEndpoint(tx, ctx.workspace.id, input.endpointId);
      const { vault } = ctx.deps;
      const previous = vault.open(endpoint.secretSealed, sealedContext.webhookSecret(endpoint.id));
      const secret = generateWebhookSecret();
      const updated = await tx.webhookEndpoint.update({
        where: { id: endpoint.id },
        data: {
          secretSealed: sealWebhookSecret(vault, endpoint.id, secret),
          previousSecretSealed: input.overlapHours > 0 ? sealPreviousWebhookSecret(vault, endpoint.id, previous) : null,
          previousSecretExpiresAt: input.overlapHours > 0 ? new Date(Date.now() + input.overlapHours * 3600_000) : null,
        },
      });
      await record(tx, {
        action: "webhook.secret_rotated",
        actor: ctx.actor,
        workspaceId: ctx.workspace.id,
        target: { type: "webhook", id: endpoint.id },
        metadata: { overlapHours: input.overlapHours },
        ...requestFacts(ctx),
      });
      return { ...toEndpoint(updated), secret };
    }),
  );

export const removeEndpoint = workspaceAdminProcedure
  .input(workspaceInput({ endpointId: z.uuid() }))
  .output(z.object({ removed: z.literal(true) }))
  .mutation(({ ctx, input }) =>
    ctx.deps.db.$transaction(async (tx) => {
      const endpoint = await findWorkspaceEndpoint(tx, ctx.workspace.id, input.endpointId);
      await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
      await record(tx, {
        action: "webhook.removed",
        actor: ctx.actor,
        workspaceId: ctx.workspace.id,
        target: { type: "webhook", id: endpoint.id },
        metadata: { url: endpoint.url },
        ...requestFacts(ctx),
      });
      return { removed: true as const };
    }),
  );
