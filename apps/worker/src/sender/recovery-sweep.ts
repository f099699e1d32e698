import { queues } from "../queue/boss.ts";
import type { SenderDeps } from "./deps.ts";
import { MessageBusyError, processSendJob } from "./send-message.ts";

/**
 * The safety net every worker runs every few seconds:
 *  - a message SENDING past the settle time whose sender is gone (its advisory lock is free) is recovered now,
 *    without waiting for pg-boss to expire the dead worker's job;
 *  - a QUEUED message that is overdue and has no live job gets a new one: its job was taken by a worker that died
 *    before claiming the message (pg-boss would hand that job out again only when it expires, minutes later), or
 *    was lost to an operator's cleanup. A job active for over a minute counts as dead; if it was not, the extra
 *    job finds the message claimed or done and does nothing.
 * Both are harmless to repeat: the sender acts only on the state it finds, under the message's lock.
 */
export async function sweepStuckMessages(deps: SenderDeps): Promise<{ recovered: number; requeued: number }> {
  const { db, settings } = deps;
  const stuck = await db.message.findMany({
    where: { status: "SENDING", sendingAt: { lt: new Date(Date.now() - settings.settleSeconds * 1000) } },
    select: { id: true },
    orderBy: { sendingAt: "asc" },
    take: 50,
  });
  let recovered = 0;
  for (const { id } of stuck) {
    if (deps.locks.isHeld(id)) continue;
    try {
      await processSendJob(deps, id);
      recovered++;
    } catch (error) {
      if (!(error instanceof MessageBusyError)) deps.log.warn(`recovery of message ${id} failed: ${String(error)}`);
    }
  }
  const orphans = await db.$queryRaw<{ id: string }[]>`
    SELECT m."id" FROM "Message" m
    WHERE m."status" = 'QUEUED' AND m."notBefore" < now() - interval '30 seconds'
      AND NOT EXISTS (SELECT 1 FROM pgboss.job j
                      WHERE j."name" = ${queues.send} AND j."data"->>'messageId' = m."id"::text
                        AND (j."state" IN ('created', 'retry')
                             OR (j."state" = 'active' AND j."started_on" > now() - interval '1 minute')))
    LIMIT 100`;
  for (const { id } of orphans) await deps.boss.send(queues.send, { messageId: id });
  return { recovered, requeued: orphans.length };
}
