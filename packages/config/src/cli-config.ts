import { z } from "zod";
import { databaseUrlFields } from "./databases.ts";
import { ConfigError } from "./errors.ts";

/** What the operator commands (apps/cli) read: the database, and the vault key ring for vault:rotate. */
export const cliEnvSchema = z.object({
  ...databaseUrlFields,
  VAULT_KEYS: z.string().min(1).optional(),
  VAULT_KEYS_FILE: z.string().min(1).optional(),
});

export type CliConfig = z.infer<typeof cliEnvSchema>;

export function loadCliConfig(env: Record<string, string | undefined> = process.env): CliConfig {
  const parsed = cliEnvSchema.safeParse(env);
  if (!parsed.success) throw ConfigError.fromZod(parsed.error);
  return parsed.data;
}
