import type PgBoss from "pg-boss";

export interface JobLoopOptions<T> {
  boss: PgBoss;
  queue: string;
  /** Jobs handled at once by this process. */
  concurrency: number;
  /** Wait between fetches when the queue is empty. */
  pollMs: number;
  handle(data: T): Promise<void>;
  onError(error: unknown): void;
}

/**
 * `concurrency` loops that each fetch one job, run it and complete (or fail, so pg-boss retries) it. Unlike
 * boss.work(), a loop that found a job fetches again at once, so a busy queue drains at the speed of the handler.
 */
export function startJobLoop<T extends object>(options: JobLoopOptions<T>): { stop(): Promise<void> } {
  let stopping = false;
  const sleepers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  async function loop() {
    while (!stopping) {
      let job: PgBoss.Job<T> | undefined;
      try {
        [job] = await options.boss.fetch<T>(options.queue, { batchSize: 1 });
      } catch (error) {
        options.onError(error);
      }
      if (!job) {
        if (!stopping) await sleep(options.pollMs);
        continue;
      }
      try {
        await options.handle(job.data);
        await options.boss.complete(options.queue, job.id);
      } catch (error) {
        options.onError(error);
        await options.boss
          .fail(options.queue, job.id, { message: error instanceof Error ? error.message : String(error) })
          .catch(options.onError);
      }
    }
  }

  const loops = Array.from({ length: options.concurrency }, () => loop());
  return {
    async stop() {
      stopping = true;
      for (const wake of [...sleepers]) wake();
      await Promise.all(loops);
    },
  };
}
