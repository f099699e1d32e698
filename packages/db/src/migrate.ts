import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const prismaCli = fileURLToPath(new URL("../node_modules/prisma/build/index.js", import.meta.url));

/**
 * Applies prisma/migrations to the database with Prisma's own `migrate deploy` (through the offline schema engine),
 * so tests, the embedded start and production all run exactly the migration files in the repo.
 */
export async function runMigrations(databaseUrl: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [prismaCli, "migrate", "deploy"], {
    cwd: packageDir,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  return stdout;
}
