import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface LocalSecrets {
  JWT_SECRET: string;
  PASSWORD_PEPPER: string;
}

/**
 * Secrets for a local install, generated once into the data dir (mode 0600) so sessions and password hashes
 * survive restarts. A production deploy provides its own through the environment instead.
 */
export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secrets: LocalSecrets = {
    JWT_SECRET: randomBytes(48).toString("base64"),
    PASSWORD_PEPPER: randomBytes(48).toString("base64"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
