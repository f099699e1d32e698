import { record } from "@mailflow/audit";
import { z } from "zod";
import { startSession } from "../../auth/sessions.ts";
import { AppError } from "../../errors.ts";
import { publicProcedure } from "../../procedures/public.ts";
import { consume } from "../../rate-limit/limiters.ts";
import { emailField, passwordField, sessionTransportField } from "../fields.ts";
import { requestFacts, sessionResultSchema, toPublicUser } from "../shared.ts";

export const logInInput = z.strictObject({
  email: emailField,
  password: passwordField,
  transport: sessionTransportField,
});

const wrongCredentials = () => new AppError("UNAUTHENTICATED", "Email or password is incorrect.");

/**
 * Attempts are limited per account-and-IP and per IP; a success resets the account counter. No permanent
 * lock-out: that would let anyone lock a victim out.
 */
export const logIn = publicProcedure
  .input(logInInput)
  .output(sessionResultSchema)
  .mutation(async ({ ctx, input }) => {
    const { limiters, passwords, db } = ctx.deps;
    const accountKey = `${input.email}|${ctx.request.ip}`;
    await consume(limiters.logInByIp, ctx.request.ip);
    await consume(limiters.logInByAccount, accountKey);

    const user = await db.user.findUnique({ where: { email: input.email } });
    const ok = user
      ? await passwords.verify(input.password, user.passwordHash)
      : await passwords.verifyAgainstNothing(input.password);
    if (!user || !ok) {
      await record(db, {
        action: "auth.login_failed",
        actor: user ? { type: "user", id: user.id } : { type: "system" },
        metadata: { reason: user ? "wrong_password" : "unknown_email" },
        ...requestFacts(ctx),
      });
      throw wrongCredentials();
    }
    await limiters.logInByAccount.delete(accountKey);
    return db.$transaction(async (tx) => {
      await record(tx, { action: "auth.login", actor: { type: "user", id: user.id }, ...requestFacts(ctx) });
      const session = await startSession(ctx, tx, user, input.transport);
      return { user: toPublicUser(user), ...session };
    });
  });
