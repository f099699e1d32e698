import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Built into dist/, which apps/server serves under its strict CSP: no inline script, no inline style.
export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Vite's module-preload polyfill is a script of its own; every browser we support preloads modules natively.
    modulePreload: { polyfill: false },
    // Fonts and icons stay files: a data: URL stylesheet asset is fine under the CSP, but files cache better.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    // `pnpm --filter @mailflow/web dev` next to a running server: the API is proxied so cookies stay same-origin.
    proxy: {
      "/trpc": { target: "https://localhost:8443", secure: false },
      "/api": { target: "https://localhost:8443", secure: false },
    },
  },
});
