import { readFileSync } from "node:fs";
import { createApiDeps } from "@mailflow/api/server";
import { ConfigError, loadServerConfig, type ServerConfig } from "@mailflow/config";
import { type CreateDbOptions, RegionalDbs } from "@mailflow/db";
import { assertVaultHoldsAllKeys, loadKeyRing } from "@mailflow/secrets";
import { Vault, VaultError } from "@mailflow/vault";
import { Redis } from "ioredis";
import { buildApp } from "./build-app.ts";
import { startHttpRedirect } from "./http-redirect.ts";

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the HTTPS server (and the redirect listener) from a validated config. */
export async function startServer(config: ServerConfig, dbOptions: CreateDbOptions = {}): Promise<RunningServer> {
  const vault = new Vault(loadKeyRing(config));
  // The global database and, with data residency, each region's own (unset regions live in the global one).
  const regions = RegionalDbs.fromConfig(config, dbOptions);
  const db = regions.global;
  try {
    for (const each of regions.distinct()) await assertVaultHoldsAllKeys(each, vault);
  } catch (error) {
    await regions.disconnect();
    throw error;
  }
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 }) : null;
  const mailPolicy = {
    allowPrivateHosts: config.MAIL_ALLOW_PRIVATE_HOSTS,
    extraCa: config.MAIL_EXTRA_CA_FILE ? readFileSync(config.MAIL_EXTRA_CA_FILE, "utf8") : undefined,
    timeoutMs: config.MAIL_TIMEOUT_MS,
  };
  const deps = createApiDeps({
    db,
    regions,
    config,
    redis,
    vault,
    mailPolicy,
    webhookPolicy: { allowPrivateHosts: config.WEBHOOK_ALLOW_PRIVATE_HOSTS },
    signInProviders: { google: Boolean(config.GOOGLE_CLIENT_ID) },
  });
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
      await regions.disconnect();
      redis?.disconnect();
    },
  };
}

/** Configuration and key problems end the process with their message and EX_CONFIG (78). */
export function exitOnStartupError(error: unknown): never {
  if (error instanceof ConfigError || error instanceof VaultError) {
    console.error(error instanceof VaultError ? `Vault: ${error.message}` : error.message);
    process.exit(78);
  }
  console.error(error);
  process.exit(1);
}

async function main() {
  let server: RunningServer;
  try {
    server = await startServer(loadServerConfig());
  } catch (error) {
    exitOnStartupError(error);
  }
  console.log(`MailFlow API listening on ${server.url}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void server.close().then(() => process.exit(0)));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
