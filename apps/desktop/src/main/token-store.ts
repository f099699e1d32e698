import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** Electron's safeStorage, as much of it as this needs (a fake in unit tests). */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export interface StoredSession {
  serverUrl: string;
  method: "password" | "apiKey";
  label: string;
  /** A session JWT or an API key: sealed by the OS keychain (safeStorage) on disk, never written in clear. */
  token: string;
}

const fileSchema = z.object({
  version: z.literal(1),
  serverUrl: z.string(),
  method: z.enum(["password", "apiKey"]),
  label: z.string(),
  sealedToken: z.string(),
});

/**
 * Keeps the signed-in session across restarts: a file in the app's user-data folder (mode 0600) whose token is
 * encrypted with the OS keychain through safeStorage. Where the OS offers no keychain, nothing is written: the
 * session lasts until the app quits, rather than a token sitting on disk in a form anyone could read.
 */
export class TokenStore {
  private memory: StoredSession | null = null;

  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher,
  ) {}

  load(): StoredSession | null {
    if (this.memory) return this.memory;
    if (!existsSync(this.file) || !this.cipher.isEncryptionAvailable()) return null;
    try {
      const stored = fileSchema.parse(JSON.parse(readFileSync(this.file, "utf8")));
      const token = this.cipher.decryptString(Buffer.from(stored.sealedToken, "base64"));
      this.memory = { serverUrl: stored.serverUrl, method: stored.method, label: stored.label, token };
      return this.memory;
    } catch {
      // Unreadable or sealed by another user's keychain: start signed out, and drop the file.
      this.clear();
      return null;
    }
  }

  /** Returns whether the session was persisted (false: kept in memory only, no keychain). */
  save(session: StoredSession): boolean {
    this.memory = session;
    if (!this.cipher.isEncryptionAvailable()) return false;
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const sealedToken = this.cipher.encryptString(session.token).toString("base64");
    const { token: _token, ...rest } = session;
    writeFileSync(this.file, JSON.stringify({ version: 1, ...rest, sealedToken }), { mode: 0o600 });
    chmodSync(this.file, 0o600);
    return true;
  }

  clear(): void {
    this.memory = null;
    rmSync(this.file, { force: true });
  }
}
