import type { Db } from "@mailflow/db";
import bcrypt from "bcrypt";
import { apiKeyDigest, parseApiKey } from "./api-key-format.ts";
import { BCRYPT_COST } from "./passwords.ts";

export interface ApiKeyIdentity {
  apiKeyId: string;
  workspaceId: string;
  userId: string;
}

const MAX_CACHED_KEYS = 10_000;
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Verifies `mf_` API keys. bcrypt (cost 12, ~250 ms) on every request would make each API call slow and a CPU
 * denial-of-service, so a verified key is remembered by the SHA-256 of the whole key for a short TTL.
 * The key row is still read on every request (one primary-key lookup), so a revocation, on any instance,
 * takes effect at once; `forget` also drops this instance's cache entry.
 */
export class ApiKeyAuthenticator {
  private readonly verified = new Map<string, { apiKeyId: string; expiresAt: number }>();
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly db: Db,
    private readonly cacheTtlMs: number,
  ) {}

  async authenticate(key: string): Promise<ApiKeyIdentity | null> {
    const parsed = parseApiKey(key);
    if (!parsed) return null;
    const digest = apiKeyDigest(key);
    const cached = this.verified.get(digest);
    const row =
      cached && cached.expiresAt > Date.now()
        ? await this.db.apiKey.findUnique({ where: { id: cached.apiKeyId } })
        : await this.verifyAndRemember(parsed.prefix, parsed.secret, digest);
    if (!row || row.revokedAt) return null;
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
    }
    return { apiKeyId: row.id, workspaceId: row.workspaceId, userId: row.createdById };
  }

  forget(apiKeyId: string): void {
    for (const [digest, entry] of this.verified) if (entry.apiKeyId === apiKeyId) this.verified.delete(digest);
  }

  private async verifyAndRemember(prefix: string, secret: string, digest: string) {
    const row = await this.db.apiKey.findUnique({ where: { prefix } });
    if (!row) {
      // Same work as a real check, so a caller cannot learn which prefixes exist from response times.
      this.dummyHash ??= bcrypt.hash("no-such-api-key", BCRYPT_COST);
      await bcrypt.compare(secret, await this.dummyHash);
      return null;
    }
    if (!(await bcrypt.compare(secret, row.secretHash))) return null;
    if (this.verified.size >= MAX_CACHED_KEYS) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(digest, { apiKeyId: row.id, expiresAt: Date.now() + this.cacheTtlMs });
    return row;
  }
}
