import { defineConfig } from "vitest/config";

// The backup round trip starts a PostgreSQL cluster of its own and restores it: minutes, not seconds.
export default defineConfig({ test: { testTimeout: 300_000, hookTimeout: 120_000 } });
