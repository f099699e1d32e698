import cookie from "@fastify/cookie";
import type { FastifyInstance, FastifyReply } from "fastify";

/** `__Host-` cookies: Secure, Path=/, no Domain; the browser refuses them otherwise. */
export const SESSION_COOKIE = "__Host-mf_session";
export const CSRF_COOKIE = "__Host-mf_csrf";

export async function registerCookies(app: FastifyInstance): Promise<void> {
  await app.register(cookie);
}

export function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: "lax",
    path: "/",
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: "lax", path: "/" });
}
