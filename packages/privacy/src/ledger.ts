import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import { ERASED_REASON, erasedHashSql } from "@mailflow/compliance";
import { type Db, Prisma, type Tx } from "@mailflow/db";
import { z } from "zod";
import { eraseSubject } from "./erase-subject.ts";

/**
 * One erasure, as the ledger keeps it: ids and a salted hash, never personal data. "subject": one address in one
 * workspace; "account": a user; "workspace": a workspace deleted with its last member's account.
 */
export const erasureEntrySchema = z.discriminatedUnion("scope", [
  z.object({
    scope: z.literal("subject"),
    workspaceId: z.uuid(),
    subjectHash: z.string().regex(/^[0-9a-f]{64}$/),
    erasedAt: z.iso.datetime(),
  }),
  z.object({ scope: z.literal("account"), userId: z.uuid(), erasedAt: z.iso.datetime() }),
  z.object({ scope: z.literal("workspace"), workspaceId: z.uuid(), erasedAt: z.iso.datetime() }),
]);
export type ErasureEntry = z.infer<typeof erasureEntrySchema>;

const rowOf = (entry: ErasureEntry) => ({
  scope: entry.scope,
  workspaceId: "workspaceId" in entry ? entry.workspaceId : null,
  subjectHash: "subjectHash" in entry ? entry.subjectHash : null,
  userId: "userId" in entry ? entry.userId : null,
  erasedAt: new Date(entry.erasedAt),
});

/** Writes the entry to the database's copy of the ledger, in the erasure's own transaction. */
export async function recordErasure(tx: Tx, entry: ErasureEntry): Promise<void> {
  await tx.erasureRecord.createMany({ data: [rowOf(entry)], skipDuplicates: true });
}

/**
 * The copy of the ledger that lives outside the database (ERASURE_LEDGER_FILE: on storage that a database restore
 * does not roll back, next to the backup repository), one JSON line per erasure, appended and flushed to disk after
 * the erasure commits. A restore replays it (replayErasures).
 */
export class LedgerFile {
  constructor(readonly path: string) {}

  append(entries: readonly ErasureEntry[]): void {
    if (entries.length === 0) return;
    const fd = openSync(this.path, "a", 0o600);
    try {
      writeSync(fd, entries.map((e) => `${JSON.stringify(erasureEntrySchema.parse(e))}\n`).join(""));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Every entry; a line that is not a valid entry stops the read with its line number (a ledger must be whole). */
  read(): ErasureEntry[] {
    if (!existsSync(this.path)) return [];
    return readFileSync(this.path, "utf8")
      .split("\n")
      .flatMap((line, index) => {
        if (line.trim() === "") return [];
        const parsed = erasureEntrySchema.safeParse(safeJson(line));
        if (!parsed.success) throw new Error(`${this.path}: line ${index + 1} is not an erasure entry`);
        return [parsed.data];
      });
  }
}

const safeJson = (line: string): unknown => {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
};

export interface ReplayReport {
  entries: number;
  /** Entries that found something to erase again (the restore had brought it back). */
  reapplied: number;
}

/**
 * Applies every entry again to a database that may have been restored to an earlier moment: an erased address is
 * found by its hash among the workspace's stored addresses and erased again, its hash re-entered in the suppression
 * list; a deleted account or workspace is deleted again; the database's own ledger gets back the entries it lost.
 * Idempotent: replaying twice changes nothing the second time.
 */
export async function replayErasures(db: Db, entries: readonly ErasureEntry[]): Promise<ReplayReport> {
  let reapplied = 0;
  for (const entry of entries) {
    const changed = await db.$transaction(
      async (tx) => {
        const found = await replayOne(tx, entry);
        await recordErasure(tx, entry);
        return found;
      },
      { timeout: 120_000 },
    );
    if (changed) reapplied++;
  }
  return { entries: entries.length, reapplied };
}

async function replayOne(tx: Tx, entry: ErasureEntry): Promise<boolean> {
  if (entry.scope === "account") {
    const user = await tx.user.findUnique({ where: { id: entry.userId }, select: { email: true } });
    if (!user) return false;
    await tx.invitation.deleteMany({ where: { email: { equals: user.email, mode: "insensitive" } } });
    await tx.user.delete({ where: { id: entry.userId } });
    return true;
  }
  if (entry.scope === "workspace") {
    const { count } = await tx.workspace.deleteMany({ where: { id: entry.workspaceId } });
    return count > 0;
  }
  const workspace = await tx.workspace.findUnique({ where: { id: entry.workspaceId }, select: { id: true } });
  if (!workspace) return false;
  const addresses = await addressesWithHash(tx, entry.workspaceId, entry.subjectHash);
  let changed = false;
  for (const address of addresses) {
    const { counts } = await eraseSubject(tx, entry.workspaceId, address);
    if (Object.values(counts).some((n) => n > 0)) changed = true;
  }
  const { count } = await tx.suppression.createMany({
    data: [{ workspaceId: entry.workspaceId, kind: "ERASED", value: entry.subjectHash, reason: ERASED_REASON }],
    skipDuplicates: true,
  });
  return changed || count > 0;
}

/** The workspace's stored addresses (leads, recipients, senders, suppression, invitations) whose hash is this one. */
async function addressesWithHash(tx: Tx, workspaceId: string, hash: string): Promise<string[]> {
  const ws = Prisma.sql`${workspaceId}::uuid`;
  const rows = await tx.$queryRaw<{ address: string }[]>`
    SELECT DISTINCT a.address FROM (
      SELECT "email" AS address FROM "Lead" WHERE "workspaceId" = ${ws}
      UNION SELECT lower("toEmail") FROM "Message" WHERE "workspaceId" = ${ws}
      UNION SELECT lower("fromEmail") FROM "InboundMessage" WHERE "workspaceId" = ${ws}
      UNION SELECT "value" FROM "Suppression" WHERE "workspaceId" = ${ws} AND "kind" = 'EMAIL'
      UNION SELECT lower("email") FROM "Invitation" WHERE "workspaceId" = ${ws}
    ) AS a, "Workspace" w
    WHERE w."id" = ${ws} AND ${erasedHashSql(Prisma.sql`w."erasureSalt"`, Prisma.sql`a.address`)} = ${hash}`;
  return rows.map((r) => r.address);
}
