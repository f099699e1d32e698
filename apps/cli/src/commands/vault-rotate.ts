import type { CliConfig } from "@mailflow/config";
import type { Db } from "@mailflow/db";
import { loadKeyRing, rotateSealedValues } from "@mailflow/secrets";
import { Vault, VaultError } from "@mailflow/vault";

/**
 * Re-seals every stored secret under the key ring's current key. Resumable: interrupt it at any point and run it
 * again. Afterwards `findMissingKeys` with only the current key is empty, so old keys can leave the ring.
 */
export async function vaultRotate(db: Db, config: CliConfig, log: (line: string) => void): Promise<number> {
  if (!config.VAULT_KEYS && !config.VAULT_KEYS_FILE) {
    throw new VaultError("INVALID_KEY_RING", "set VAULT_KEYS or VAULT_KEYS_FILE to the key ring (with the old keys)");
  }
  const vault = new Vault(loadKeyRing(config));
  log(`re-sealing under vault key "${vault.currentKeyId}"...`);
  const report = await rotateSealedValues(db, vault, { onProgress: (done) => log(`  ${done} re-sealed`) });
  log(`done: ${report.resealed} re-sealed, ${report.skipped} changed meanwhile (run again to pick them up)`);
  return report.skipped === 0 ? 0 : 75; // EX_TEMPFAIL: run again
}
