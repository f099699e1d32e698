export { type CliConfig, cliEnvSchema, loadCliConfig } from "./cli-config.ts";
export { CONTENT_SECURITY_POLICY_DIRECTIVES, contentSecurityPolicyHeader } from "./content-security-policy.ts";
export { ConfigError } from "./errors.ts";
export { type LauncherConfig, launcherEnvSchema, loadLauncherConfig, processEnv } from "./launcher-config.ts";
export { secretSchema } from "./secret.ts";
export { loadServerConfig, type ServerConfig, serverEnvSchema } from "./server-config.ts";
export { loadWorkerConfig, type WorkerConfig, workerEnvSchema } from "./worker-config.ts";
