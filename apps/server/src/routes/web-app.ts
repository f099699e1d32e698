import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { UNSUBSCRIBE_PATH_PREFIX } from "./unsubscribe.ts";

/** The repo's own dashboard build, used when WEB_DIST_DIR is not set. */
export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL("../../../web/dist", import.meta.url));

/** Paths that belong to the API and public endpoints, never to the single-page app. */
const SERVER_PREFIXES = ["/trpc", "/api/", "/.well-known/", UNSUBSCRIBE_PATH_PREFIX];

/**
 * Serves the built React dashboard: hashed assets cached for a year (their names change with their content),
 * index.html for every other GET that asks for a page (client-side routes), never cached. Every response keeps
 * the strict CSP and HSTS of the security-headers plugin: the build has no inline script or style to allow.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string = DEFAULT_WEB_DIST_DIR): Promise<void> {
  if (!existsSync(path.join(distDir, "index.html"))) {
    app.log.warn({ distDir }, "dashboard not built (pnpm --filter @mailflow/web build): serving the API only");
    app.get("/", async (_request, reply) =>
      reply
        .type("text/plain")
        .send("MailFlow API is running. Build the dashboard with: pnpm --filter @mailflow/web build\n"),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false, // files are registered one by one at start; anything else reaches the fallback below
    index: false,
    setHeaders: (response, filePath) => {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      response.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  // Any other GET: the app's own router decides (it shows its own "page not found"). Routes registered by path
  // (the API, the files above) are more specific and win over this wildcard.
  app.get("/*", (request, reply) => {
    if (!wantsPage(request)) {
      return reply.code(404).send({ error: { code: "NOT_FOUND", message: "There is nothing at this address." } });
    }
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
}

function wantsPage(request: FastifyRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (SERVER_PREFIXES.some((prefix) => request.url.startsWith(prefix))) return false;
  return (request.headers.accept ?? "").includes("text/html");
}
