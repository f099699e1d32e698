import { record } from "@mailflow/audit";
import type { Region, Tx, User } from "@mailflow/db";
import type { Context } from "../context.ts";
import { placeNewWorkspace } from "../procedures/directory-change.ts";
import { requestFacts } from "../routers/shared.ts";

/**
 * A new account and its first workspace (owned by it, in its region), audited as auth.signed_up and
 * workspace.created, in the caller's transaction: sign-up with a password and Google sign-in share it.
 */
export async function createAccount(
  ctx: Context,
  tx: Tx,
  account: {
    email: string;
    name: string;
    passwordHash: string;
    googleSubject?: string;
    workspaceName?: string | undefined;
    region?: Region;
  },
): Promise<User> {
  const { workspaceName, region, ...fields } = account;
  const user = await tx.user.create({ data: fields });
  const workspace = await tx.workspace.create({
    data: {
      name: workspaceName ?? `${account.name}'s workspace`,
      ...(region ? { region } : {}),
      memberships: { create: { userId: user.id, role: "OWNER" } },
    },
  });
  const actor = { type: "user", id: user.id } as const;
  await record(tx, {
    action: "auth.signed_up",
    actor,
    target: { type: "user", id: user.id },
    ...(account.googleSubject ? { metadata: { method: "google" } } : {}),
    ...requestFacts(ctx),
  });
  await placeNewWorkspace(ctx.deps.regions, tx, workspace, {
    action: "workspace.created",
    actor,
    workspaceId: workspace.id,
    target: { type: "workspace", id: workspace.id },
    metadata: { region: workspace.region },
    ...requestFacts(ctx),
  });
  return user;
}
