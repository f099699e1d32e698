import type { ApiDeps, Context } from "@mailflow/api/server";
import type { FastifyReply, FastifyRequest } from "fastify";
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from "./plugins/cookies.ts";

function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() || null : null;
}

/** The API's view of one HTTP request and its response: tRPC procedures and plain routes (Google sign-in) share it. */
export function requestContext(deps: ApiDeps, req: FastifyRequest, res: FastifyReply): Context {
  return {
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
  };
}
