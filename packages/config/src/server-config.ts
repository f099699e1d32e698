import { z } from "zod";
import { databaseUrlFields } from "./databases.ts";
import { ConfigError } from "./errors.ts";
import { secretSchema } from "./secret.ts";

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

/** Every variable the API server reads. Defaults are safe for production; tests override limits explicitly. */
export const serverEnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("production"),
    ...databaseUrlFields,
    /** Shared rate-limit store; without it limits are per process (fine for a single-instance trial only). */
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// URL" }).optional(),
    JWT_SECRET: secretSchema,
    PASSWORD_PEPPER: secretSchema,
    /** Signs one-click unsubscribe links; the worker holds it too (it writes the links), but not JWT_SECRET. */
    UNSUBSCRIBE_SECRET: secretSchema,
    HOST: z.string().default("127.0.0.1"),
    PORT: port.default(8443),
    /** Plain-HTTP listener that only redirects to HTTPS; unset = no plain listener. */
    HTTP_REDIRECT_PORT: port.optional(),
    TLS_CERT_FILE: z.string().min(1, "must name the PEM certificate file"),
    TLS_KEY_FILE: z.string().min(1, "must name the PEM private key file"),
    PUBLIC_URL: z.url({ protocol: /^https$/, error: "must be an https:// URL" }),
    SECURITY_CONTACT: z.string().default("mailto:security@mailflow.dev"),
    /** The built dashboard (apps/web/dist) the server serves; the repo's own build by default. */
    WEB_DIST_DIR: z.string().min(1).optional(),
    /** Set only behind a reverse proxy you control; otherwise X-Forwarded-For would let anyone pick their IP. */
    TRUST_PROXY: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
    SESSION_TTL_SECONDS: positiveInt.default(60 * 60 * 12),
    BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024),
    RATE_LIMIT_IP_PER_MINUTE: positiveInt.default(600),
    RATE_LIMIT_USER_PER_MINUTE: positiveInt.default(1200),
    RATE_LIMIT_AUTH_PER_15_MINUTES: positiveInt.default(10),
    API_KEY_CACHE_TTL_SECONDS: positiveInt.default(60),
    /**
     * The vault key ring, `{"current":"<id>","keys":{"<id>":"<32 random bytes, base64>"}}`: inline, or in a file kept
     * outside the database and its backups. Exactly one of the two.
     */
    VAULT_KEYS: z.string().min(1).optional(),
    VAULT_KEYS_FILE: z.string().min(1).optional(),
    /** Let inboxes point at loopback/private addresses: self-hosted mail servers on your own network, and tests. */
    MAIL_ALLOW_PRIVATE_HOSTS: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    /** Let webhook endpoints be on loopback/private addresses (self-hosting on your own network, and tests). */
    WEBHOOK_ALLOW_PRIVATE_HOSTS: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    /** PEM file of an extra CA that outbound SMTP/IMAP trusts (a company CA). */
    MAIL_EXTRA_CA_FILE: z.string().min(1).optional(),
    MAIL_TIMEOUT_MS: positiveInt.default(15_000),
    /**
     * Google sign-in (OpenID Connect), off unless both are set: an OAuth client of type "Web application" whose
     * redirect URI is PUBLIC_URL + /auth/google/callback. Only the scopes openid, email and profile are asked for.
     */
    GOOGLE_CLIENT_ID: z.string().min(1).optional(),
    GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
    /** The OpenID issuer; Google's unless a test points it at a local provider (http only on loopback). */
    GOOGLE_ISSUER: z
      .url()
      .default("https://accounts.google.com")
      .refine((u) => {
        const url = new URL(u);
        return (
          url.protocol === "https:" ||
          (url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname))
        );
      }, "must be an https:// URL (http:// only for a provider on loopback, in tests)"),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.GOOGLE_CLIENT_ID) !== Boolean(env.GOOGLE_CLIENT_SECRET))
      ctx.addIssue({
        code: "custom",
        path: ["GOOGLE_CLIENT_SECRET"],
        message: "Google sign-in needs both GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET (or neither, to turn it off)",
      });
    if (Boolean(env.VAULT_KEYS) === Boolean(env.VAULT_KEYS_FILE)) {
      ctx.addIssue({
        code: "custom",
        path: ["VAULT_KEYS_FILE"],
        message:
          'set exactly one of VAULT_KEYS or VAULT_KEYS_FILE (a key ring: {"current":"k1","keys":{"k1":"<openssl rand -base64 32>"}})',
      });
    }
  });

export type ServerConfig = z.infer<typeof serverEnvSchema>;

export function loadServerConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = serverEnvSchema.safeParse(env);
  if (!parsed.success) throw ConfigError.fromZod(parsed.error);
  return parsed.data;
}
