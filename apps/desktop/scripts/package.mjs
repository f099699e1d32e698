// `pnpm --filter @mailflow/desktop package`: builds, then packages the app for this OS with @electron/packager.
// Packaging downloads the Electron runtime for the target (from GitHub), so it runs on a machine with internet
// access, not in CI here. Everything the app needs is bundled into dist/, so node_modules stays out of the package.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
execFileSync("node", ["scripts/build.mjs"], { cwd: root, stdio: "inherit" });
const electronVersion = "41.10.0";
execFileSync(
  "npx",
  [
    "--yes",
    "@electron/packager@19",
    ".",
    "MailFlowAdmin",
    `--electron-version=${electronVersion}`,
    "--out=packages",
    "--overwrite",
    "--prune=false",
    "--ignore=^/(src|scripts|node_modules|packages)($|/)",
    ...process.argv.slice(2), // e.g. --platform=darwin --arch=arm64
  ],
  { cwd: root, stdio: "inherit" },
);
