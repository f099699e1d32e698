import { record } from "@mailflow/audit";
import { z } from "zod";
import { passwordProblem } from "../../auth/password-policy.ts";
import { startSession } from "../../auth/sessions.ts";
import { AppError } from "../../errors.ts";
import { userProcedure } from "../../procedures/authed.ts";
import { consume } from "../../rate-limit/limiters.ts";
import { passwordField, sessionTransportField } from "../fields.ts";
import { requestFacts, sessionResultSchema, toPublicUser } from "../shared.ts";

export const changePasswordInput = z.strictObject({
  currentPassword: passwordField,
  newPassword: passwordField,
  transport: sessionTransportField,
});

/**
 * Needs the current password. Bumps the token version and revokes every session, so every older token
 * (this device's included) is refused; this device gets a fresh session in the same response.
 */
export const changePassword = userProcedure
  .input(changePasswordInput)
  .output(sessionResultSchema)
  .mutation(async ({ ctx, input }) => {
    const { userId } = ctx.principal;
    const { db, passwords, limiters } = ctx.deps;
    await consume(limiters.passwordChangeByUser, userId);
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    if (!(await passwords.verify(input.currentPassword, user.passwordHash))) {
      throw new AppError("UNAUTHENTICATED", "Your current password is incorrect.");
    }
    const problem = passwordProblem(input.newPassword, user.email);
    if (problem) throw new AppError("WEAK_PASSWORD", problem);
    if (input.newPassword === input.currentPassword) {
      throw new AppError("WEAK_PASSWORD", "Choose a password different from the current one.");
    }
    const passwordHash = await passwords.hash(input.newPassword);
    return db.$transaction(async (tx) => {
      const updated = await tx.user.update({
        where: { id: userId },
        data: { passwordHash, tokenVersion: { increment: 1 } },
      });
      await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
      await record(tx, { action: "auth.password_changed", actor: { type: "user", id: userId }, ...requestFacts(ctx) });
      const session = await startSession(ctx, tx, updated, input.transport);
      return { user: toPublicUser(updated), ...session };
    });
  });
