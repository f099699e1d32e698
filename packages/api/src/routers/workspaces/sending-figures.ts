import type { DbOrTx } from "@mailflow/db";

export interface SendingFigures {
  inboxes: { active: number; paused: number; error: number };
  /** Messages queued or being sent now. */
  queueDepth: number;
}

/**
 * Inboxes by state and queue depth for each of `workspaceIds`, in two queries whatever their number: the owner's
 * health card (one workspace) and the operators' list (a page of them) read the same figures.
 */
export async function sendingFigures(db: DbOrTx, workspaceIds: string[]): Promise<Map<string, SendingFigures>> {
  const [inboxes, queued] = await Promise.all([
    db.inbox.groupBy({ by: ["workspaceId", "status"], where: { workspaceId: { in: workspaceIds } }, _count: true }),
    db.$queryRaw<{ workspaceId: string; count: bigint }[]>`
      SELECT "workspaceId", count(*) AS count FROM "Message"
      WHERE "workspaceId" = ANY(${workspaceIds}::uuid[]) AND "status" IN ('QUEUED', 'SENDING')
      GROUP BY 1`,
  ]);
  const count = (workspaceId: string, status: string) =>
    inboxes.find((g) => g.workspaceId === workspaceId && g.status === status)?._count ?? 0;
  return new Map(
    workspaceIds.map((id) => [
      id,
      {
        inboxes: { active: count(id, "ACTIVE"), paused: count(id, "PAUSED"), error: count(id, "ERROR") },
        queueDepth: Number(queued.find((q) => q.workspaceId === id)?.count ?? 0),
      },
    ]),
  );
}
