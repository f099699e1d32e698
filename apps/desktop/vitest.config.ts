import { defineConfig } from "vitest/config";

// The main process's logic in Node, with the electron module replaced at its one boundary (src/main/index.ts).
// The renderer is tested in Chromium by e2e/desktop; the real app by e2e/desktop/electron-app.spec.ts where an
// Electron binary exists.
export default defineConfig({
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
