import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { VaultError } from "./errors.ts";
import type { KeyRing } from "./key-ring.ts";

const FORMAT_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = "aes-256-gcm";

/**
 * Seals secrets with AES-256-GCM. A sealed value is text: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts).
 * Every seal uses a fresh random 12-byte IV. The additional authenticated data binds the format version, the key id
 * and the caller's context (the owning record's id): a value copied to another row, or relabelled with another key
 * id, fails to open.
 */
export class Vault {
  constructor(private readonly ring: KeyRing) {}

  get currentKeyId(): string {
    return this.ring.currentKeyId;
  }

  hasKey(keyId: string): boolean {
    return this.ring.keys.has(keyId);
  }

  seal(plaintext: string, context: string): string {
    const keyId = this.ring.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.ring.keys.get(keyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aadOf(keyId, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [FORMAT_VERSION, keyId, iv, ciphertext, cipher.getAuthTag()]
      .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
      .join(".");
  }

  open(sealed: string, context: string): string {
    const { keyId, iv, ciphertext, tag } = parseSealed(sealed);
    const key = this.ring.keys.get(keyId);
    if (!key) throw new VaultError("UNKNOWN_KEY", `sealed with vault key "${keyId}", which this process does not have`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aadOf(keyId, context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
    } catch {
      throw new VaultError("AUTHENTICATION_FAILED", "a sealed value failed its integrity check (tampered or moved)");
    }
  }

  /** True when the value was sealed under a key other than the current one. */
  needsRotation(sealed: string): boolean {
    return keyIdOf(sealed) !== this.ring.currentKeyId;
  }
}

function aadOf(keyId: string, context: string): Buffer {
  return Buffer.from(`${FORMAT_VERSION}\0${keyId}\0${context}`, "utf8");
}

export function keyIdOf(sealed: string): string {
  return parseSealed(sealed).keyId;
}

function parseSealed(sealed: string) {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== FORMAT_VERSION) {
    throw new VaultError("MALFORMED", "not a sealed value of a known format");
  }
  const [, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  const decoded = {
    keyId,
    iv: Buffer.from(iv, "base64url"),
    ciphertext: Buffer.from(ciphertext, "base64url"),
    tag: Buffer.from(tag, "base64url"),
  };
  if (decoded.iv.length !== IV_BYTES || decoded.tag.length !== TAG_BYTES) {
    throw new VaultError("MALFORMED", "not a sealed value of a known format");
  }
  return decoded;
}
