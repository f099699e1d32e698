import { type Db, sealedColumns } from "@mailflow/db";
import { type Vault, VaultError } from "@mailflow/vault";

/** Key ids that stored values were sealed with but this process does not hold. */
export async function findMissingKeys(db: Db, vault: Vault): Promise<string[]> {
  const missing = new Set<string>();
  for (const { table, column } of sealedColumns) {
    // Sealed values read `v1.<keyId>.…`: the key id is the second dot-separated part.
    const rows = await db.$queryRawUnsafe<{ key_id: string }[]>(
      `SELECT DISTINCT split_part("${column}", '.', 2) AS key_id FROM "${table}" WHERE "${column}" IS NOT NULL`,
    );
    for (const { key_id } of rows) if (!vault.hasKey(key_id)) missing.add(key_id);
  }
  return [...missing].sort();
}

/** Called at start-up: better to refuse to start than to fail on the first send hours later. */
export async function assertVaultHoldsAllKeys(db: Db, vault: Vault): Promise<void> {
  const missing = await findMissingKeys(db, vault);
  if (missing.length > 0) {
    throw new VaultError(
      "UNKNOWN_KEY",
      `stored credentials are sealed with vault key(s) ${missing.map((k) => `"${k}"`).join(", ")}, which this process does not have. Add them to the key ring (VAULT_KEYS or VAULT_KEYS_FILE); remove a key only after vault:rotate.`,
    );
  }
}
