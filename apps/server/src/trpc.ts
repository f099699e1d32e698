import { type ApiDeps, appRouter, type Context } from "@mailflow/api/server";
import { fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requestContext } from "./request-context.ts";

export async function registerTrpc(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  await app.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      createContext: ({ req, res }: { req: FastifyRequest; res: FastifyReply }): Context =>
        requestContext(deps, req, res),
      onError: ({ error, path, req }: { error: { code: string }; path?: string; req: FastifyRequest }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") req.log.error({ err: error, path }, "procedure failed");
      },
    },
  });
}
