import { Prisma } from "@mailflow/db";
import { z } from "zod";
import { createAccount } from "../../auth/new-account.ts";
import { passwordProblem } from "../../auth/password-policy.ts";
import { startSession } from "../../auth/sessions.ts";
import { AppError } from "../../errors.ts";
import { publicProcedure } from "../../procedures/public.ts";
import { consume } from "../../rate-limit/limiters.ts";
import { emailField, nameField, passwordField, regionField, sessionTransportField } from "../fields.ts";
import { requestFacts, sessionResultSchema, toPublicUser } from "../shared.ts";

export const signUpInput = z.strictObject({
  email: emailField,
  name: nameField,
  password: passwordField,
  workspaceName: nameField.optional(),
  region: regionField.default("US"),
  transport: sessionTransportField,
});

/** Creates the account, its first workspace (owned by it) and a session. */
export const signUp = publicProcedure
  .input(signUpInput)
  .output(sessionResultSchema)
  .mutation(async ({ ctx, input }) => {
    await consume(ctx.deps.limiters.signUpByIp, ctx.request.ip);
    const problem = passwordProblem(input.password, input.email);
    if (problem) throw new AppError("WEAK_PASSWORD", problem);
    const passwordHash = await ctx.deps.passwords.hash(input.password);
    try {
      return await ctx.deps.db.$transaction(async (tx) => {
        const user = await createAccount(ctx, tx, {
          email: input.email,
          name: input.name,
          passwordHash,
          workspaceName: input.workspaceName,
          region: input.region,
        });
        const session = await startSession(ctx, tx, user, input.transport);
        return { user: toPublicUser(user), ...session };
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new AppError("CONFLICT", "An account with this email already exists. Log in instead.");
      }
      throw error;
    }
  });
