#!/usr/bin/env -S node --import tsx
// Operator commands: `pnpm mailflow <command>`. Reads DATABASE_URL (and the vault key ring where needed).
import { ConfigError, loadCliConfig } from "@mailflow/config";
import { createDb } from "@mailflow/db";
import { VaultError } from "@mailflow/vault";
import { auditVerify } from "./commands/audit-verify.ts";
import { vaultRotate } from "./commands/vault-rotate.ts";

const usage = `usage: mailflow <command>
  vault:rotate    re-seal every stored secret under the current vault key (resumable)
  audit:verify    check every audit hash chain and report the first broken link`;

async function run(command: string | undefined): Promise<number> {
  if (command !== "vault:rotate" && command !== "audit:verify") {
    console.error(usage);
    return 2;
  }
  const config = loadCliConfig();
  const db = createDb(config.DATABASE_URL, { maxConnections: 2 });
  try {
    const log = (line: string) => console.log(line);
    return command === "vault:rotate" ? await vaultRotate(db, config, log) : await auditVerify(db, log);
  } finally {
    await db.$disconnect();
  }
}

run(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof VaultError) {
      console.error(error.message);
      process.exit(78);
    }
    console.error(error);
    process.exit(1);
  },
);
