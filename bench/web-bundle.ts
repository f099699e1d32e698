// `pnpm bench:web`: what a first visit downloads, for the web dashboard and the desktop app's renderer. Builds each
// with Vite, then reads its built index.html for the scripts and stylesheets it loads up front (the entry chunk and
// what it preloads; the dashboard's page chunks load later, on navigation) and prints raw and gzip sizes.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const apps = [
  { name: "web dashboard (apps/web)", root: "../apps/web", dist: "../apps/web/dist" },
  { name: "desktop renderer (apps/desktop)", root: "../apps/desktop", dist: "../apps/desktop/dist/renderer" },
];
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

for (const app of apps) {
  const root = fileURLToPath(new URL(app.root, import.meta.url));
  const dist = fileURLToPath(new URL(app.dist, import.meta.url));
  execFileSync("pnpm", ["exec", "vite", "build"], { cwd: root, stdio: "ignore" });
  const html = readFileSync(path.join(dist, "index.html"), "utf8");
  const initial = [...html.matchAll(/(?:src|href)="\.?(\/?assets\/[^"]+\.(?:js|css))"/g)].map((m) =>
    m[1]!.replace(/^\//, ""),
  );
  const size = (file: string) => {
    const bytes = readFileSync(path.join(dist, file));
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const total = (ext: string) =>
    initial
      .filter((f) => f.endsWith(ext))
      .map(size)
      .reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
  console.log(`${app.name}: loaded by index.html on a first visit:`);
  for (const file of initial)
    console.log(`  ${file.padEnd(44)} ${kb(size(file).raw).padStart(10)} raw ${kb(size(file).gzip).padStart(10)} gzip`);
  const js = total(".js");
  const css = total(".css");
  console.log(`  initial JS:  ${kb(js.raw)} raw, ${kb(js.gzip)} gzip`);
  console.log(`  initial CSS: ${kb(css.raw)} raw, ${kb(css.gzip)} gzip`);
  const lazy = readdirSync(path.join(dist, "assets"))
    .filter((f) => f.endsWith(".js") && !initial.includes(`assets/${f}`))
    .map((f) => ({ f, ...size(`assets/${f}`) }))
    .sort((a, b) => b.gzip - a.gzip);
  if (lazy.length) {
    console.log(`  chunks loaded on navigation: ${lazy.length}, largest:`);
    for (const c of lazy.slice(0, 3)) console.log(`    ${c.f.padEnd(42)} ${kb(c.gzip).padStart(10)} gzip`);
  }
}
