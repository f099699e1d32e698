import csrf from "@fastify/csrf-protection";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { CSRF_COOKIE } from "./cookies.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
export const CSRF_HEADER = "x-csrf-token";

/**
 * CSRF defence for state-changing requests a browser could be tricked into sending:
 *  - a request with an Origin header from another origin is refused outright;
 *  - a request that carries cookies or an Origin (i.e. comes from a browser) needs a token from GET /api/csrf
 *    in the X-CSRF-Token header (@fastify/csrf-protection, secret in an httpOnly __Host- cookie);
 *  - a Bearer-authenticated request is exempt: a browser never attaches that header by itself, and neither is
 *    a plain API client with no cookies and no Origin (curl, the typed client in Node).
 * `exempt` lists public endpoints that must work without a session (RFC 8058 one-click unsubscribe, later).
 */
export async function registerCsrfProtection(
  app: FastifyInstance,
  options: { publicOrigin: string; exempt?: (request: FastifyRequest) => boolean },
): Promise<void> {
  await app.register(csrf, {
    sessionPlugin: "@fastify/cookie",
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: "/", secure: true, httpOnly: true, sameSite: "strict", signed: false },
    getToken: (request) => headerValue(request, CSRF_HEADER),
  });

  app.get("/api/csrf", async (_request, reply) => ({ token: reply.generateCsrf() }));

  app.addHook("onRequest", (request, reply, done) => {
    if (SAFE_METHODS.has(request.method) || options.exempt?.(request)) return done();
    const origin = headerValue(request, "origin");
    if (origin && origin !== options.publicOrigin) return refuse(reply, "Cross-origin requests are not allowed.");
    if (headerValue(request, "authorization")?.startsWith("Bearer ")) return done();
    if (!origin && !request.headers.cookie) return done();
    app.csrfProtection(request, reply, done);
  });
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function refuse(reply: FastifyReply, message: string) {
  reply.code(403).send({ error: { code: "FORBIDDEN", message } });
}
