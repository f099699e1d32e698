import type { Tx } from "@mailflow/db";
import type { Context } from "../context.ts";

/** How the client wants its session: an httpOnly cookie (web) or a token in the response (desktop, scripts). */
export type SessionTransport = "cookie" | "bearer";

export interface IssuedSession {
  /** Present only for bearer sessions: a cookie session's token never reaches JavaScript. */
  token: string | null;
  expiresAt: Date;
}

/** Creates a session row and its signed token, and hands the token over the way the client asked. */
export async function startSession(
  ctx: Context,
  tx: Tx,
  user: { id: string; tokenVersion: number },
  transport: SessionTransport,
): Promise<IssuedSession> {
  const ttl = ctx.deps.sessionTtlSeconds;
  const session = await tx.session.create({
    data: {
      userId: user.id,
      transport,
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent?.slice(0, 512) ?? null,
      expiresAt: new Date(Date.now() + ttl * 1000),
    },
  });
  const { token, expiresAt } = await ctx.deps.sessionTokens.issue(
    { userId: user.id, sessionId: session.id, tokenVersion: user.tokenVersion },
    ttl,
  );
  if (transport === "cookie") {
    ctx.response.setSessionCookie(token, ttl);
    return { token: null, expiresAt };
  }
  return { token, expiresAt };
}
