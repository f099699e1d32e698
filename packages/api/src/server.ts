// Server-side entry: what an HTTP host (apps/server) or a test needs to serve the contract.
import { UnsubscribeTokens } from "@mailflow/compliance";
import type { ServerConfig } from "@mailflow/config";
import { type Db, RegionalDbs } from "@mailflow/db";
import type { Vault } from "@mailflow/vault";
import type { Redis } from "ioredis";
import { ApiKeyAuthenticator } from "./auth/api-key-authenticator.ts";
import { PasswordHasher } from "./auth/passwords.ts";
import { SessionTokens } from "./auth/session-tokens.ts";
import type { ApiDeps } from "./deps.ts";
import { createLimiters } from "./rate-limit/limiters.ts";

export {
  type GoogleClaims,
  type GoogleSignInOutcome,
  googleClaimsSchema,
  signInWithGoogle,
} from "./auth/google-sign-in.ts";
export type { Context, RequestInfo, ResponseControl } from "./context.ts";
export type { ApiDeps } from "./deps.ts";
export { AppError } from "./errors.ts";
export { consume } from "./rate-limit/limiters.ts";
export { appRouter } from "./root.ts";
export { createCallerFactory } from "./trpc.ts";

type DepsConfig = Pick<
  ServerConfig,
  | "JWT_SECRET"
  | "PASSWORD_PEPPER"
  | "UNSUBSCRIBE_SECRET"
  | "SESSION_TTL_SECONDS"
  | "API_KEY_CACHE_TTL_SECONDS"
  | "RATE_LIMIT_IP_PER_MINUTE"
  | "RATE_LIMIT_USER_PER_MINUTE"
  | "RATE_LIMIT_AUTH_PER_15_MINUTES"
  | "PUBLIC_URL"
>;

export interface CreateApiDepsOptions {
  db: Db;
  /** The region databases; without them every region's data lives in `db` (a single-database installation). */
  regions?: RegionalDbs;
  config: DepsConfig;
  redis: Redis | null;
  vault: Vault;
  mailPolicy: ApiDeps["mailPolicy"];
  webhookPolicy?: ApiDeps["webhookPolicy"];
  /** Which sign-in methods besides the password the server offers (the log-in page shows them). */
  signInProviders?: ApiDeps["signInProviders"];
  /** Prefix for rate-limit keys, so test runs sharing one Redis do not count each other's requests. */
  namespace?: string;
}

export function createApiDeps(options: CreateApiDepsOptions): ApiDeps {
  const { db, config, redis } = options;
  return {
    db,
    regions: options.regions ?? RegionalDbs.single(db),
    passwords: new PasswordHasher(config.PASSWORD_PEPPER),
    sessionTokens: new SessionTokens(config.JWT_SECRET),
    apiKeys: new ApiKeyAuthenticator(db, config.API_KEY_CACHE_TTL_SECONDS * 1000),
    limiters: createLimiters(
      {
        ipPerMinute: config.RATE_LIMIT_IP_PER_MINUTE,
        userPerMinute: config.RATE_LIMIT_USER_PER_MINUTE,
        authPer15Minutes: config.RATE_LIMIT_AUTH_PER_15_MINUTES,
      },
      redis,
      options.namespace,
    ),
    sessionTtlSeconds: config.SESSION_TTL_SECONDS,
    vault: options.vault,
    mailPolicy: options.mailPolicy,
    webhookPolicy: options.webhookPolicy ?? { allowPrivateHosts: false },
    unsubscribeTokens: new UnsubscribeTokens(config.UNSUBSCRIBE_SECRET),
    publicUrl: config.PUBLIC_URL,
    signInProviders: options.signInProviders ?? { google: false },
  };
}
