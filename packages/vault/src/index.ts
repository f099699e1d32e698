export { VaultError, type VaultErrorCode } from "./errors.ts";
export { KEY_BYTES, type KeyRing, keyRingSchema, parseKeyRing } from "./key-ring.ts";
export { keyIdOf, Vault } from "./vault.ts";
