import { type CreateDbOptions, createDb, type Db, type DbOrTx } from "./client.ts";
import type { Region } from "./generated/prisma/client.ts";

export const regions: readonly Region[] = ["EU", "US"];

/** The database settings of a process's configuration (packages/config's databaseUrlFields). */
export interface DatabaseUrls {
  DATABASE_URL: string;
  DATABASE_URL_EU?: string | undefined;
  DATABASE_URL_US?: string | undefined;
}

/** Each configured database once, the global one first: what migrations, workers and the restore go through. */
export const distinctDatabaseUrls = (config: DatabaseUrls): string[] =>
  [...new Set([config.DATABASE_URL, config.DATABASE_URL_EU, config.DATABASE_URL_US])].filter((u): u is string =>
    Boolean(u),
  );

/**
 * The databases of an installation. `global` holds what is not any one workspace's: users, sessions, memberships,
 * API keys, invitations, the workspace directory (each workspace's name, region and plan), account-level audit
 * events and data requests. Each region's database holds everything a workspace of that region owns (inboxes,
 * leads, campaigns, messages, replies, webhooks, suppression, its audit trail), plus a copy of its directory entry
 * that the rows' foreign keys point at. A region without its own URL keeps its data in the global database (a
 * single-database installation), so `of(region)` may be `global` itself.
 */
export class RegionalDbs {
  private constructor(
    readonly global: Db,
    private readonly byRegion: Record<Region, Db>,
  ) {}

  static connect(
    urls: { global: string; EU?: string | undefined; US?: string | undefined },
    options: CreateDbOptions = {},
  ): RegionalDbs {
    const global = createDb(urls.global, options);
    const open = (url: string | undefined) => (url && url !== urls.global ? createDb(url, options) : global);
    const eu = open(urls.EU);
    const us = urls.US && urls.US === urls.EU ? eu : open(urls.US);
    return new RegionalDbs(global, { EU: eu, US: us });
  }

  static fromConfig(config: DatabaseUrls, options: CreateDbOptions = {}): RegionalDbs {
    return RegionalDbs.connect(
      { global: config.DATABASE_URL, EU: config.DATABASE_URL_EU, US: config.DATABASE_URL_US },
      options,
    );
  }

  /** Every region in the global database: what a single-database installation and most tests use. */
  static single(db: Db): RegionalDbs {
    return new RegionalDbs(db, { EU: db, US: db });
  }

  of(region: Region): Db {
    return this.byRegion[region];
  }

  /** True when the region's rows live in the global database (then the directory entry is the region's row too). */
  isGlobal(region: Region): boolean {
    return this.byRegion[region] === this.global;
  }

  /** The region's database for a workspace, from the global directory; null when the workspace does not exist. */
  async forWorkspace(workspaceId: string, db: DbOrTx = this.global): Promise<{ region: Region; db: Db } | null> {
    const row = await db.workspace.findUnique({ where: { id: workspaceId }, select: { region: true } });
    return row ? { region: row.region, db: this.of(row.region) } : null;
  }

  /** Each distinct database once: the global one first, then the regions' own. */
  distinct(): Db[] {
    return [...new Set([this.global, this.byRegion.EU, this.byRegion.US])];
  }

  /** The regions whose rows live in this database. */
  regionsIn(db: Db): Region[] {
    return regions.filter((r) => this.byRegion[r] === db);
  }

  async disconnect(): Promise<void> {
    await Promise.all(this.distinct().map((db) => db.$disconnect()));
  }
}

/**
 * Copies a workspace's directory entry (name, region, plan, sender identity, erasure salt) from the global database
 * into its region's database, creating or updating the copy; nothing to do where the region is the global database.
 * Called after every change to the entry.
 */
export async function syncWorkspaceCopy(dbs: RegionalDbs, workspaceId: string): Promise<void> {
  const entry = await dbs.global.workspace.findUnique({ where: { id: workspaceId } });
  if (!entry || dbs.isGlobal(entry.region)) return;
  const { id, updatedAt: _u, ...fields } = entry;
  await dbs.of(entry.region).workspace.upsert({ where: { id }, create: { id, ...fields }, update: fields });
}
