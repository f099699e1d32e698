import { record } from "@mailflow/audit";
import { z } from "zod";
import { userProcedure } from "../../procedures/authed.ts";
import { requestFacts } from "../shared.ts";

/** Revokes this session only: its token, cookie or Bearer, is refused from now on. */
export const logOut = userProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
  const { userId, sessionId } = ctx.principal;
  await ctx.deps.db.$transaction(async (tx) => {
    await tx.session.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
    await record(tx, { action: "auth.logout", actor: { type: "user", id: userId }, ...requestFacts(ctx) });
  });
  ctx.response.clearSessionCookie();
  return { ok: true as const };
});

/** Bumps the token version and revokes every session: every token issued so far is refused at once. */
export const logOutEverywhere = userProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
  const { userId } = ctx.principal;
  await ctx.deps.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { tokenVersion: { increment: 1 } } });
    await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await record(tx, { action: "auth.logout_everywhere", actor: { type: "user", id: userId }, ...requestFacts(ctx) });
  });
  ctx.response.clearSessionCookie();
  return { ok: true as const };
});
