import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { type ApiDeps, createApiDeps } from "@mailflow/api/server";
import { createDb } from "@mailflow/db";
import { parseKeyRing, Vault } from "@mailflow/vault";
import type { FastifyInstance } from "fastify";
import { Redis } from "ioredis";
import { inject } from "vitest";
import { buildApp } from "../build-app.ts";
import type { GoogleSignInOptions } from "../routes/google-sign-in.ts";

export const PUBLIC_URL = "https://localhost:8443";
export const GOOD_PASSWORD = "violet-Harbor-71-lantern";

export interface TestApp {
  app: FastifyInstance;
  deps: ApiDeps;
  ca: Buffer;
  close(): Promise<void>;
}

/** The real HTTPS app on the real database and Redis, with the limits a test asks for. */
export async function createTestApp(
  limits: { ipPerMinute?: number; authPer15Minutes?: number } = {},
  options: {
    webDistDir?: string;
    /** Google sign-in against a local OpenID provider. */
    google?: { clientId: string; clientSecret: string; issuer: string; fetch?: GoogleSignInOptions["fetch"] };
  } = {},
): Promise<TestApp> {
  const db = createDb(inject("databaseUrl"));
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  const deps = createApiDeps({
    db,
    redis,
    vault: new Vault(parseKeyRing({ current: "t", keys: { t: randomBytes(32).toString("base64") } })),
    mailPolicy: { allowPrivateHosts: false },
    namespace: `srv-test-${randomBytes(4).toString("hex")}`,
    config: {
      JWT_SECRET: "srv-Test-Jwt-Secr3t-0123456789-abcdefghijk",
      PASSWORD_PEPPER: "srv-Test-Pepp3r-9876543210-zyxwvutsrqpO",
      UNSUBSCRIBE_SECRET: "srv-Test-Unsub-5647382910-qazwsxEDCRFVt",
      SESSION_TTL_SECONDS: 3600,
      API_KEY_CACHE_TTL_SECONDS: 60,
      RATE_LIMIT_IP_PER_MINUTE: limits.ipPerMinute ?? 100_000,
      RATE_LIMIT_USER_PER_MINUTE: 100_000,
      RATE_LIMIT_AUTH_PER_15_MINUTES: limits.authPer15Minutes ?? 1000,
      PUBLIC_URL,
    },
    signInProviders: { google: Boolean(options.google) },
  });
  const app = await buildApp(
    {
      TLS_CERT_FILE: inject("certFile"),
      TLS_KEY_FILE: inject("keyFile"),
      BODY_LIMIT_BYTES: 64 * 1024,
      TRUST_PROXY: false,
      LOG_LEVEL: "silent",
      PUBLIC_URL,
      SECURITY_CONTACT: "mailto:security@mailflow.dev",
      WEB_DIST_DIR: options.webDistDir,
      ...(options.google
        ? {
            GOOGLE_CLIENT_ID: options.google.clientId,
            GOOGLE_CLIENT_SECRET: options.google.clientSecret,
            GOOGLE_ISSUER: options.google.issuer,
          }
        : {}),
    },
    deps,
    options.google?.fetch ? { googleFetch: options.google.fetch } : {},
  );
  return {
    app,
    deps,
    ca: readFileSync(inject("certFile")),
    async close() {
      await app.close();
      await db.$disconnect();
      redis.disconnect();
    },
  };
}

/** tRPC's wire format with superjson: the input travels under `json`. */
export const trpcBody = (input: unknown) => JSON.stringify({ json: input });

export const uniqueEmail = (label: string) => `${label}-${randomBytes(4).toString("hex")}@example.test`;
