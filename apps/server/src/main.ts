import { createApiDeps } from "@mailflow/api/server";
import { ConfigError, loadServerConfig, type ServerConfig } from "@mailflow/config";
import { type CreateDbOptions, createDb } from "@mailflow/db";
import { Redis } from "ioredis";
import { buildApp } from "./build-app.ts";
import { startHttpRedirect } from "./http-redirect.ts";

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the HTTPS server (and the redirect listener) from a validated config. */
export async function startServer(config: ServerConfig, dbOptions: CreateDbOptions = {}): Promise<RunningServer> {
  const db = createDb(config.DATABASE_URL, dbOptions);
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 }) : null;
  const deps = createApiDeps({ db, config, redis });
  const app = await buildApp(config, deps);
  await app.listen({ host: config.HOST, port: config.PORT });
  const redirect = config.HTTP_REDIRECT_PORT
    ? await startHttpRedirect(config.HTTP_REDIRECT_PORT, config.HOST, config.PUBLIC_URL)
    : null;
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  return {
    url: `https://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${port}`,
    async close() {
      redirect?.close();
      await app.close();
      await db.$disconnect();
      redis?.disconnect();
    },
  };
}

async function main() {
  let config: ServerConfig;
  try {
    config = loadServerConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const server = await startServer(config);
  console.log(`MailFlow API listening on ${server.url}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void server.close().then(() => process.exit(0)));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
