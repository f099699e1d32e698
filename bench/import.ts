// pnpm bench:import: the lead importer on a generated CSV of BENCH_ROWS rows (default 1,000,000) into a fresh
// database, beside `psql \copy` of the same file into a bare table, in one run. Prints rows/s and peak memory.
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb } from "@mailflow/db";
import { createFreshDatabase } from "@mailflow/db/testing";
import { leadLimitOf } from "@mailflow/engine";
import { createLeadInserter, importLeadsCsv, insertLeadBatch } from "@mailflow/leads";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 2000);

async function writeCsv(file: string) {
  const out = createWriteStream(file);
  out.write("email,first_name,last_name,company,title,industry\n");
  for (let i = 0; i < ROWS; i++) {
    const line = `lead${i}@company${i % 5000}.example,First${i},Last${i},Company ${i % 5000},Head of Growth,software\n`;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

const dir = mkdtempSync(path.join(tmpdir(), "mailflow-bench-import-"));
const file = path.join(dir, "leads.csv");
await writeCsv(file);
const sizeMb = statSync(file).size / 1024 / 1024;

const fresh = await createFreshDatabase("mailflow_bench_import");
const db = createDb(fresh.url);
try {
  const workspace = await db.workspace.create({ data: { name: "bench", plan: "SCALE" } });
  const list = await db.leadList.create({ data: { workspaceId: workspace.id, name: "bench" } });

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const started = performance.now();
  const report = await importLeadsCsv(createReadStream(file), {
    batchSize: BATCH,
    // What the product runs (within the Scale plan's limit); BENCH_PLAIN=1 measures the bare batch insert.
    insertBatch: process.env.BENCH_PLAIN
      ? (rows) => insertLeadBatch(db, workspace.id, list.id, rows)
      : createLeadInserter(db, workspace.id, list.id, leadLimitOf("SCALE")),
  });
  const importSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);

  execFileSync("psql", [
    fresh.url,
    "-qc",
    "CREATE TABLE bare (email text, first_name text, last_name text, company text, title text, industry text)",
  ]);
  const copyStarted = performance.now();
  execFileSync("psql", [fresh.url, "-qc", `\\copy bare FROM '${file}' WITH (FORMAT csv, HEADER true)`]);
  const copySeconds = (performance.now() - copyStarted) / 1000;

  console.log(
    `\n${ROWS.toLocaleString("en")} rows, ${sizeMb.toFixed(0)} MB CSV, batch ${BATCH}, Node ${process.version}, ${new Date().toISOString()}`,
  );
  console.log("| method | seconds | rows/s | peak RSS MB |");
  console.log("|---|---:|---:|---:|");
  console.log(
    `| importLeadsCsv -> Lead (validate, map, dedupe, unnest insert) | ${importSeconds.toFixed(1)} | ${Math.round(report.imported / importSeconds)} | ${Math.round(peakRss / 1024 / 1024)} |`,
  );
  console.log(`| psql \\copy -> bare table | ${copySeconds.toFixed(1)} | ${Math.round(ROWS / copySeconds)} | n/a |`);
  if (report.imported !== ROWS) console.log(`WARNING: imported ${report.imported} of ${ROWS}`);
} finally {
  await db.$disconnect();
  await fresh.drop();
}
