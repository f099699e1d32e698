import type { z } from "zod";

/** Thrown when the environment is unusable; the message names every wrong variable and never echoes a value. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }

  static fromZod(error: z.ZodError): ConfigError {
    return new ConfigError(error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`));
  }
}
