export { ConfigError } from "./errors.ts";
export { secretSchema } from "./secret.ts";
export { loadServerConfig, type ServerConfig, serverEnvSchema } from "./server-config.ts";
