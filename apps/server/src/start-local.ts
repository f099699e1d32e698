// `pnpm start`: MailFlow on one machine with nothing else installed. Uses DATABASE_URL when given, otherwise an
// embedded PostgreSQL (PGlite) in the data dir; generates secrets and a localhost certificate on first run.

import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadLauncherConfig, loadServerConfig, processEnv } from "@mailflow/config";
import { runMigrations } from "@mailflow/db";
import { startEmbeddedPostgres } from "@mailflow/embedded-db";
import { loadOrCreateLocalSecrets, loadOrCreateLocalVaultKeys } from "./local-secrets.ts";
import { exitOnStartupError, startServer } from "./main.ts";
import { ensureSelfSignedCertificate } from "./self-signed.ts";

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
  });
  // PGlite runs one backend that makes other connections wait while a transaction is open: one connection.
  const server = await startServer(config, { maxConnections: embedded ? 1 : 10 });
  console.log(
    [
      "",
      `MailFlow is running at ${config.PUBLIC_URL}`,
      `  database: ${embedded ? `embedded PostgreSQL (PGlite) in ${path.join(launcher.dataDir, "pg")}` : "DATABASE_URL"}`,
      `  certificate: self-signed for localhost (${tls.certFile}); your browser will ask you to trust it`,
      "  stop with Ctrl+C",
      "",
    ].join("\n"),
  );
  const stop = async () => {
    await server.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

startLocal().catch(exitOnStartupError);
