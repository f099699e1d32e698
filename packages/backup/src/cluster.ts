import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { runAs } from "./run-as.ts";

/** The PostgreSQL cluster on this machine, driven with pg_ctl as its owner. */
export class LocalCluster {
  constructor(
    private readonly options: { binDir: string; dataDir: string; osUser?: string | undefined; logFile?: string },
  ) {}

  private pgCtl(args: string[]) {
    return runAs(this.options.osUser, path.join(this.options.binDir, "pg_ctl"), ["-D", this.options.dataDir, ...args]);
  }

  get running(): boolean {
    return existsSync(path.join(this.options.dataDir, "postmaster.pid"));
  }

  async stop(): Promise<void> {
    if (this.running) await this.pgCtl(["stop", "-m", "fast", "-w", "-t", "120"]);
  }

  async start(): Promise<void> {
    const log = this.options.logFile ?? path.join(this.options.dataDir, "startup.log");
    await this.pgCtl(["start", "-w", "-t", "300", "-l", log]);
  }
}

/** Waits until the server accepts connections and has left recovery (a restore promotes it at its target). */
export async function waitUntilPromoted(databaseUrl: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: databaseUrl });
    try {
      await client.connect();
      const { rows } = await client.query<{ recovering: boolean }>("SELECT pg_is_in_recovery() AS recovering");
      if (!rows[0]!.recovering) return;
    } catch {
      // starting up: try again
    } finally {
      await client.end().catch(() => {});
    }
    if (Date.now() > deadline) throw new Error("the restored cluster did not finish recovery in time");
    await new Promise((r) => setTimeout(r, 500));
  }
}
