import { record } from "@mailflow/audit";
import { z } from "zod";
import { AppError, notFound } from "../../errors.ts";
import { workspaceAdminProcedure, workspaceInput } from "../../procedures/workspace.ts";
import { pageArgs, requestFacts, toPage } from "../shared.ts";
import { findWorkspaceEndpoint } from "./manage.ts";

const deliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(["PENDING", "SUCCEEDED", "FAILED"]),
  attempts: z.number(),
  nextAttemptAt: z.date(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  deliveredAt: z.date().nullable(),
  payload: z.unknown(),
  log: z.array(
    z.object({
      attemptedAt: z.date(),
      statusCode: z.number().nullable(),
      durationMs: z.number(),
      error: z.string().nullable(),
    }),
  ),
});

/** The delivery log of an endpoint, newest first, each with its attempts (status code, response time, error). */
export const listDeliveries = workspaceAdminProcedure
  .input(
    workspaceInput({
      endpointId: z.uuid(),
      cursor: z.uuid().optional(),
      limit: z.number().int().min(1).max(100).default(50),
    }),
  )
  .output(z.object({ items: z.array(deliverySchema), nextCursor: z.string().nullable() }))
  .query(async ({ ctx, input }) => {
    const endpoint = await findWorkspaceEndpoint(ctx.deps.db, ctx.workspace.id, input.endpointId);
    const rows = await ctx.deps.db.webhookDelivery.findMany({
      where: { endpointId: endpoint.id },
      include: { log: { orderBy: { attemptedAt: "asc" } } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageArgs(input),
    });
    return toPage(rows, input.limit, ({ workspaceId: _w, endpointId: _e, log, ...d }) => ({
      ...d,
      log: log.map(({ attemptedAt, statusCode, durationMs, error }) => ({
        attemptedAt,
        statusCode,
        durationMs,
        error,
      })),
    }));
  });

/** Sends a delivery again now, with the same webhook-id so the receiver can tell it is the same event. */
export const redeliver = workspaceAdminProcedure
  .input(workspaceInput({ deliveryId: z.uuid() }))
  .output(z.object({ status: z.literal("PENDING") }))
  .mutation(({ ctx, input }) =>
    ctx.deps.db.$transaction(async (tx) => {
      const delivery = await tx.webhookDelivery.findFirst({
        where: { id: input.deliveryId, workspaceId: ctx.workspace.id },
        include: { endpoint: true },
      });
      if (!delivery) throw notFound("Delivery");
      if (!delivery.endpoint.enabled) {
        throw new AppError("CONFLICT", "The endpoint is disabled: enable it first.");
      }
      await tx.webhookDelivery.update({
        where: { id: delivery.id },
        data: { status: "PENDING", nextAttemptAt: new Date() },
      });
      await record(tx, {
        action: "webhook.redelivered",
        actor: ctx.actor,
        workspaceId: ctx.workspace.id,
        target: { type: "webhook_delivery", id: delivery.id },
        metadata: { eventType: delivery.eventType, eventId: delivery.eventId },
        ...requestFacts(ctx),
      });
      return { status: "PENDING" as const };
    }),
  );
