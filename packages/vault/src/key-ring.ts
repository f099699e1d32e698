import { z } from "zod";
import { VaultError } from "./errors.ts";

export const KEY_BYTES = 32;
const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * The keys the process holds: 32 random bytes each, named by an id that sealed values carry. One is current
 * (used to seal); the others only open older values until `vault:rotate` has re-sealed them.
 */
export interface KeyRing {
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export const keyRingSchema = z.object({
  current: z.string().regex(keyIdPattern, "key ids are 1-32 letters, digits, _ or -"),
  keys: z.record(z.string().regex(keyIdPattern, "key ids are 1-32 letters, digits, _ or -"), z.string()),
});

/** Parses `{ current, keys: { id: base64 } }` and checks every key is exactly 32 bytes. */
export function parseKeyRing(input: unknown): KeyRing {
  const parsed = keyRingSchema.safeParse(input);
  if (!parsed.success) throw new VaultError("INVALID_KEY_RING", `vault keys: ${parsed.error.issues[0]?.message}`);
  const keys = new Map<string, Buffer>();
  for (const [id, encoded] of Object.entries(parsed.data.keys)) {
    const key = Buffer.from(encoded, "base64");
    if (key.length !== KEY_BYTES || key.toString("base64") !== encoded.replace(/\s/g, "")) {
      throw new VaultError(
        "INVALID_KEY_RING",
        `vault key "${id}" must be ${KEY_BYTES} random bytes in base64 (openssl rand -base64 32)`,
      );
    }
    keys.set(id, key);
  }
  if (!keys.has(parsed.data.current)) {
    throw new VaultError("INVALID_KEY_RING", `the current vault key "${parsed.data.current}" is not among the keys`);
  }
  return { currentKeyId: parsed.data.current, keys };
}
