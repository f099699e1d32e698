import { z } from "zod";
import { runAs } from "./run-as.ts";

/** What `pgbackrest info --output=json` says about one backup (the fields MailFlow reads). */
const backupInfoSchema = z.object({
  label: z.string(),
  type: z.enum(["full", "diff", "incr"]),
  timestamp: z.object({ start: z.number(), stop: z.number() }),
});
const stanzaInfoSchema = z.array(
  z.object({
    name: z.string(),
    status: z.object({ code: z.number(), message: z.string() }),
    backup: z.array(backupInfoSchema),
  }),
);
export type BackupInfo = z.infer<typeof backupInfoSchema>;

/** pgBackRest for one stanza, through its command line (the project's only interface to it). */
export class PgBackRest {
  constructor(private readonly options: { configPath: string; stanza: string; osUser?: string | undefined }) {}

  run(command: string, args: readonly string[] = []): Promise<string> {
    return runAs(this.options.osUser, "pgbackrest", [
      `--config=${this.options.configPath}`,
      `--stanza=${this.options.stanza}`,
      command,
      ...args,
    ]);
  }

  /** Creates the stanza in the repository (idempotent), then checks that WAL archiving reaches it. */
  async setUp(): Promise<void> {
    await this.run("stanza-create");
    await this.run("check");
  }

  /** A backup; pgBackRest expires what retention no longer needs right after it. */
  async backup(type: "full" | "diff"): Promise<void> {
    await this.run("backup", [`--type=${type}`]);
  }

  /** Checks every file of every backup and of the WAL archive against its checksum. */
  async verify(): Promise<void> {
    await this.run("verify");
  }

  async backups(): Promise<BackupInfo[]> {
    const parsed = stanzaInfoSchema.parse(JSON.parse(await this.run("info", ["--output=json"])));
    return parsed.find((s) => s.name === this.options.stanza)?.backup ?? [];
  }

  /**
   * Restores the (stopped) cluster's data directory to the moment `to`: the last backup before it, then the WAL up
   * to it; the cluster is promoted when it gets there. --delta reuses files that did not change.
   */
  async restoreTo(to: Date): Promise<void> {
    await this.run("restore", [
      "--delta",
      "--type=time",
      `--target=${postgresTimestamp(to)}`,
      "--target-action=promote",
    ]);
  }
}

/** "2026-11-29 10:15:00.000+00": the form recovery_target_time reads unambiguously. */
export const postgresTimestamp = (d: Date) => `${d.toISOString().replace("T", " ").replace("Z", "")}+00`;
