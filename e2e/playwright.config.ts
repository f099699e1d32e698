import { defineConfig, devices } from "@playwright/test";
import { BASE_URL } from "./fixtures/env.ts";

// Debian's Chromium, never a downloaded browser (see ../shared/recipes/toolchain.md), against MailFlow started by
// fixtures/stack.ts on the real PostgreSQL and the test mail stack.
export default defineConfig({
  testDir: ".",
  testMatch: ["web/**/*.spec.ts", "desktop/**/*.spec.ts", "api/**/*.spec.ts"],
  outputDir: "artifacts/test-results",
  timeout: 180_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  // list: what CI prints; json: the summary line of scripts/test.sh; html: a browsable report with traces.
  reporter: [
    ["list"],
    ["json", { outputFile: "../.test-results/playwright.json" }],
    ["html", { outputFolder: "artifacts/report", open: "never" }],
  ],
  use: {
    baseURL: BASE_URL,
    ignoreHTTPSErrors: true, // the launcher's self-signed localhost certificate
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    {
      name: "web",
      testMatch: "web/**/*.spec.ts",
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 } },
    },
    // The desktop app's renderer in Chromium (fixtures/desktop-harness.ts), and the real app where Electron exists.
    { name: "desktop-app", testMatch: "desktop/**/*.spec.ts", use: { viewport: { width: 1280, height: 860 } } },
    // The typed client as integrations use it (examples/), no browser.
    { name: "api", testMatch: "api/**/*.spec.ts" },
  ],
  webServer: {
    command: "pnpm exec tsx fixtures/stack.ts",
    url: `${BASE_URL}/api/health`,
    ignoreHTTPSErrors: true,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
