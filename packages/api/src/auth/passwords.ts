import { createHmac } from "node:crypto";
import bcrypt from "bcrypt";

export const BCRYPT_COST = 12;

/**
 * bcrypt reads only the first 72 bytes of its input, so two long passwords sharing a prefix would be
 * interchangeable. We hash HMAC-SHA256(pepper, password) instead: 44 base64 characters, always under the limit,
 * and the pepper (kept in config, not the database) makes a stolen table useless on its own.
 */
export class PasswordHasher {
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly pepper: string) {}

  private prehash(password: string): string {
    return createHmac("sha256", this.pepper).update(password, "utf8").digest("base64");
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(this.prehash(password), BCRYPT_COST);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(this.prehash(password), hash);
  }

  /** Spends the same time as a real verify, so an unknown email cannot be told apart by timing. */
  async verifyAgainstNothing(password: string): Promise<false> {
    this.dummyHash ??= bcrypt.hash("no-such-user-placeholder", BCRYPT_COST);
    await bcrypt.compare(this.prehash(password), await this.dummyHash);
    return false;
  }
}
