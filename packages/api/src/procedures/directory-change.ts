import { type AuditEventInput, record } from "@mailflow/audit";
import { type Db, type RegionalDbs, syncWorkspaceCopy, type Tx, type Workspace } from "@mailflow/db";

/**
 * A change to global rows (memberships, API keys, invitations, the workspace directory) and the audit events it
 * writes into the workspace's trail, which lives in the workspace's region database. Where both are one database
 * (a single-database installation, or a region kept in the global database) it is one transaction; otherwise the
 * change commits first and its events follow at once in the region's database.
 */
export async function changeDirectory<T>(
  dbs: { global: Db; region: Db },
  change: (tx: Tx) => Promise<{ result: T; audit: AuditEventInput[] }>,
): Promise<T> {
  if (dbs.global === dbs.region)
    return dbs.global.$transaction(async (tx) => {
      const { result, audit } = await change(tx);
      for (const event of audit) await record(tx, event);
      return result;
    });
  const { result, audit } = await dbs.global.$transaction(change);
  await dbs.region.$transaction(async (tx) => {
    for (const event of audit) await record(tx, event);
  });
  return result;
}

/** The two databases a workspace procedure works with (see procedures/workspace.ts). */
export const dbsOf = (ctx: { globalDb: Db; deps: { db: Db } }) => ({ global: ctx.globalDb, region: ctx.deps.db });

/** The same pair for a workspace named outside a workspace procedure (sign-up, an invitation, an operator). */
export async function dbsForWorkspace(regions: RegionalDbs, workspaceId: string) {
  const found = await regions.forWorkspace(workspaceId);
  return { global: regions.global, region: found?.db ?? regions.global };
}

/**
 * A workspace just created in the directory (inside the caller's global transaction) gets its copy in its region's
 * database and its first audit event there. Where the region is the global database the event joins the caller's
 * transaction.
 */
export async function placeNewWorkspace(
  regions: RegionalDbs,
  tx: Tx,
  workspace: Workspace,
  created: AuditEventInput,
): Promise<void> {
  if (regions.isGlobal(workspace.region)) return void (await record(tx, created));
  const { updatedAt: _u, ...fields } = workspace;
  await regions.of(workspace.region).$transaction(async (region) => {
    await region.workspace.create({ data: fields });
    await record(region, created);
  });
}

/** A change to a workspace's directory entry (name, plan, sender identity): global row, region copy, audit event. */
export async function updateDirectoryEntry(
  regions: RegionalDbs,
  workspaceId: string,
  change: (tx: Tx) => Promise<{ workspace: Workspace; audit: AuditEventInput[] }>,
): Promise<Workspace> {
  const workspace = await changeDirectory(await dbsForWorkspace(regions, workspaceId), async (tx) => {
    const { workspace, audit } = await change(tx);
    return { result: workspace, audit };
  });
  await syncWorkspaceCopy(regions, workspaceId);
  return workspace;
}
