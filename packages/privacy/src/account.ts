import type { DbOrTx, Region, Tx } from "@mailflow/db";
import { PrivacyError } from "./errors.ts";
import type { Sections } from "./zip.ts";

/**
 * Everything MailFlow holds about a user's account: the profile, memberships, signed-in devices, API keys (name,
 * prefix and dates: never the hash), invitations they sent and the audit events they caused, in every workspace.
 */
export async function findAccountRecords(
  db: DbOrTx,
  userId: string,
  /** Region databases other than `db` (data residency): the user's events in workspaces' trails there. */
  regionDbs: readonly DbOrTx[] = [],
): Promise<Sections> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, platformAdmin: true, createdAt: true, updatedAt: true },
  });
  if (!user) throw new PrivacyError("NOT_FOUND", "The account no longer exists.");
  const [memberships, sessions, apiKeys, invitations, events] = await Promise.all([
    db.membership.findMany({
      where: { userId },
      select: { role: true, createdAt: true, workspace: { select: { id: true, name: true, region: true } } },
    }),
    db.session.findMany({
      where: { userId },
      select: {
        id: true,
        transport: true,
        ip: true,
        userAgent: true,
        createdAt: true,
        expiresAt: true,
        revokedAt: true,
      },
      orderBy: { createdAt: "asc" },
    }),
    db.apiKey.findMany({
      where: { createdById: userId },
      select: {
        id: true,
        workspaceId: true,
        name: true,
        prefix: true,
        createdAt: true,
        lastUsedAt: true,
        revokedAt: true,
      },
    }),
    db.invitation.findMany({
      where: { invitedById: userId },
      select: {
        id: true,
        workspaceId: true,
        email: true,
        role: true,
        createdAt: true,
        acceptedAt: true,
        revokedAt: true,
      },
    }),
    eventsOf(db, userId),
  ]);
  const elsewhere = await Promise.all(regionDbs.map((region) => eventsOf(region, userId)));
  return {
    profile: [user],
    memberships: memberships.map(({ workspace, ...m }) => ({
      ...m,
      workspaceId: workspace.id,
      workspaceName: workspace.name,
      region: workspace.region,
    })),
    sessions,
    apiKeys,
    invitationsSent: invitations,
    events: [...events, ...elsewhere.flat()],
  };
}

/** The audit events a user caused or that are about them, in one database. */
function eventsOf(db: DbOrTx, userId: string) {
  return db.auditEvent.findMany({
    where: { OR: [{ actorId: userId }, { targetId: userId }] },
    select: {
      id: true,
      workspaceId: true,
      action: true,
      targetType: true,
      targetId: true,
      ip: true,
      userAgent: true,
      metadata: true,
      createdAt: true,
    },
    orderBy: { id: "asc" },
  });
}

/**
 * Whether the account can be deleted now, and what goes with it: a workspace the user owns alone while others are
 * members would be left without an owner, so that refuses (hand ownership over first); a workspace the user is the
 * only member of is deleted with the account.
 */
export async function planAccountDeletion(
  db: DbOrTx,
  userId: string,
): Promise<{ workspacesDeleted: { id: string; region: Region }[] }> {
  const memberships = await db.membership.findMany({
    where: { userId },
    select: {
      role: true,
      workspace: {
        select: { id: true, name: true, region: true, memberships: { select: { userId: true, role: true } } },
      },
    },
  });
  const workspacesDeleted: { id: string; region: Region }[] = [];
  for (const { role, workspace } of memberships) {
    const others = workspace.memberships.filter((m) => m.userId !== userId);
    if (others.length === 0) workspacesDeleted.push({ id: workspace.id, region: workspace.region });
    else if (role === "OWNER" && !others.some((m) => m.role === "OWNER"))
      throw new PrivacyError(
        "LAST_OWNER",
        `You are the only owner of "${workspace.name}", which has other members. Make one of them an owner (or remove them) first.`,
      );
  }
  return { workspacesDeleted };
}

/**
 * Deletes the account in the caller's transaction: the user (with memberships, sessions, API keys and invitations
 * they created), invitations addressed to them, and the workspaces only they belonged to (with everything in them).
 * Audit events keep the user's id, never the address.
 */
export async function deleteAccount(
  tx: Tx,
  userId: string,
): Promise<{ workspacesDeleted: { id: string; region: Region }[]; email: string }> {
  const { workspacesDeleted } = await planAccountDeletion(tx, userId);
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  await tx.invitation.deleteMany({ where: { email: { equals: user.email, mode: "insensitive" } } });
  await tx.workspace.deleteMany({ where: { id: { in: workspacesDeleted.map((w) => w.id) } } });
  await tx.user.delete({ where: { id: userId } });
  return { workspacesDeleted, email: user.email };
}
