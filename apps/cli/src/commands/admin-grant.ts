import { record } from "@mailflow/audit";
import type { Db } from "@mailflow/db";

/**
 * Makes an account a platform operator (or stops it being one). Only from the operator's shell, never through the
 * API: no request, however authenticated, can grant itself more power. Recorded in the account's audit chain.
 */
export async function adminGrant(db: Db, email: string | undefined, grant: boolean, log: (line: string) => void) {
  if (!email) {
    log(`usage: mailflow admin:${grant ? "grant" : "revoke"} <email>`);
    return 2;
  }
  const address = email.trim().toLowerCase();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: address } });
    if (!user) {
      log(`no account with the email ${address}`);
      return 1;
    }
    if (user.platformAdmin === grant) {
      log(`${address} ${grant ? "is already" : "is not"} a platform operator`);
      return 0;
    }
    await tx.user.update({ where: { id: user.id }, data: { platformAdmin: grant } });
    await record(tx, {
      action: grant ? "admin.granted" : "admin.revoked",
      actor: { type: "system" },
      target: { type: "user", id: user.id },
      metadata: { via: "cli" },
    });
    log(`${address} ${grant ? "is now" : "is no longer"} a platform operator`);
    return 0;
  });
}
