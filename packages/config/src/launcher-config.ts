import path from "node:path";
import { z } from "zod";
import { databaseUrlFields } from "./databases.ts";
import { ConfigError } from "./errors.ts";

/**
 * What `pnpm start` reads before the server config exists: where to keep local data, and whether a real
 * database was given. Everything it generates (secrets, certificate, embedded database) lives in the data dir.
 */
export const launcherEnvSchema = z.object({
  MAILFLOW_DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: databaseUrlFields.DATABASE_URL.optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(8443),
  HTTP_REDIRECT_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
});

export type LauncherConfig = z.infer<typeof launcherEnvSchema> & { dataDir: string };

export function loadLauncherConfig(
  defaultDataDir: string,
  env: Record<string, string | undefined> = process.env,
): LauncherConfig {
  const parsed = launcherEnvSchema.safeParse(env);
  if (!parsed.success) throw ConfigError.fromZod(parsed.error);
  return { ...parsed.data, dataDir: path.resolve(parsed.data.MAILFLOW_DATA_DIR ?? defaultDataDir) };
}

/** The untouched environment, for passing on to loadServerConfig with the launcher's additions. */
export const processEnv = (): Record<string, string | undefined> => ({ ...process.env });
