import type { ApiDeps } from "@mailflow/api/server";
import type { ServerConfig } from "@mailflow/config";
import Fastify, { type FastifyInstance } from "fastify";
import { registerCookies } from "./plugins/cookies.ts";
import { registerCsrfProtection } from "./plugins/csrf.ts";
import { registerErrorHandling } from "./plugins/errors.ts";
import { registerIpRateLimit } from "./plugins/rate-limit.ts";
import { registerSecurityHeaders } from "./plugins/security-headers.ts";
import { registerHealth } from "./routes/health.ts";
import { registerSecurityTxt } from "./routes/security-txt.ts";
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
>;

/** The HTTPS host, fully wired but not listening: main.ts listens, tests use it as it is. */
export async function buildApp(config: AppConfig, deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    https: httpsOptions(config.TLS_CERT_FILE, config.TLS_KEY_FILE),
    bodyLimit: config.BODY_LIMIT_BYTES,
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
  await registerCsrfProtection(app, { publicOrigin: new URL(config.PUBLIC_URL).origin });
  registerSecurityTxt(app, { contact: config.SECURITY_CONTACT, publicUrl: config.PUBLIC_URL });
  registerHealth(app, deps.db);
  await registerTrpc(app, deps);
  return app;
}
