import { startThrowawayCluster, type ThrowawayCluster } from "@mailflow/backup/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDueBackup } from "./backups/run-due-backup.ts";
import { MessageLocks } from "./sender/message-locks.ts";

/** The worker's daily backup job against a real cluster and pgBackRest repository of the test's own. */
let cluster: ThrowawayCluster;
let locks: MessageLocks;
const lines: string[] = [];
const log = {
  info: (m: string) => lines.push(m),
  warn: (m: string) => lines.push(m),
  error: (m: string) => lines.push(m),
};

beforeAll(async () => {
  cluster = await startThrowawayCluster();
  locks = await MessageLocks.connect(cluster.databaseUrl, () => {});
}, 120_000);

afterAll(async () => {
  await locks?.close();
  await cluster?.stop();
});

describe("the daily backup job", () => {
  it("takes a full backup first, nothing more the same day, a differential the next day", async () => {
    const deps = { backups: cluster.backups, locks, log };
    expect(await runDueBackup(deps)).toBe("full");
    expect(await runDueBackup(deps)).toBeNull();
    expect(await runDueBackup(deps, new Date(Date.now() + 25 * 3600 * 1000))).toBe("diff");
    const taken = await cluster.backups.pgbackrest.backups();
    expect(taken.map((b) => b.type)).toEqual(["full", "diff"]);
    expect(lines.join("\n")).toMatch(/full backup taken in .* s\n.*diff backup taken/);
  }, 180_000);
});
