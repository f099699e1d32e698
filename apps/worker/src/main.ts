// `pnpm --filter @mailflow/worker start`: the worker process (scheduler, sender, recovery). Run as many as you like
// against one database; each holds its own locks and the scheduler runs in one of them at a time.
import { loadBackupSettings, openBackups } from "@mailflow/backup";
import { ConfigError, loadWorkerConfig } from "@mailflow/config";
import { VaultError } from "@mailflow/vault";
import { createWorker } from "./worker.ts";

async function main() {
  let worker: Awaited<ReturnType<typeof createWorker>>;
  try {
    const config = loadWorkerConfig();
    const backups = config.BACKUP_ENABLED ? openBackups(loadBackupSettings()) : null;
    worker = await createWorker(config, { backups });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof VaultError) {
      console.error(error instanceof VaultError ? `Vault: ${error.message}` : error.message);
      process.exit(78);
    }
    throw error;
  }
  worker.start();
  console.log("MailFlow worker running");
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void worker.stop().then(() => process.exit(0)));
  }
}

await main();
