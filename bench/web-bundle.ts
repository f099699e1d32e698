// `pnpm bench:web`: what a first visit to the dashboard downloads. Builds apps/web, then reads the built
// index.html for the scripts and stylesheets it loads up front (the entry chunk and what it preloads; page chunks
// load later, on navigation) and prints their raw and gzip sizes, with the largest lazy page chunks beside them.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const web = fileURLToPath(new URL("../apps/web", import.meta.url));
const dist = path.join(web, "dist");
execFileSync("pnpm", ["exec", "vite", "build"], { cwd: web, stdio: "ignore" });

const html = readFileSync(path.join(dist, "index.html"), "utf8");
const initial = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
const size = (file: string) => {
  const bytes = readFileSync(path.join(dist, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

let js = { raw: 0, gzip: 0 };
let css = { raw: 0, gzip: 0 };
console.log("loaded by index.html (first visit):");
for (const file of initial) {
  const s = size(file);
  if (file.endsWith(".js")) js = { raw: js.raw + s.raw, gzip: js.gzip + s.gzip };
  else css = { raw: css.raw + s.raw, gzip: css.gzip + s.gzip };
  console.log(`  ${file.padEnd(40)} ${kb(s.raw).padStart(10)} raw ${kb(s.gzip).padStart(10)} gzip`);
}
console.log(`initial JS:  ${kb(js.raw)} raw, ${kb(js.gzip)} gzip`);
console.log(`initial CSS: ${kb(css.raw)} raw, ${kb(css.gzip)} gzip`);

const lazy = readdirSync(path.join(dist, "assets"))
  .filter((f) => f.endsWith(".js") && !initial.includes(`/assets/${f}`))
  .map((f) => ({ f, ...size(`assets/${f}`) }))
  .sort((a, b) => b.gzip - a.gzip);
console.log(`page chunks loaded on navigation: ${lazy.length}, largest:`);
for (const c of lazy.slice(0, 3)) console.log(`  ${c.f.padEnd(40)} ${kb(c.gzip).padStart(10)} gzip`);
