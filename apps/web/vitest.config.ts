import { defineConfig } from "vitest/config";

// Pure helpers of the dashboard (no DOM); the pages themselves are tested in Chromium by e2e/web.
export default defineConfig({
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
