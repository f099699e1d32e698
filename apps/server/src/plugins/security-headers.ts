import helmet from "@fastify/helmet";
import { CONTENT_SECURITY_POLICY_DIRECTIVES } from "@mailflow/config";
import type { FastifyInstance } from "fastify";

/**
 * HSTS (2 years, subdomains, preload) and a strict CSP on every response, errors and 404s included: no inline
 * script or style, no eval, nothing from other origins, no framing. The directives are shared with the desktop
 * app's renderer (packages/config), plus upgrade-insecure-requests here.
 */
export const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    ...Object.fromEntries(
      Object.entries(CONTENT_SECURITY_POLICY_DIRECTIVES).map(([name, values]) => [name, [...values]]),
    ),
    upgradeInsecureRequests: [],
  },
};

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    strictTransportSecurity: { maxAge: 63_072_000, includeSubDomains: true, preload: true },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    crossOriginOpenerPolicy: { policy: "same-origin" },
    crossOriginResourcePolicy: { policy: "same-origin" },
  });
  // API answers must never be cached by a shared cache.
  app.addHook("onSend", async (_request, reply) => {
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
  });
}
