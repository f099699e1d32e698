import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const names = ["JWT_SECRET", "PASSWORD_PEPPER", "UNSUBSCRIBE_SECRET"] as const;
export type LocalSecrets = Record<(typeof names)[number], string>;

/**
 * Secrets for a local install, generated once into the data dir (mode 0600) so sessions and password hashes
 * survive restarts. A production deploy provides its own through the environment instead.
 */
export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  const existing: Partial<LocalSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  // A data dir from an older version lacks the newer secrets: add them, keep the others (sessions, hashes).
  if (names.every((name) => existing[name])) return existing as LocalSecrets;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secrets = Object.fromEntries(
    names.map((name) => [name, existing[name] ?? randomBytes(48).toString("base64")]),
  ) as LocalSecrets;
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * The vault key ring for a local install, in its own file (mode 0600) beside, not inside, the database.
 * A production deploy keeps it on another volume or in a secret store and passes VAULT_KEYS_FILE or VAULT_KEYS.
 */
export function loadOrCreateLocalVaultKeys(dataDir: string): string {
  const file = path.join(dataDir, "vault-keys.json");
  if (existsSync(file)) return file;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const keyId = `k${new Date().toISOString().slice(0, 10).replaceAll("-", "")}`;
  writeFileSync(
    file,
    JSON.stringify({ current: keyId, keys: { [keyId]: randomBytes(32).toString("base64") } }, null, 2),
    {
      mode: 0o600,
    },
  );
  return file;
}
