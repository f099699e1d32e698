import { type ApiDeps, AppError, consume } from "@mailflow/api/server";
import type { FastifyInstance } from "fastify";

/** Per-IP limit on every request, before any work is done. Per-user and auth limits live in the API. */
export function registerIpRateLimit(app: FastifyInstance, deps: ApiDeps): void {
  app.addHook("onRequest", async (request, reply) => {
    try {
      await consume(deps.limiters.ip, request.ip);
    } catch (error) {
      if (error instanceof AppError && error.code === "RATE_LIMITED") {
        reply
          .code(429)
          .header("retry-after", String(error.details.retryAfterSeconds ?? 60))
          .send({ error: { code: "TOO_MANY_REQUESTS", message: error.userMessage } });
        return reply;
      }
      throw error;
    }
  });
}
