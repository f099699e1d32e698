import { type ApiDeps, appRouter, type Context } from "@mailflow/api/server";
import { fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from "./plugins/cookies.ts";

function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() || null : null;
}

export async function registerTrpc(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  await app.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      createContext: ({ req, res }: { req: FastifyRequest; res: import("fastify").FastifyReply }): Context => ({
        deps,
        request: {
          ip: req.ip,
          userAgent: req.headers["user-agent"] ?? null,
          bearer: bearerOf(req),
          sessionCookie: req.cookies[SESSION_COOKIE] ?? null,
        },
        response: {
          setSessionCookie: (token, maxAge) => setSessionCookie(res, token, maxAge),
          clearSessionCookie: () => clearSessionCookie(res),
          setHeader: (name, value) => {
            res.header(name, value);
          },
        },
      }),
      onError: ({ error, path, req }: { error: { code: string }; path?: string; req: FastifyRequest }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") req.log.error({ err: error, path }, "procedure failed");
      },
    },
  });
}
