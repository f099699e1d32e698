// `bash scripts/start.sh`: MailFlow on one machine with nothing else installed (API, dashboard and worker in one
// process). Uses DATABASE_URL when given, otherwise an
// embedded PostgreSQL (PGlite) in the data dir; generates secrets and a localhost certificate on first run.

import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadLauncherConfig, loadServerConfig, loadWorkerConfig, processEnv } from "@mailflow/config";
import { runMigrations } from "@mailflow/db";
import { startEmbeddedPostgres } from "@mailflow/embedded-db";
import { ensureSelfSignedCertificate, exitOnStartupError, startServer } from "@mailflow/server";
import { createWorker } from "@mailflow/worker";
import { loadOrCreateLocalSecrets, loadOrCreateLocalVaultKeys } from "./local-secrets.ts";
import { prepareRegionDatabases } from "./region-databases.ts";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

async function startLocal() {
  const launcher = loadLauncherConfig(path.join(repoRoot, ".data"));
  const env = processEnv();
  const secrets = loadOrCreateLocalSecrets(launcher.dataDir);
  const vaultKeysFile = loadOrCreateLocalVaultKeys(launcher.dataDir);
  const tls = await ensureSelfSignedCertificate(path.join(launcher.dataDir, "tls"));
  const embedded = launcher.DATABASE_URL ? null : await startEmbeddedPostgres(path.join(launcher.dataDir, "pg"));
  const databaseUrl = launcher.DATABASE_URL ?? embedded!.url;
  await runMigrations(databaseUrl);
  const regionDbs = await prepareRegionDatabases({
    globalUrl: databaseUrl,
    embedded: Boolean(embedded),
    dataDir: launcher.dataDir,
    env,
  });
  const regionUrls = { DATABASE_URL_EU: regionDbs.EU, DATABASE_URL_US: regionDbs.US };

  const config = loadServerConfig({
    JWT_SECRET: secrets.JWT_SECRET,
    PASSWORD_PEPPER: secrets.PASSWORD_PEPPER,
    UNSUBSCRIBE_SECRET: secrets.UNSUBSCRIBE_SECRET,
    ...(env.VAULT_KEYS ? {} : { VAULT_KEYS_FILE: vaultKeysFile }),
    TLS_CERT_FILE: tls.certFile,
    TLS_KEY_FILE: tls.keyFile,
    PUBLIC_URL: `https://localhost:${launcher.PORT}`,
    HTTP_REDIRECT_PORT: String(launcher.HTTP_REDIRECT_PORT),
    NODE_ENV: "development",
    ...env,
    PORT: String(launcher.PORT),
    DATABASE_URL: databaseUrl,
    ...regionUrls,
  });
  // PGlite runs one backend that makes other connections wait while a transaction is open: one connection.
  const server = await startServer(config, { maxConnections: embedded ? 1 : 10 });
  // The worker (scheduler, sender, imports) in the same process: one command runs all of MailFlow on one machine.
  const worker = await createWorker(
    loadWorkerConfig({
      // Outside the database, so a restore of the database cannot roll it back (see docs/operations.md).
      ERASURE_LEDGER_FILE: path.join(launcher.dataDir, "erasure-ledger.jsonl"),
      ...env,
      DATABASE_URL: databaseUrl,
      ...regionUrls,
      UNSUBSCRIBE_SECRET: config.UNSUBSCRIBE_SECRET,
      PUBLIC_URL: config.PUBLIC_URL,
      ...(env.VAULT_KEYS ? {} : { VAULT_KEYS_FILE: vaultKeysFile }),
    }),
    { maxConnections: embedded ? 1 : 4 },
  );
  worker.start();
  console.log(
    [
      "",
      `MailFlow is running at ${config.PUBLIC_URL} (API, dashboard and worker)`,
      `  database: ${embedded ? `embedded PostgreSQL (PGlite) in ${path.join(launcher.dataDir, "pg")}` : "DATABASE_URL"}`,
      `  regions: ${regionDbs.description}`,
      `  certificate: self-signed for localhost (${tls.certFile}); your browser will ask you to trust it`,
      "  stop with Ctrl+C",
      "",
    ].join("\n"),
  );
  const stop = async () => {
    await worker.stop();
    await server.close();
    await regionDbs.stop();
    await embedded?.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

startLocal().catch(exitOnStartupError);
