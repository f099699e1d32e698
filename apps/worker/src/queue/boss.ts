import type { Tx } from "@mailflow/db";
import PgBoss from "pg-boss";

/** The job queues, in PostgreSQL (pg-boss, schema "pgboss"), on the same database as the data they act on. */
export const queues = {
  /** One job per Message row: { messageId }. */
  send: "send-message",
} as const;

export interface SendJob {
  messageId: string;
}

/**
 * Starts pg-boss and creates the queues (idempotent). A send job that its worker never finishes (a crash) comes
 * back after expireInSeconds; the sender's own state machine makes a repeat harmless.
 */
export async function startBoss(databaseUrl: string, options: { maxConnections?: number } = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 4,
    application_name: "mailflow-worker",
    // We run our own fast scheduler tick (cron here is minute-grained); pg-boss still supervises and archives.
    schedule: false,
  });
  boss.on("error", (error) => console.error(`pg-boss: ${error.message}`));
  await boss.start();
  await boss.createQueue(queues.send, {
    name: queues.send,
    retryLimit: 20,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 300,
  });
  return boss;
}

/**
 * Lets pg-boss write its job row through a Prisma transaction, so a job exists exactly when the row it acts on
 * does: the scheduler inserts a Message and its send job in ONE transaction.
 */
export function inTransaction(tx: Tx): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const rows = await tx.$queryRawUnsafe<unknown[]>(text, ...values);
      return { rows };
    },
  };
}

export function enqueueSend(boss: PgBoss, tx: Tx, messageId: string, startAfter?: Date): Promise<string | null> {
  return boss.send(queues.send, { messageId } satisfies SendJob, {
    db: inTransaction(tx),
    ...(startAfter ? { startAfter } : {}),
  });
}
