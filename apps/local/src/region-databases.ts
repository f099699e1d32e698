import path from "node:path";
import { runMigrations } from "@mailflow/db";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@mailflow/embedded-db";
import pg from "pg";

export interface RegionDatabases {
  EU: string;
  US: string;
  /** How they are laid out, for the start-up message. */
  description: string;
  stop(): Promise<void>;
}

/**
 * Data residency on one machine. Region URLs given (DATABASE_URL_EU / _US) are used as they are. Otherwise the EU
 * gets a database of its own and the US region's data stays with the global database (users and the workspace
 * directory): on a real PostgreSQL a sibling database `<name>_eu` on the same server, created when missing; on the
 * embedded default a second PGlite instance in the data directory (one PGlite serves one database). Every database
 * is migrated.
 */
export async function prepareRegionDatabases(options: {
  globalUrl: string;
  embedded: boolean;
  dataDir: string;
  env: Record<string, string | undefined>;
}): Promise<RegionDatabases> {
  let second: EmbeddedPostgres | null = null;
  let EU = options.env.DATABASE_URL_EU;
  const US = options.env.DATABASE_URL_US ?? options.globalUrl;
  if (!EU) {
    if (options.embedded) {
      second = await startEmbeddedPostgres(path.join(options.dataDir, "pg-eu"));
      EU = second.url;
    } else EU = await siblingDatabase(options.globalUrl, "eu");
  }
  for (const url of new Set([EU, US])) if (url !== options.globalUrl) await runMigrations(url);
  return {
    EU,
    US,
    description: options.env.DATABASE_URL_EU
      ? "EU and US databases as configured"
      : options.embedded
        ? `EU data in its own embedded database (${path.join(options.dataDir, "pg-eu")}), US data with the global one`
        : "EU data in its own database on the same server, US data with the global one",
    stop: async () => {
      await second?.stop();
    },
  };
}

/** `<database>_<suffix>` on the same server as `url`, created if it does not exist yet. */
async function siblingDatabase(url: string, suffix: string): Promise<string> {
  const parsed = new URL(url);
  const name = `${decodeURIComponent(parsed.pathname.slice(1))}_${suffix}`;
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}
