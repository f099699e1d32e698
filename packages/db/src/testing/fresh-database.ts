import { randomBytes } from "node:crypto";
import pg from "pg";
import { runMigrations } from "../migrate.ts";

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

const defaultServer = "postgresql://postgres@127.0.0.1:5432";

/** A new, migrated database on the real PostgreSQL, for one test run; `drop()` removes it. */
export async function createFreshDatabase(
  prefix = "mailflow_test",
  serverUrl = process.env.TEST_POSTGRES_URL ?? defaultServer,
): Promise<FreshDatabase> {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = `${serverUrl}/${name}`;
  await runMigrations(url);
  return {
    url,
    drop: async () => {
      await withAdmin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/**
 * A copy of an already migrated database (CREATE DATABASE ... TEMPLATE): milliseconds instead of a migration run,
 * so each test file can have a database of its own. The template must have no open connection.
 */
export async function cloneDatabase(templateUrl: string): Promise<FreshDatabase> {
  const slash = templateUrl.lastIndexOf("/");
  const serverUrl = templateUrl.slice(0, slash);
  const template = templateUrl.slice(slash + 1);
  const name = `${template}_${randomBytes(4).toString("hex")}`;
  await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    url: `${serverUrl}/${name}`,
    drop: async () => {
      await withAdmin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
