// `pnpm --filter @mailflow/desktop build`: the renderer with Vite, the main process and the preload with esbuild
// (CommonJS: Electron's sandboxed preloads cannot be ES modules). Nothing is downloaded, and no Electron binary is
// needed to build; dist/ is what `electron .` and the packager run.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
rmSync(`${root}/dist`, { recursive: true, force: true });
execFileSync("pnpm", ["exec", "vite", "build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node22", // Electron 41's Node
  external: ["electron"],
  sourcemap: false,
  logLevel: "warning",
};
await build({ ...common, entryPoints: [`${root}/src/main/index.ts`], outfile: `${root}/dist/main/index.cjs` });
await build({ ...common, entryPoints: [`${root}/src/preload/index.ts`], outfile: `${root}/dist/preload/index.cjs` });
console.log("built apps/desktop/dist (main, preload, renderer)");
