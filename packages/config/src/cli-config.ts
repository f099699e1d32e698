import { z } from "zod";
import { ConfigError } from "./errors.ts";

/** What the operator commands (apps/cli) read: the database, and the vault key ring for vault:rotate. */
export const cliEnvSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" }),
  /**
   * Data residency: the databases of the EU and US regions (each workspace's data lives only in its region's).
   * Unset: that region's data stays in DATABASE_URL, which always holds users and the workspace directory.
   */
  DATABASE_URL_EU: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" }).optional(),
  DATABASE_URL_US: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" }).optional(),
  VAULT_KEYS: z.string().min(1).optional(),
  VAULT_KEYS_FILE: z.string().min(1).optional(),
});

export type CliConfig = z.infer<typeof cliEnvSchema>;

export function loadCliConfig(env: Record<string, string | undefined> = process.env): CliConfig {
  const parsed = cliEnvSchema.safeParse(env);
  if (!parsed.success) throw ConfigError.fromZod(parsed.error);
  return parsed.data;
}
