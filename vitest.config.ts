import { defineConfig } from "vitest/config";

// One run over every package, one summary. Each project keeps its own config (global setup, timeouts).
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "apps/*/vitest.config.ts"],
  },
});
