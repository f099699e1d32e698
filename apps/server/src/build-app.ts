import type { ApiDeps } from "@mailflow/api/server";
import type { ServerConfig } from "@mailflow/config";
import Fastify, { type FastifyInstance } from "fastify";
import { registerCookies } from "./plugins/cookies.ts";
import { registerCsrfProtection } from "./plugins/csrf.ts";
import { registerErrorHandling } from "./plugins/errors.ts";
import { registerIpRateLimit } from "./plugins/rate-limit.ts";
import { registerSecurityHeaders } from "./plugins/security-headers.ts";
import { type GoogleSignInOptions, registerGoogleSignIn } from "./routes/google-sign-in.ts";
import { registerHealth } from "./routes/health.ts";
import { registerSecurityTxt } from "./routes/security-txt.ts";
import { registerTrust } from "./routes/trust.ts";
import { registerUnsubscribe, UNSUBSCRIBE_PATH_PREFIX } from "./routes/unsubscribe.ts";
import { registerWebApp } from "./routes/web-app.ts";
import { httpsOptions } from "./tls.ts";
import { registerTrpc } from "./trpc.ts";

export type AppConfig = Pick<
  ServerConfig,
  | "TLS_CERT_FILE"
  | "TLS_KEY_FILE"
  | "BODY_LIMIT_BYTES"
  | "TRUST_PROXY"
  | "LOG_LEVEL"
  | "PUBLIC_URL"
  | "SECURITY_CONTACT"
  | "WEB_DIST_DIR"
> &
  Partial<Pick<ServerConfig, "GOOGLE_CLIENT_ID" | "GOOGLE_CLIENT_SECRET" | "GOOGLE_ISSUER">>;

/** The HTTPS host, fully wired but not listening: main.ts listens, tests use it as it is. */
export async function buildApp(
  config: AppConfig,
  deps: ApiDeps,
  options: { googleFetch?: GoogleSignInOptions["fetch"] } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    https: httpsOptions(config.TLS_CERT_FILE, config.TLS_KEY_FILE),
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Unsubscribe tokens and batched tRPC paths are longer than Fastify's default of 100 characters.
    routerOptions: { maxParamLength: 1024 },
    trustProxy: config.TRUST_PROXY,
    logger: {
      level: config.LOG_LEVEL,
      redact: ["req.headers.authorization", "req.headers.cookie", 'res.headers["set-cookie"]'],
    },
  });
  registerErrorHandling(app);
  await registerSecurityHeaders(app);
  registerIpRateLimit(app, deps);
  await registerCookies(app);
  await registerCsrfProtection(app, {
    publicOrigin: new URL(config.PUBLIC_URL).origin,
    // One-click unsubscribe must work with no session at all (RFC 8058); its signed token is the authorization.
    exempt: (request) => request.url.startsWith(UNSUBSCRIBE_PATH_PREFIX),
  });
  registerSecurityTxt(app, { contact: config.SECURITY_CONTACT, publicUrl: config.PUBLIC_URL });
  registerTrust(app, { publicUrl: config.PUBLIC_URL });
  registerHealth(app, deps.db);
  await registerUnsubscribe(app, { regions: deps.regions, tokens: deps.unsubscribeTokens });
  if (config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET)
    registerGoogleSignIn(app, deps, {
      clientId: config.GOOGLE_CLIENT_ID,
      clientSecret: config.GOOGLE_CLIENT_SECRET,
      issuer: config.GOOGLE_ISSUER ?? "https://accounts.google.com",
      publicUrl: config.PUBLIC_URL,
      ...(options.googleFetch ? { fetch: options.googleFetch } : {}),
    });
  await registerTrpc(app, deps);
  await registerWebApp(app, config.WEB_DIST_DIR);
  return app;
}
