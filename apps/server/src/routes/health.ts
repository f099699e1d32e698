import type { Db } from "@mailflow/db";
import type { FastifyInstance } from "fastify";

export function registerHealth(app: FastifyInstance, db: Db): void {
  app.get("/api/health", async (_request, reply) => {
    await db.$queryRaw`SELECT 1`;
    return reply.send({ ok: true });
  });
}
