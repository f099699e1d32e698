import { readFileSync } from "node:fs";
import { type KeyRing, parseKeyRing, VaultError } from "@mailflow/vault";

/** Reads the key ring from VAULT_KEYS (inline JSON) or VAULT_KEYS_FILE, as config validated. */
export function loadKeyRing(source: {
  VAULT_KEYS?: string | undefined;
  VAULT_KEYS_FILE?: string | undefined;
}): KeyRing {
  let text: string;
  try {
    text = source.VAULT_KEYS ?? readFileSync(source.VAULT_KEYS_FILE!, "utf8");
  } catch {
    throw new VaultError("INVALID_KEY_RING", `cannot read VAULT_KEYS_FILE (${source.VAULT_KEYS_FILE})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new VaultError("INVALID_KEY_RING", "the vault key ring is not valid JSON");
  }
  return parseKeyRing(json);
}
