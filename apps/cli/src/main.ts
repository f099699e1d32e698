#!/usr/bin/env -S node --import tsx
// Operator commands: `pnpm mailflow <command>`. Reads DATABASE_URL (and the vault key ring where needed).
import { ConfigError, loadCliConfig } from "@mailflow/config";
import { createDb } from "@mailflow/db";
import { VaultError } from "@mailflow/vault";
import { adminGrant } from "./commands/admin-grant.ts";
import { auditVerify } from "./commands/audit-verify.ts";
import { vaultRotate } from "./commands/vault-rotate.ts";

const usage = `usage: mailflow <command>
  vault:rotate    re-seal every stored secret under the current vault key (resumable)
  audit:verify    check every audit hash chain and report the first broken link
  admin:grant E   make the account with email E a platform operator (the desktop app's admin screens)
  admin:revoke E  take that back`;

const commands = ["vault:rotate", "audit:verify", "admin:grant", "admin:revoke"] as const;
type Command = (typeof commands)[number];
const isCommand = (c: string | undefined): c is Command => (commands as readonly (string | undefined)[]).includes(c);

async function run(command: string | undefined, argument: string | undefined): Promise<number> {
  if (!isCommand(command)) {
    console.error(usage);
    return 2;
  }
  const config = loadCliConfig();
  const db = createDb(config.DATABASE_URL, { maxConnections: 2 });
  try {
    const log = (line: string) => console.log(line);
    switch (command) {
      case "vault:rotate":
        return await vaultRotate(db, config, log);
      case "audit:verify":
        return await auditVerify(db, log);
      case "admin:grant":
      case "admin:revoke":
        return await adminGrant(db, argument, command === "admin:grant", log);
    }
  } finally {
    await db.$disconnect();
  }
}

run(process.argv[2], process.argv[3]).then(
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
