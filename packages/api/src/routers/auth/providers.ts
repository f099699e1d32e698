import { z } from "zod";
import { publicProcedure } from "../../procedures/public.ts";

/** The sign-in methods this server offers besides the password (the log-in page asks before showing a button). */
export const providers = publicProcedure
  .input(z.strictObject({}).optional())
  .output(z.object({ google: z.boolean() }))
  .query(({ ctx }) => ctx.deps.signInProviders);
