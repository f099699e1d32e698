import { createHash, randomBytes, randomInt } from "node:crypto";

/** API keys look like `mf_<8-char prefix>_<43-char secret>`; only the prefix is stored in plaintext. */
const PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const PREFIX_LENGTH = 8;
const KEY_PATTERN = /^mf_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

export interface ParsedApiKey {
  prefix: string;
  secret: string;
}

export function generateApiKey(): { key: string } & ParsedApiKey {
  let prefix = "";
  for (let i = 0; i < PREFIX_LENGTH; i++) prefix += PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)];
  const secret = randomBytes(32).toString("base64url");
  return { key: `mf_${prefix}_${secret}`, prefix, secret };
}

export function parseApiKey(key: string): ParsedApiKey | null {
  const match = KEY_PATTERN.exec(key);
  return match ? { prefix: match[1]!, secret: match[2]! } : null;
}

export const looksLikeApiKey = (bearer: string) => bearer.startsWith("mf_");

/** Cache key: a digest of the whole key, so the cache never holds a usable secret. */
export const apiKeyDigest = (key: string) => createHash("sha256").update(key).digest("base64url");
