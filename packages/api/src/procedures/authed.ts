import { resolvePrincipal } from "../auth/principal.ts";
import { AppError } from "../errors.ts";
import { consume } from "../rate-limit/limiters.ts";
import { baseProcedure, middleware } from "../trpc.ts";

/** Resolves the caller (session or API key) and applies the per-user rate limit. */
const authenticate = middleware(async ({ ctx, next }) => {
  const principal = await resolvePrincipal(ctx.deps, ctx.request);
  const key = principal.kind === "user" ? `user:${principal.userId}` : `key:${principal.apiKeyId}`;
  await consume(ctx.deps.limiters.principal, key);
  return next({ ctx: { principal } });
});

export const authedProcedure = baseProcedure.use(authenticate);

/** Account-level procedures: a signed-in person, never an API key (keys act inside one workspace only). */
export const userProcedure = authedProcedure.meta({ scope: "user" }).use(({ ctx, next }) => {
  if (ctx.principal.kind !== "user") {
    throw new AppError("FORBIDDEN", "API keys cannot manage accounts. Sign in as a person to do this.");
  }
  return next({ ctx: { principal: ctx.principal } });
});
